import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/engine/engine.js";
import { outlineEngine } from "../engine/support.js";
import type { Answer } from "../../src/engine/answer-schema.js";
import { escapeHtml } from "../../src/bot/format/escape.js";
import { formatAnswer } from "../../src/bot/format/answer.js";
import { answerKeyboard } from "../../src/bot/keyboards.js";
import { decodeAction } from "../../src/bot/callback-data.js";
import { splitForTelegram } from "../../src/bot/format/split.js";

/** What Telegram shows: tags removed, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** True when every tag opened in `html` is closed in order and no tag or entity is cut. */
function isBalanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z-]+)[^>]*>/g)) {
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  const withoutTags = html.replace(/<\/?[a-z-]+[^<>]*>/g, "");
  const cutTag = /[<>]/.test(withoutTags);
  const cutEntity = /&(?!(?:amp|lt|gt|quot);)/.test(withoutTags);
  return stack.length === 0 && !cutTag && !cutEntity;
}

describe("escapeHtml", () => {
  it("turns markup a user sends into text", () => {
    expect(escapeHtml("<b>x</b><script>")).toBe("&lt;b&gt;x&lt;/b&gt;&lt;script&gt;");
  });
  it("escapes & so that it never starts an entity, and quotes for attributes", () => {
    expect(escapeHtml('A&B &amp; "c"')).toBe("A&amp;B &amp;amp; &quot;c&quot;");
  });
});

describe("formatAnswer, from the engine's parts", () => {
  let engine: PolicyEngine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ engine, cleanup } = await outlineEngine()), 120_000);
  afterAll(() => cleanup?.());

  it("puts 责任单位 in bold on its own line, once, units exactly as written", async () => {
    const html = formatAnswer(await engine.answer("专利质押贷款找哪个部门？"));
    expect(html.split("\n")).toContain("<b>责任单位：市市场监管局、市文化和旅游局、泰安银保监分局</b>");
    expect(html.match(/市文化和旅游局、泰安银保监分局/g)).toHaveLength(1);
  });
  it("names 牵头 and 配合 units apart on the bold line when the text gives their roles", async () => {
    const answer = await engine.answer("专利质押贷款找哪个部门？");
    const units = [
      { name: "市市场监管局", role: "lead" as const },
      { name: "泰安银保监分局", role: "support" as const },
    ];
    const html = formatAnswer({ ...answer, parts: { ...answer.parts, units } });
    expect(html.split("\n")).toContain("<b>责任单位：牵头：市市场监管局；配合：泰安银保监分局</b>");
  });
  it("shows the measure title in bold and its place in the outline, once", async () => {
    const html = formatAnswer(await engine.answer("专利质押贷款怎么办理？"));
    expect(html).toContain("<b>建立知识产权运营机制</b>");
    expect(html.match(/三、工作措施 › （三）提升知识产权运用效益 › 2.建立知识产权运营机制/g)).toHaveLength(1);
    expect(html).toContain("质押融资");
  });
  it("notes once that a 征求意见稿 is a draft for comment, and only for drafts", async () => {
    const answer = await engine.answer("专利质押贷款怎么办理？");
    expect(formatAnswer(answer).match(/征求意见稿，内容以正式印发/g)).toHaveLength(1);
    const official: Answer = { ...answer, parts: { ...answer.parts, draftNote: undefined } };
    expect(formatAnswer(official)).not.toContain("内容以正式印发");
  });
  it("escapes corpus and question text", async () => {
    const answer = await engine.answer("专利质押贷款怎么办理？");
    const hostile = formatAnswer({ ...answer, parts: { ...answer.parts, quotes: ["<script>&"] }, citations: [{ ...answer.citations[0]!, title: "<i>t</i>" }] });
    expect(hostile).toContain("&lt;script&gt;&amp;");
    expect(hostile).toContain("<b>&lt;i&gt;t&lt;/i&gt;</b>");
    expect(isBalanced(hostile)).toBe(true);
  });
  it("shows an out-of-scope answer without inventing a measure", async () => {
    const html = formatAnswer(await engine.answer("今天天气怎么样？"));
    expect(html).toContain("您问：今天天气怎么样？");
    expect(html).not.toContain("<b>责任单位");
  });
  it("lists a unit's measures once each", async () => {
    const html = formatAnswer(await engine.answer("市公安局负责哪些工作？"));
    const items = html.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items).size).toBe(items.length);
  });
  it("names the document of a unit's measures once, above them", async () => {
    const html = formatAnswer(await engine.answer("市监局负责哪些工作？"));
    const items = html.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(items.length).toBeGreaterThan(10);
    expect(items.every((l) => !l.includes("《"))).toBe(true);
    expect(html.split("\n")).toContain("《泰安市知识产权强市建设纲要（征求意见稿）》");
  });

  describe("a question back (kind clarify)", () => {
    /** The engine's answer with the choices of a question back, two measures it knows, as the contract describes them. */
    async function questionBack(): Promise<Answer> {
      const pledge = (await engine.answer("专利质押贷款怎么办理？")).citations[0]!;
      const mediation = (await engine.answer("知识产权纠纷调解找谁？")).citations[0]!;
      const answer = await engine.answer("专利质押贷款怎么办理？");
      const choices = [pledge, mediation].map((c) => ({ id: c.id, title: c.title, citeAs: c.citeAs, documentShort: c.documentShort }));
      return { ...answer, kind: "clarify", parts: { ...answer.parts, lead: "您是想问……", choices } };
    }

    it("lists the measures it offers, numbered, named as they are cited, and no quote or units", async () => {
      const answer = await questionBack();
      const lines = formatAnswer(answer).split("\n");
      expect(lines[0]).toBe("<b>您是想问……</b>");
      expect(lines).toContain("1. 《泰安市知识产权强市建设纲要》「建立知识产权运营机制」");
      expect(lines).toContain("2. 《泰安市知识产权强市建设纲要》「加强知识产权纠纷调处」");
      expect(lines.join("\n")).not.toContain("责任单位");
    });

    it("offers each measure as a button within 64 bytes that names only its place, and no 👍/👎", async () => {
      const keyboard = answerKeyboard({ answer: await questionBack(), queryId: 42 }, { botUsername: "TestNameBot", examples: [], serviceExamples: [] });
      const buttons = keyboard.inline_keyboard.flat();
      expect(buttons.map((b) => b.text)).toEqual(["1. 建立知识产权运营机制", "2. 加强知识产权纠纷调处"]);
      const data = buttons.map((b) => ("callback_data" in b ? b.callback_data : ""));
      for (const d of data) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(64);
      expect(data.map(decodeAction)).toEqual([
        { kind: "choice", index: 0 },
        { kind: "choice", index: 1 },
      ]);
    });

    it("escapes the measures' titles", async () => {
      const answer = await questionBack();
      const hostile: Answer = { ...answer, parts: { ...answer.parts, choices: [{ id: "x", title: "<b>t</b>", citeAs: "", documentShort: "A&B" }] } };
      const html = formatAnswer(hostile);
      expect(html).toContain("1. 《A&amp;B》「&lt;b&gt;t&lt;/b&gt;」");
      expect(isBalanced(html)).toBe(true);
    });
  });
});

