import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/engine/engine.js";
import { outlineEngine } from "./support.js";

/** The outline with the eleventh blind writer's seven related documents (test/fixtures/multidoc-blind11). */
let engine: PolicyEngine;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ engine, cleanup } = await outlineEngine("multidoc-blind11"));
}, 120_000);
afterAll(() => cleanup?.());

describe("related documents as their writers set them", () => {
  it("titles a Word 办法's articles by the short title set between spaces after 第X条", () => {
    const measures = engine.documents().find((d) => d.meta.short.startsWith("泰安市知识产权资助奖励办法"))!;
    const article = measures.records.find((r) => r.number === "第九条")!;
    expect(article.title).toBe("申请时间");
    expect(article.text.startsWith("专项资金每年集中受理一次")).toBe(true);
    // A row of the table under 第六条 stands under that article.
    const row = measures.records.find((r) => r.kind === "table")!;
    expect(row.path).toContain("第六条资助奖励标准");
  });

  it("answers how long with the measure that gives the length of time, even from a higher level", async () => {
    const answer = await engine.answer("我们想在海关做知识产权备案，审核要多长时间");
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]?.title).toBe("加强海关知识产权保护");
    expect(answer.answer).toContain("20个工作日");
  });

  it("reads 一年报几次 as when to apply, not as an amount nor as a company's annual report", async () => {
    const answer = await engine.answer("知识产权资助一年报几次？什么时候开始报、报到哪天");
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]?.title).toBe("申请时间");
    expect(answer.answer).toContain("3月1日至3月31日");
  });

  it("answers how many are to be built from the targets, and a question naming the nation from the national list", async () => {
    const count = await engine.answer("泰山区打算建几个商业秘密保护指导站点？");
    expect(count.citations[0]?.title).toBe("工作目标");
    expect(count.answer).toContain("12个");
    const national = await engine.answer("知识产权惩罚性赔偿的典型案例，国家每年发多少？");
    expect(national.citations[0]?.title).toBe("严格落实惩罚性赔偿制度");
  });

  it("answers whether a service costs money from the record on fees, and eligibility from the conditions", async () => {
    expect((await engine.answer("数据知产登记收钱不")).citations[0]?.title).toBe("登记要交费吗？");
    expect((await engine.answer("报高价值专利培育项目，手里至少得有几件有效发明专利？")).citations[0]?.title).toBe("申报条件");
  });
});

describe("the outline's own questions beside a related 细则 and a Q&A", () => {
  let twelve: PolicyEngine;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ engine: twelve, cleanup: done } = await outlineEngine("multidoc-blind12"));
  }, 120_000);
  afterAll(() => done?.());

  it("answers whether there is a subsidy at all with the outline's measure and its units, not one row of the 细则's table", async () => {
    const answer = await twelve.answer("申请专利有没有资助或奖励政策？");
    expect(answer.citations[0]).toMatchObject({ title: "强化知识产权政策导向", units: ["市市场监管局", "市文化和旅游局", "市林业局", "市农业农村局"] });
    // …while a question about one item's amount is still the table's.
    expect((await twelve.answer("PCT国际专利申请进入国家阶段能资助多少钱")).citations[0]?.title).toBe("PCT国际专利申请进入国家阶段");
  });

  it("answers a target or a length of time (三年内) only a higher level sets from that level, not from the city's measure on the topic", async () => {
    const target = await twelve.answer("到2027年地市级综合性知识产权公共服务机构覆盖率要达到多少");
    expect(target.citations[0]?.title).toBe("完善地方知识产权公共服务网络");
    expect(target.answer).toContain("90%");
    const years = await twelve.answer("被认定非正常专利申请的申请人，几年内不能享受专利费减缴？");
    expect(years.citations[0]?.title).toBe("依法严厉打击非正常专利申请和商标恶意注册");
    expect(years.answer).toContain("三年内");
  });
});
