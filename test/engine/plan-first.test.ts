import { describe, expect, it } from "vitest";
import { engineForTests } from "./support.js";

/** The outline with a 资助办法, a schedule, provincial and national plans and three more (test/fixtures/multidoc-blind2). */
const engine = engineForTests("multidoc-blind2");

const OUTLINE = "泰安市知识产权强市建设纲要（征求意见稿）";

describe("a general question among documents that set out details", () => {
  it("answers “is there a reward” with the outline's measure and its units, quoting the 办法's article as where the amount is", async () => {
    const answer = await engine().answer("植物新品种有奖励吗？");
    expect(answer.citations[0]).toMatchObject({ document: OUTLINE, title: "强化知识产权政策导向", units: ["市市场监管局", "市文化和旅游局", "市林业局", "市农业农村局"] });
    expect(answer.answer).toMatch(/具体规定见《泰安市知识产权资助奖励办法（示例）》第十二条：[^\n]*1万元/);
  });

  it("still answers “how much” from the article that sets the amount", async () => {
    const answer = await engine().answer("植物新品种权每件奖励多少钱？");
    expect(answer.citations[0]).toMatchObject({ document: "泰安市知识产权资助奖励办法（示例）" });
    expect(answer.answer).toContain("1万元");
  });

  it("answers with the city's measure that names the topic outright, the national one after it as 上级政策", async () => {
    const answer = await engine().answer("知识产权保险是怎么回事？");
    expect(answer.citations[0]).toMatchObject({ document: OUTLINE, title: "健全知识产权保护机制" });
    expect(answer.answer).toContain("上级政策：《2025年知识产权转化运用和保护重点任务（示例）》「发展知识产权保险」");
  });
});

/** The outline with a national task list whose 工作要求 sets the date reports are due (test/fixtures/multidoc-blind4). */
const withTaskList = engineForTests("multidoc-blind4");

describe("a unit named as the addressee of a date asked", () => {
  it("cites the text that sets the date, rather than listing that unit's duties", async () => {
    const answer = await withTaskList().answer("重点任务分工的完成情况要在哪天前报送国家知识产权局？");
    expect(answer.kind).not.toBe("unit_duties");
    expect(answer.citations.map((c) => c.title)).toContain("工作要求");
  });
});