describe("splitForTelegram", () => {
  const sentence = "积极做好<b>商标、专利</b>质押融资&amp;合同登记备案等<i>相关工作</i>。";
  const lines: string[] = [];
  let long = "";
  while (long.length < 10_000) {
    const line = `${sentence.repeat(3)}<b>推进知识产权质押融资办理电子化，降低 &lt;企业&gt; 融资成本。扩大覆盖面。</b>`;
    lines.push(line);
    long = lines.join("\n");
  }
  // One very long bold run with no line end, so that parts must cut inside <b>.
  long += "\n<b>" + "知识产权".repeat(1500) + "。</b>";

  const parts = splitForTelegram(long);

  it("keeps every part within Telegram's 4,096 characters", () => {
    expect(long.length).toBeGreaterThan(10_000);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
  });
  it("never breaks a tag or an entity, and every part is balanced", () => {
    for (const part of parts) expect(isBalanced(part), part.slice(0, 80)).toBe(true);
  });
  it("rejoins to the same text", () => {
    expect(parts.map(visibleText).join("")).toBe(visibleText(long));
  });
  it("prefers line ends and sentence ends", () => {
    for (const part of parts.slice(0, -2)) expect(visibleText(part)).toMatch(/[\n。]$/);
  });
  it("leaves a short message alone", () => {
    expect(splitForTelegram("<b>短</b>")).toEqual(["<b>短</b>"]);
  });
  it("does not cut a surrogate pair", () => {
    const emoji = "👍".repeat(3000);
    const out = splitForTelegram(emoji);
    expect(out.join("")).toBe(emoji);
    for (const part of out) expect(part.length % 2).toBe(0);
  });
});
