import { describe, expect, it } from "vitest";
import { CitationSchema } from "../../src/engine/answer-schema.js";
import { citationIs } from "../../src/eval/score.js";

const cite = (path: string[], title: string) => CitationSchema.parse({ id: "x", document: "泰安市知识产权资助奖励办法（示例）", path, title, units: [], quote: "" });

describe("citationIs", () => {
  it("takes a row of a table as part of the article the table stands under, and nothing else above it", () => {
    const row = cite(["第二章支持范围和标准", "第六条资助奖励标准", "表1泰安市知识产权资助奖励标准表"], "国内发明专利授权");
    expect(citationIs(row, ["第六条"])).toBe(true);
    expect(citationIs(row, ["资助奖励标准"])).toBe(true);
    expect(citationIs(row, ["国内发明专利授权"])).toBe(true);
    expect(citationIs(row, ["支持范围和标准"])).toBe(false);
    expect(citationIs(row, ["第九条"])).toBe(false);
  });

  it("matches an untitled article by its number only, not by its chapter", () => {
    const article = cite(["第四章监督管理", "第十三条"], "申请单位以虚报、伪造材料等手段骗取专项资金的");
    expect(citationIs(article, ["第十三条"])).toBe(true);
    expect(citationIs(article, ["监督管理"])).toBe(false);
  });
});
