import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/engine/engine.js";
import { OUTLINE_TITLE } from "../helpers/paths.js";
import { outlineEngine } from "./support.js";

let engine: PolicyEngine;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ engine, cleanup } = await outlineEngine());
});
afterAll(() => cleanup());

const PLEDGE_UNITS = ["市市场监管局", "市文化和旅游局", "泰安银保监分局"];

describe("what the policy offers on a topic", () => {
  it("cites 建立知识产权运营机制 and 泰安银保监分局 for 专利质押贷款, quoting the pledge sentence", async () => {
    const answer = await engine.answer("专利质押贷款怎么办理？");
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]).toMatchObject({
      document: OUTLINE_TITLE,
      path: ["三、工作措施", "（三）提升知识产权运用效益", "2.建立知识产权运营机制"],
      title: "建立知识产权运营机制",
      units: PLEDGE_UNITS,
    });
    expect(answer.citations[0]!.quote).toContain("质押融资");
    expect(answer.answer).toContain("责任单位：市市场监管局、市文化和旅游局、泰安银保监分局");
  });

  it.each([
    ["商标注册有补贴吗", "强化知识产权政策导向"],
    ["企业缺钱，手里的专利能拿去银行贷款吗", "建立知识产权运营机制"],
    ["人工智能企业怎么做专利布局", "推进重点领域知识产权创造"],
    ["我们村的土特产能申请地理标志吗", "注重知识产权品牌培育"],
    ["市场上有山寨我们产品的假货", "开展知识产权专项行动"],
    ["有人恶意侵权，能要求多赔吗", "加大知识产权司法保护力度"],
    ["怎么查专利", "加强知识产权信息利用"],
    ["有什么人才政策", "加强知识产权人才队伍建设"],
    ["中小企业专利托管", "支持知识产权服务业发展"],
  ])("maps the everyday wording of “%s” onto %s", async (question, title) => {
    const answer = await engine.answer(question);
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]?.title).toBe(title);
  });
});

describe("who handles X", () => {
  it("answers with the units of the measure that covers the topic", async () => {
    const answer = await engine.answer("地理标志产品保护找哪个部门？");
    expect(answer.kind).toBe("who_handles");
    expect(answer.citations[0]).toMatchObject({ title: "注重知识产权品牌培育", units: ["市市场监管局", "市农业农村局"] });
    expect(answer.answer.split("\n")[0]).toBe("负责「注重知识产权品牌培育」的是：市市场监管局、市农业农村局。");
  });

  it("keeps the units exactly as written, in the outline's order, where the outline separates them with ，", async () => {
    const answer = await engine.answer("知识产权保险谁负责？");
    expect(answer.citations[0]?.units).toEqual([
      "市市场监管局",
      "市文化和旅游局",
      "市林业局",
      "市农业农村局",
      "市商务局",
      "泰安银保监分局",
      "市中级人民法院",
      "市检察院",
      "市公安局",
    ]);
  });
});

describe("what does unit Y handle", () => {
  const POLICE = ["健全知识产权保护机制", "加大知识产权司法保护力度", "开展知识产权专项行动", "加强知识产权纠纷调处"];

  it("lists every measure of 市公安局 and only those", async () => {
    const answer = await engine.answer("市公安局在知识产权方面负责哪些工作？");
    expect(answer.kind).toBe("unit_duties");
    expect(answer.citations.map((c) => c.title)).toEqual(POLICE);
    for (const c of answer.citations) expect(c.units).toContain("市公安局");
    expect(answer.answer).toContain("市公安局在以下 4 项措施中是责任单位");
  });

  it.each([
    ["中院负责什么", "市中级人民法院", 4],
    ["市监局管哪些事", "市市场监管局", 16],
    ["海关负责哪些措施", "泰安海关", 1],
    ["银保监的职责", "泰安银保监分局", 3],
  ])("accepts the alias in “%s” for %s", async (question, unit, count) => {
    const answer = await engine.answer(question);
    expect(answer.kind).toBe("unit_duties");
    expect(answer.citations).toHaveLength(count);
    for (const c of answer.citations) expect(c.units).toContain(unit);
  });
});

describe("targets, figures and the outline's general parts", () => {
  it.each([
    ["到2025年每万人口高价值发明专利要达到多少？", "3.6件"],
    ["有效注册商标量的目标是多少", "9万件"],
    ["到2035年要达到什么目标", "2035年"],
  ])("answers “%s” from 发展目标 with %s", async (question, figure) => {
    const answer = await engine.answer(question);
    expect(answer.citations[0]?.title).toBe("发展目标");
    expect(answer.citations[0]?.units).toEqual([]);
    expect(answer.answer).toContain(figure);
  });

  it.each([
    ["纲要的工作原则是什么？", "工作原则"],
    ["纲要的指导思想", "指导思想"],
    ["知识产权工作怎么考核？", "加强评估考核"],
    ["有没有专项经费保障", "加强工作保障"],
  ])("cites the section for “%s”", async (question, title) => {
    const answer = await engine.answer(question);
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]?.title).toBe(title);
  });
});

describe("the draft for comment", () => {
  it("says that the outline is a draft whenever it is cited", async () => {
    const answer = await engine.answer("知识产权纠纷能调解吗？");
    expect(answer.answer).toContain("征求意见稿，内容以正式印发的文件为准");
  });
});
