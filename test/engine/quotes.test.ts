import { describe, expect, it } from "vitest";
import { engineForTests } from "./support.js";

/** The outline with a 资助办法, a mediation guide, an application notice and four other documents (test/fixtures/multidoc-blind6). */
const engine = engineForTests("multidoc-blind6");

describe("the sentences an answer quotes", () => {
  it("quotes the condition that answers the question, not the article's heading again", async () => {
    const answer = await engine().answer("高价值专利组合培育项目对上年研发投入的门槛是多少");
    expect(answer.citations[0]?.title).toBe("高价值专利组合培育项目申报条件");
    expect(answer.answer).toContain("500万元");
    // The heading is the citation's title; the quote starts with the article's own text.
    expect(answer.citations[0]?.quote.startsWith("高价值专利组合培育项目申报条件")).toBe(false);
  });

  it("quotes a phone number with the line naming whose number it is, the lines kept apart", async () => {
    const answer = await engine().answer("质押融资贴息申报打哪个电话，哪个科室管");
    expect(answer.citations[0]?.title).toBe("受理部门及联系方式");
    expect(answer.answer).toContain("泰安市市场监督管理局知识产权运用促进科 地址：");
    expect(answer.answer).toContain("0538-6216058");
  });

  it("answers how long from the guide's time limit instead of asking back between it and the outline", async () => {
    const answer = await engine().answer("侵权纠纷调解一般多久调得完，复杂点的能延期不");
    expect(answer.kind).not.toBe("clarify");
    expect(answer.citations[0]?.title).toBe("办理时限");
    expect(answer.answer).toContain("30个工作日");
  });
});
