import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizeScript } from "../../../src/engine/understand/script.js";
import { correctTypos, createVocabulary, type Vocabulary } from "../../../src/engine/understand/typos.js";
import { OUTLINE_PATH, ROOT, SHARED_DEV_SET } from "../../helpers/paths.js";
import { outlineVocabulary } from "./vocabulary.js";

let vocabulary: Vocabulary;
beforeAll(async () => {
  vocabulary = await outlineVocabulary();
});

const fixed = (question: string) => correctTypos(question, vocabulary).text;

describe("correctTypos over the outline's vocabulary", () => {
  it.each([
    ["专力质压代款咋弄", "专利质押贷款咋弄"],
    ["商表被人抢住了怎么办", "商标被人抢注了怎么办"],
    ["专力申请有补帖吗", "专利申请有补贴吗"],
    ["知识产全保护找谁", "知识产权保护找谁"],
    ["地里标志怎么申请", "地理标志怎么申请"],
    ["知识产权宣传粥是几月", "知识产权宣传周是几月"],
    ["专利代理机够乱收费", "专利代理机构乱收费"],
    ["商业秘蜜被泄露了", "商业秘密被泄露了"],
    ["侵全了怎么办", "侵权了怎么办"],
    ["维全援助找谁", "维权援助找谁"],
  ])("reads %s as %s", (typed, meant) => {
    expect(fixed(typed)).toBe(meant);
  });

  it("lists each correction in order, as typed and as understood", () => {
    expect(correctTypos("专力质压代款咋弄", vocabulary).corrections).toEqual([
      { from: "专力", to: "专利" },
      { from: "质压", to: "质押" },
      { from: "代款", to: "贷款" },
    ]);
  });

  it("folds the sounds a pinyin keyboard confuses (z/zh, an/ang …)", () => {
    expect(fixed("知识产全")).toBe("知识产权");
    expect(fixed("商业秘蜜")).toBe("商业秘密");
    // zhou → zou, zhuan → zuan: near, not equal.
    const v = createVocabulary(["宣传周", "专利"]);
    expect(correctTypos("宣传邹", v).text).toBe("宣传周");
    expect(correctTypos("钻利", v).text).toBe("专利");
  });

  it("keeps text outside Chinese runs as it is", () => {
    expect(fixed("AI企业的专力布局？")).toBe("AI企业的专利布局？");
  });

  it("changes nothing in correctly written questions", () => {
    const questions: string[] = [];
    for (const file of ["test/engine/blind.jsonl", "test/engine/blind2.jsonl"].map((f) => `${ROOT}/${f}`).concat(SHARED_DEV_SET)) {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        continue;
      }
      for (const line of text.trim().split("\n")) questions.push(JSON.parse(line).question);
    }
    expect(questions.length).toBeGreaterThan(100);
    const changed = questions.map((q) => normalizeScript(q)).filter((q) => correctTypos(q, vocabulary).corrections.length > 0);
    expect(changed).toEqual([]);
  });

  it("changes nothing in the outline's own sentences", () => {
    const sentences = readFileSync(OUTLINE_PATH, "utf8")
      .split(/[。；\n]/)
      .filter((s) => s.trim().length > 0);
    expect(sentences.filter((s) => correctTypos(s, vocabulary).corrections.length > 0)).toEqual([]);
  });

  it("never corrects an everyday word the corpus does not use, nor a character that is a word alone", () => {
    const v = createVocabulary(["公示", "我市", "职能"]);
    expect(correctTypos("我们公司", v).corrections).toEqual([]);
    expect(correctTypos("我是技术员", v).corrections).toEqual([]);
    expect(correctTypos("案子能不能快点判", v).corrections).toEqual([]);
  });

  it("never corrects a word the vocabulary knows", () => {
    const v = createVocabulary(["专利", "专力"]);
    expect(correctTypos("专力", v).corrections).toEqual([]);
  });

  it("leaves a word as written when two different words are equally close", () => {
    const v = createVocabulary(["商标", "商镖"]);
    expect(correctTypos("商表", v).corrections).toEqual([]);
    const frequent = createVocabulary(["商标", "商标", "商标", "商标", "商镖"]);
    expect(correctTypos("商表", frequent).text).toBe("商标");
  });
});
