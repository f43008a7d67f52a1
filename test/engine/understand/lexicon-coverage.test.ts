import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLexicon } from "../../../src/corpus/lexicon.js";
import type { PolicyEngine } from "../../../src/engine/engine.js";
import { parseDataset } from "../../../src/eval/dataset.js";
import { judge, score } from "../../../src/eval/score.js";
import { CORPUS_DIR, ROOT } from "../../helpers/paths.js";
import { outlineEngine } from "../support.js";

let engine: PolicyEngine;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ engine, cleanup } = await outlineEngine());
});
afterAll(() => cleanup());

async function answerAll(file: string) {
  const items = parseDataset(await readFile(path.join(ROOT, file), "utf8"));
  const results = [];
  for (const item of items) results.push(judge(item, await engine.answer(item.question)));
  return score(results);
}

describe("the lexicon's short forms and situations (corpus/lexicon.json)", () => {
  // Short forms (专利贷, 地标, 商秘, 贯标, 技调官 …) and situations told in an enterprise's words (selling a patent,
  // fearing suits at a fair abroad, a squatter asking money, slow lawsuits, an agency that took the fee, junk filings).
  it("answers them with the measure that covers them, refusing none", async () => {
    const scores = await answerAll("test/engine/understand/colloquial.jsonl");
    const failures = scores.failed.map((f) => `${f.item.id} ${f.item.question}: ${f.failures.join("; ")}`).join("\n");
    expect(scores.falseRefusals, failures).toBe(0);
    expect(scores.top1.hit / scores.top1.of, failures).toBeGreaterThanOrEqual(0.88);
  });

  // Each of these was refused before the lexicon learnt the situations; a trigger word too common (网上, 创业, 卖掉) would let them in.
  it.each([
    "抖音怎么开店",
    "开公司需要什么手续",
    "网上买东西被骗了",
    "直播带货怎么做",
    "跑腿服务哪家好",
    "我的房子估值多少",
    "鉴定一下这个古董",
    "被人起诉离婚了",
    "展会门票多少钱",
    "孩子上学怎么报名",
    "二手车值多少钱",
    "商场几点关门",
  ])("still refuses %s", async (question) => {
    expect((await engine.answer(question)).status).toBe("out_of_scope");
  });

  it.each([
    ["专利贷怎么申请", "建立知识产权运营机制"],
    ["地标产品归谁管", "注重知识产权品牌培育"],
    ["我们的商标被别人先注册了，现在对方开价让我们花钱买回来", "完善知识产权综合监管"],
    ["找的代理公司收了钱什么都不干，专利到现在也没申请下来", "完善知识产权综合监管"],
    ["有的公司为了拿补贴乱申请一堆垃圾专利，管不管", "完善知识产权综合监管"],
    ["下个月要去德国参展，担心被外国公司告侵权，有人指导吗", "健全知识产权保护机制"],
    ["侵权官司打了一年多还没判，太慢了", "加大知识产权司法保护力度"],
  ])("answers %s with %s", async (question, title) => {
    const answer = await engine.answer(question);
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]?.title).toBe(title);
  });

  // An English question finds its measure through the lexicon's English words; the answer stays Chinese, with the lexicon's englishNote.
  it.each([
    ["How can I get a patent pledge loan in Tai'an?", "建立知识产权运营机制"],
    ["Who handles trademark infringement?", "开展知识产权专项行动"],
    ["Is there any subsidy for patent applications?", "强化知识产权政策导向"],
    ["Someone squatted our trademark and asks for money, what can we do?", "完善知识产权综合监管"],
    ["Who is responsible for geographical indications?", "注重知识产权品牌培育"],
  ])("answers the English question %s with %s", async (question, title) => {
    const answer = await engine.answer(question);
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]?.title).toBe(title);
  });

  it.each(["What is the weather today?", "How do I apply for a visa?"])("refuses the English question %s, which is not about IP", async (question) => {
    expect((await engine.answer(question)).status).toBe("out_of_scope");
  });

  it("has a one-line English note for English questions", async () => {
    const lexicon = await readLexicon(CORPUS_DIR);
    expect(lexicon.englishNote).toMatch(/^[\x20-\x7e]+$/);
    expect(lexicon.englishNote).not.toContain("\n");
  });
});
