import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/engine/engine.js";
import { outlineEngine } from "./support.js";

/** The outline with eight related documents of every level and form (test/fixtures/multidoc-a). */
let engine: PolicyEngine;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ engine, cleanup } = await outlineEngine("multidoc-a"));
}, 120_000);
afterAll(() => cleanup?.());

describe("documents as first-class data", () => {
  it("detects each document's level, status and 文号, and titles a 通知 page by the document it issues", () => {
    const byShort = new Map(engine.documents().map((d) => [d.meta.short, d.meta]));
    expect(byShort.get("泰安市知识产权强市建设纲要")).toMatchObject({ level: "municipal", status: "draft" });
    expect(byShort.get("山东省知识产权强省建设实施方案（示例）")).toMatchObject({ level: "provincial", number: "鲁政办字〔2026〕37号" });
    expect(byShort.get("岱岳区关于加强知识产权保护的实施意见（示例）")).toMatchObject({ level: "county", region: "岱岳区", number: "岱政办发〔2026〕8号" });
    expect(byShort.get("国家知识产权局重点任务清单（示例）")).toMatchObject({ level: "national" });
    // A PDF title that wraps onto a second line is joined.
    expect(byShort.has("关于申报2027年度泰安市专利导航项目的通知（示例）")).toBe(true);
  });

  it("keeps a web page's footer out of the last section", () => {
    const county = engine.documents().find((d) => d.meta.region === "岱岳区")!;
    expect(county.records.map((r) => r.text).join("")).not.toMatch(/版权所有|网站标识码|分享到/);
  });

  it("makes each 问/答 pair a record titled by its question, and each table row a record with its column's units", () => {
    const records = engine.documents().flatMap((d) => d.records);
    expect(records.find((r) => r.title === "贴息什么时候申报？")?.text).toContain("6月1日至6月30日");
    const row = records.find((r) => r.kind === "table" && r.title === "投保知识产权保险")!;
    expect(row.path.at(-1)).toBe("三、知识产权管理和服务类资助标准");
    expect(row.units).toEqual(["市市场监管局"]);
  });

  it("reads units that end in 等 without the 等, and says the list is not exhaustive", async () => {
    const answer = await engine.answer("国家层面知识产权质押融资规模扩大由哪些部门负责");
    expect(answer.citations[0]).toMatchObject({ title: "扩大知识产权质押融资规模", units: ["国家知识产权局", "金融监管总局"], unitsComplete: false });
    expect(answer.answer).toContain("等（文件未列全）");
  });
});

describe("the home jurisdiction", () => {
  it("answers a question that names no level with the city's measure and units, the provincial one after as 上级政策", async () => {
    const answer = await engine.answer("专利质押贷款找谁");
    expect(answer.citations[0]).toMatchObject({ title: "建立知识产权运营机制", units: ["市市场监管局", "市文化和旅游局", "泰安银保监分局"] });
    expect(answer.parts.refs.find((r) => r.why === "higher")).toMatchObject({ level: "provincial", title: "深化知识产权质押融资" });
    expect(answer.answer).toContain("上级政策：《山东省知识产权强省建设实施方案（示例）》");
  });

  it("answers a question that names the province from the provincial plan, with 牵头 and 配合 apart", async () => {
    const answer = await engine.answer("山东省质押融资哪些部门负责");
    expect(answer.citations[0]).toMatchObject({ documentShort: "山东省知识产权强省建设实施方案（示例）", leadUnits: ["省市场监管局"] });
    expect(answer.parts.units.filter((u) => u.role === "lead").map((u) => u.name)).toEqual(["省市场监管局"]);
    expect(answer.answer).toContain("牵头：省市场监管局；配合：省财政厅、山东银保监局、人民银行济南分行");
  });

  it("lists only the measures a unit leads for “X牵头哪些工作”, and says so when it leads none", async () => {
    const leads = await engine.answer("省市场监管局牵头哪些工作");
    expect(leads.parts.listing!.length).toBeGreaterThan(0);
    expect(leads.parts.listing!.every((item) => item.role === "lead")).toBe(true);
    const supports = await engine.answer("省农业农村厅牵头哪些工作");
    expect(supports.answer).toContain("没有写明由省农业农村厅牵头的措施");
    expect(supports.parts.listing!.map((i) => i.role)).toEqual(["support"]);
  });
});

describe("ranking and answers across documents", () => {
  it("lets an article titled only 第十三条 win on its subject, cited as 第十三条, with the date it gives", async () => {
    const answer = await engine.answer("专利资助申请截止到什么时候");
    expect(answer.citations[0]!.path.at(-1)).toBe("第十三条");
    expect(answer.citations[0]!.citeAs).toBe("《泰安市专利资助办法（示例）》第十三条");
    expect(answer.answer).toContain("4月30日");
    expect(answer.parts.notSpecified).toBeUndefined();
  });

  it("quotes the document that gives the detail the outline only points to, and says where", async () => {
    const answer = await engine.answer("申请专利有没有资助");
    expect(answer.citations[0]!.title).toBe("强化知识产权政策导向");
    const detail = answer.parts.refs.find((r) => r.why === "detail");
    expect(detail?.citeAs).toMatch(/^《泰安市专利资助办法（示例）》第.+条$/);
    expect(answer.answer).toContain(`具体规定见${detail!.citeAs}`);
    expect(answer.parts.notSpecified).toBeUndefined();
  });

  it("adds the draft note to records of the draft only", async () => {
    const fromDraft = await engine.answer("专利质押贷款找谁");
    expect(fromDraft.parts.draftNote).toContain("《泰安市知识产权强市建设纲要（征求意见稿）》是征求意见稿");
    const fromOfficial = await engine.answer("专利资助申请截止到什么时候");
    expect(fromOfficial.citations[0]!.status).toBe("official");
    expect(fromOfficial.parts.draftNote).toBeUndefined();
    expect(fromOfficial.answer).not.toContain("征求意见稿");
  });

  it("names the document in every citation when there are several", async () => {
    for (const question of ["专利质押贷款找谁", "申请专利有没有资助", "调解申请几天内决定受不受理", "市市场监管局负责哪些知识产权工作？"]) {
      const answer = await engine.answer(question);
      expect(answer.citations.length, question).toBeGreaterThan(0);
      for (const c of answer.citations) {
        expect(c.documentShort, question).not.toBe("");
        expect(c.citeAs.startsWith(`《${c.documentShort}》`), question).toBe(true);
      }
    }
  });

  it("offers example questions that cover the documents beyond the outline", () => {
    const examples = engine.exampleQuestions();
    expect(examples.some((q) => q.includes("（示例）"))).toBe(true);
  });
});

describe("questions about a document itself", () => {
  it("says which document a 文号 is, with what its text gives of it", async () => {
    const answer = await engine.answer("鲁政办字〔2026〕37号是什么文件");
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]?.documentShort).toBe("山东省知识产权强省建设实施方案（示例）");
    expect(answer.answer).toContain("鲁政办字〔2026〕37号是《山东省知识产权强省建设实施方案（示例）》");
    expect(answer.answer).toContain("省级");
  });

  it("gives a named document's 文号, and says when the text gives no date rather than inventing one", async () => {
    expect((await engine.answer("岱岳区加强知识产权保护实施意见的文号是多少")).answer).toContain("岱政办发〔2026〕8号");
    const draft = await engine.answer("纲要是什么时候发布的？是正式稿吗");
    expect(draft.answer).toContain("征求意见稿");
    expect(draft.parts.notSpecified).toContain("发布日期");
    expect(draft.answer).not.toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
  });
});
