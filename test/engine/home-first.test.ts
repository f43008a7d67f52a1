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

/** The outline with a 新泰市 资助办法, a 肥城市 plan, provincial and national measures (test/fixtures/multidoc-blind6). */
const sixDocuments = engineForTests("multidoc-blind6");
/** The outline with a national task list among its related documents (test/fixtures/multidoc-a). */
const nationalTasks = engineForTests("multidoc-a");

describe("home first across the levels of another corpus", () => {
  it("answers who drives a topic with the city's measure that says as much on it as a national one titled by it", async () => {
    const answer = await sixDocuments().answer("学校里的知识产权教育是谁在推动");
    expect(answer.citations[0]).toMatchObject({ title: "传播知识产权文化理念", level: "municipal" });
    expect(answer.citations.some((c) => c.title === "开展中小学知识产权教育")).toBe(true);
  });

  it("keeps a higher level's measure first when it holds a rare word of the question the city's lacks", async () => {
    const answer = await nationalTasks().answer("知识产权代理领域的蓝天专项整治，是哪些部门在负责");
    expect(answer.citations[0]?.title).toBe("规范知识产权代理行业秩序");
  });

  it("reads 市里 as the county-level city the enterprise is in, and 国家是 as the national level", async () => {
    const county = await sixDocuments().answer("我们在肥城做桃木工艺品，注册了地理标志商标，市里给多少奖励");
    expect(county.citations[0]?.documentShort).toContain("肥城");
    const national = await sixDocuments().answer("海外维权这块，国家是哪些部门在管");
    expect(national.citations[0]?.level).toBe("national");
  });
});

/** The outline with a 肥城市 plan on 老字号 among its related documents (test/fixtures/multidoc-blind7). */
const oldBrands = engineForTests("multidoc-blind7");

describe("a question on 老字号 (time-honoured brands)", () => {
  it("asks what the plan gives, not for the document's 字号 (issue number)", async () => {
    const answer = await oldBrands().answer("肥城的老字号企业新认定下来奖励多少");
    expect(answer.kind).not.toBe("document");
    expect(answer.citations[0]?.title).toBe("支持老字号传承创新发展");
    expect(answer.answer).toContain("3万元");
  });
});

/** The outline with a 肥城市 办法 on pledge loans that names no superior city (test/fixtures/multidoc-blind8). */
const feicheng = engineForTests("multidoc-blind8");

describe("a place other than home named outright", () => {
  it("goes to that place's document, even when its level reads as a city of its own", async () => {
    const answer = await feicheng().answer("肥城这边用专利质押贷款，能申请风险补偿吗");
    expect(answer.citations[0]?.documentShort).toContain("肥城");
    // With no place named, the home city's measure still answers first.
    expect((await feicheng().answer("专利质押贷款找谁")).citations[0]?.title).toBe("建立知识产权运营机制");
  });
});
