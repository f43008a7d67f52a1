import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Tokenizer } from "../../../src/index/tokenizer.js";
import { abbreviationsOf } from "../../../src/engine/understand/abbreviations.js";
import type { PolicyEngine } from "../../../src/engine/engine.js";
import { outlineEngine } from "../support.js";

let tokenizer: Tokenizer;
beforeAll(() => {
  tokenizer = new Tokenizer({ keepWhole: ["质押融资", "维权援助"], stopwords: [] });
});

describe("short forms of the domain's terms", () => {
  it("makes 质融 of 质押融资 and 维援 of 维权援助, but no short form that is a word of its own or that two terms share", () => {
    const groups = abbreviationsOf(["质押融资", "维权援助", "公益诉讼", "生物育种", "地理标志", "地理标识", "知识产权保护"], tokenizer, () => false);
    expect(groups).toEqual([
      { when: ["质融"], add: ["质押融资"] },
      { when: ["维援"], add: ["维权援助"] },
    ]);
  });

  it("leaves out a short form the corpus or the lexicon already uses", () => {
    expect(abbreviationsOf(["质押融资"], tokenizer, (w) => w === "质融")).toEqual([]);
  });

  it("reads a short form only where it stands apart in the question", () => {
    expect(tokenizer.standsApart("知产质融能线上办吗", "质融")).toBe(true);
    expect(tokenizer.standsApart("落实新政策有哪些", "实新")).toBe(false);
    expect(tokenizer.standsApart("在国外被告了怎么办", "外被")).toBe(false);
  });

  it("holds a word or phrase where it could be read as written, not begun inside one word and carried into the next", () => {
    expect(tokenizer.holdsWord("企业年报怎么报", "年报")).toBe(true);
    expect(tokenizer.holdsWord("知识产权资助一年报几次", "年报")).toBe(false);
    expect(tokenizer.holdsWord("毕业后想离开公司", "开公司")).toBe(false);
    expect(tokenizer.holdsWord("开公司需要准备什么", "开公司")).toBe(true);
    // A phrase of several words is held where it starts with one of them.
    expect(tokenizer.holdsWord("那起商标侵权案判了没有", "判了没")).toBe(true);
  });
});

describe("short forms through the engine", () => {
  let engine: PolicyEngine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ engine, cleanup } = await outlineEngine()), 120_000);
  afterAll(() => cleanup?.());

  it("answers a question in short forms no lexicon line lists with the measure of the full terms", async () => {
    expect((await engine.answer("知产质融能线上办吗")).citations[0]?.title).toBe("建立知识产权运营机制");
    expect((await engine.answer("维援找谁")).citations[0]?.title).toBe("健全知识产权保护机制");
  });
});
