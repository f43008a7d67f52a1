import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/engine/answer-schema.js";
import { escapeHtml } from "../../src/bot/format/escape.js";
import { formatAnswer } from "../../src/bot/format/answer.js";
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

const pledge: Answer = {
  question: "专利质押贷款怎么办理？",
  status: "answered",
  answer: "积极做好商标、专利质押融资合同登记备案等相关工作。推进知识产权质押融资办理电子化，降低企业融资成本。",
  citations: [
    {
      id: "outline#3.3.2",
      document: "泰安市知识产权强市建设纲要（征求意见稿）",
      path: ["三、工作措施", "（三）提升知识产权运用效益", "2.建立知识产权运营机制"],
      title: "建立知识产权运营机制",
      units: ["市市场监管局", "市文化和旅游局", "泰安银保监分局"],
      quote: "积极做好商标、专利质押融资合同登记备案等相关工作",
    },
  ],
  kind: "topic",
  confidence: 0.9,
  source: "engine",
};

describe("escapeHtml", () => {
  it("turns markup a user sends into text", () => {
    expect(escapeHtml("<b>x</b><script>")).toBe("&lt;b&gt;x&lt;/b&gt;&lt;script&gt;");
  });
  it("escapes & so that it never starts an entity, and quotes for attributes", () => {
    expect(escapeHtml('A&B &amp; "c"')).toBe("A&amp;B &amp;amp; &quot;c&quot;");
  });
});

describe("formatAnswer", () => {
  const html = formatAnswer(pledge);
  it("puts 责任单位 on its own line, units exactly as written", () => {
    expect(html.split("\n")).toContain("责任单位：市市场监管局、市文化和旅游局、泰安银保监分局");
  });
  it("shows the measure title in bold and its place in the outline", () => {
    expect(html).toContain("<b>建立知识产权运营机制</b>");
    expect(html).toContain("三、工作措施 › （三）提升知识产权运用效益 › 2.建立知识产权运营机制");
  });
  it("notes that a 征求意见稿 is a draft for comment", () => {
    expect(html).toContain("《泰安市知识产权强市建设纲要（征求意见稿）》为征求意见稿");
    const final = formatAnswer({ ...pledge, citations: pledge.citations.map((c) => ({ ...c, document: "泰安市知识产权强市建设纲要" })) });
    expect(final).not.toContain("征求意见稿");
  });
  it("escapes corpus and question text", () => {
    const hostile = formatAnswer({ ...pledge, answer: "<script>&", citations: [{ ...pledge.citations[0]!, title: "<i>t</i>" }] });
    expect(hostile).toContain("&lt;script&gt;&amp;");
    expect(hostile).toContain("<b>&lt;i&gt;t&lt;/i&gt;</b>");
    expect(isBalanced(hostile)).toBe(true);
  });
  it("marks curated answers and does not repeat a units line the answer already has", () => {
    const curated = formatAnswer({ ...pledge, source: "curated", answer: "请见下文。\n责任单位：市市场监管局、市文化和旅游局、泰安银保监分局" });
    expect(curated).toContain("工作人员审定");
    expect(curated.match(/责任单位：/g)).toHaveLength(1);
  });
  it("shows an out-of-scope answer without inventing a measure", () => {
    const html = formatAnswer({ ...pledge, status: "out_of_scope", citations: [], answer: "纲要中没有相关内容。" });
    expect(html).toContain("纲要中没有相关内容。");
    expect(html).toContain("您问：专利质押贷款怎么办理？");
    expect(html).not.toContain("责任单位：");
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

describe("formatAnswer on the engine's own wording", () => {
  const engineText = [
    "《泰安市知识产权强市建设纲要（征求意见稿）》 三、工作措施 › （三）提升知识产权运用效益 › 2.建立知识产权运营机制：",
    "积极做好商标、专利质押融资合同登记备案等相关工作。",
    "责任单位：市市场监管局、市文化和旅游局、泰安银保监分局",
    "相关措施：「健全知识产权公共服务体系」（责任单位：市市场监管局）",
    "注：《泰安市知识产权强市建设纲要（征求意见稿）》是征求意见稿，内容以正式印发的文件为准。",
  ].join("\n");
  const html = formatAnswer({ ...pledge, answer: engineText, citations: [...pledge.citations, { ...pledge.citations[0]!, id: "x#2", title: "健全知识产权公共服务体系", units: ["市市场监管局"] }] });

  it("says each thing once: units line, related measures, draft note, place", () => {
    expect(html.match(/^责任单位：市市场监管局、市文化和旅游局、泰安银保监分局$/gm)).toHaveLength(1);
    expect(html.match(/相关措施/g)).toHaveLength(1);
    expect(html.match(/征求意见稿，内容以正式印发/g)).toHaveLength(1);
    expect(html.match(/三、工作措施 › （三）提升知识产权运用效益 › 2.建立知识产权运营机制/g)).toHaveLength(1);
    expect(html).toContain("积极做好商标、专利质押融资合同登记备案等相关工作。");
  });
});
