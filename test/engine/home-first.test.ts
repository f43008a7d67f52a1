import { describe, expect, it } from "vitest";
import { engineForTests } from "./support.js";

/** The outline with the blind writer's seven related documents (test/fixtures/multidoc-blind2): provincial and national measures titled by the question's own words. */
const engine = engineForTests("multidoc-blind2");

describe("a question that names the home city", () => {
  it("is answered with the city's measure and units first, however well a higher level's title matches", async () => {
    for (const question of ["出口企业在国外被告侵权了，泰安这边谁能给指导？", "泰安市怎么管非正常专利申请和商标恶意注册？"]) {
      const answer = await engine().answer(question);
      expect(answer.citations[0]?.level, question).toBe("municipal");
      expect(answer.citations[0]?.units, question).toContain("市市场监管局");
    }
  });

  it("goes to the level named last when a question names two (省里在做…，泰安市里谁负责)", async () => {
    const city = await engine().answer("省里在扩大知识产权质押融资，泰安市里在这方面谁负责？");
    expect(city.citations[0]?.level).toBe("municipal");
    expect(city.citations[0]?.units).toContain("市市场监管局");
    expect((await engine().answer("市里说要推进专利导航，省里是怎么要求的？")).citations[0]?.level).not.toBe("municipal");
  });

  it("still goes to the province when the province is named", async () => {
    const answer = await engine().answer("山东省对知识产权质押融资有什么要求");
    expect(answer.citations[0]?.level).toBe("provincial");
  });
});
