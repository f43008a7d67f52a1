import path from "node:path";
import { describe, expect, it } from "vitest";
import { DocumentError } from "../../src/corpus/blocks.js";
import { loadDocument } from "../../src/corpus/document.js";
import type { PolicyDocument, PolicyRecord } from "../../src/corpus/types.js";
import { FIXTURES, OUTLINE_FILE, OUTLINE_PATH, OUTLINE_TITLE } from "../helpers/paths.js";

const load = (file: string) => loadDocument(path.join(FIXTURES, file), file);
const byTitle = (doc: PolicyDocument, title: string) => doc.records.find((r) => r.title === title);
/** A record without the file-derived ids, to compare one document read from two formats. */
const content = ({ id: _id, documentId: _doc, ...rest }: PolicyRecord) => rest;

describe(".txt", () => {
  it("reads the UTF-8 outline line by line into its measures and units", async () => {
    const doc = await loadDocument(OUTLINE_PATH, OUTLINE_FILE);
    expect(doc.title).toBe(OUTLINE_TITLE);
    expect(doc.records.filter((r) => r.kind === "measure")).toHaveLength(18);
    expect(byTitle(doc, "开展知识产权专项行动")!.units).toEqual(["市市场监管局", "市文化和旅游局", "市林业局", "市农业农村局", "市公安局", "泰安海关"]);
  });

  it("reads a legacy GB18030 file", async () => {
    const doc = await load("related.txt");
    expect(doc.title).toBe("泰安市商标品牌培育工作要点（测试样例）");
    expect(doc.records).toHaveLength(1);
    expect(doc.records[0]).toMatchObject({
      kind: "measure",
      path: ["一、培育重点", "（一）地理标志商标"],
      units: ["市市场监管局", "市农业农村局"],
      text: "支持泰山茶、肥城桃等地理标志商标的注册和运用。",
    });
  });
});

describe(".md", () => {
  it("recovers the title and the numbered headings of #, ## and ### headings and ordered lists", async () => {
    const doc = await load("trademark.md");
    expect(doc.title).toBe("泰安市商标品牌建设实施方案（测试样例）");
    expect(doc.records.map((r) => [r.kind, r.path.join(" / ")])).toEqual([
      ["section", "泰安市商标品牌建设实施方案（测试样例）"],
      ["section", "一、总体要求"],
      ["measure", "二、重点任务 / （一）强化商标品牌培育 / 1.加强商标注册指导"],
      ["measure", "二、重点任务 / （一）强化商标品牌培育 / 2.推进地理标志商标运用"],
      ["section", "二、重点任务 / （二）加大商标品牌奖励"],
      ["table", "二、重点任务 / （二）加大商标品牌奖励 / 附表：商标品牌奖励标准"],
      ["table", "二、重点任务 / （二）加大商标品牌奖励 / 附表：商标品牌奖励标准"],
      ["table", "二、重点任务 / （二）加大商标品牌奖励 / 附表：商标品牌奖励标准"],
      ["section", "三、保障措施"],
    ]);
    // Markdown's soft line breaks inside a paragraph join without a space.
    expect(byTitle(doc, "总体要求")!.text).toContain("商标品牌，商标品牌对经济发展");
  });

  it("reads 牵头单位 and 配合单位 on lines of their own as the measure's units, roles apart", async () => {
    const measure = byTitle(await load("trademark.md"), "加强商标注册指导")!;
    expect(measure.units).toEqual(["市市场监管局", "市商务局", "市农业农村局"]);
    expect(measure.unitRoles).toEqual({ lead: ["市市场监管局"], support: ["市商务局", "市农业农村局"] });
    expect(measure.text).toBe("引导企业增强商标品牌意识，及时注册商标，开展商标国际注册，提升企业商标管理水平。");
  });

  it("reads （责任单位：…） at the end of a list item", async () => {
    const measure = byTitle(await load("trademark.md"), "推进地理标志商标运用")!;
    expect(measure.units).toEqual(["市市场监管局", "市农业农村局"]);
    expect(measure.text).not.toContain("责任单位");
  });

  it("makes each row of a GFM table a record with the header, cited under the table's caption", async () => {
    const rows = (await load("trademark.md")).records.filter((r) => r.kind === "table");
    expect(rows.map((r) => r.title)).toEqual(["驰名商标认定", "地理标志商标注册", "马德里商标国际注册"]);
    for (const row of rows) expect(row.path.at(-1)).toBe("附表：商标品牌奖励标准");
    expect(rows[0]!.table).toEqual({ header: ["项目", "奖励标准", "备注"], rows: [["驰名商标认定", "每件奖励50万元", "一次性奖励"]] });
    expect(rows.map((r) => r.text)).toEqual([
      "项目：驰名商标认定；奖励标准：每件奖励50万元；备注：一次性奖励",
      "项目：地理标志商标注册；奖励标准：每件奖励10万元；备注：限本市申请人",
      "项目：马德里商标国际注册；奖励标准：每件奖励3000元；备注：每家企业每年最高5万元",
    ]);
    // The caption names the table; it is not repeated as body text of the section.
    expect(byTitle(await load("trademark.md"), "加大商标品牌奖励")!.text).not.toContain("附表");
  });
});

/** The subsidy rules, one source (subsidy.html) converted to .docx and .pdf by make-fixtures.sh. */
describe.each(["subsidy.docx", "subsidy.html", "subsidy.pdf"])("%s", (file) => {
  it("recovers the title, the headings and the measure with its units", async () => {
    const doc = await load(file);
    expect(doc.title).toBe("泰安市专利资助办法（测试样例）");
    expect(doc.records.map((r) => [r.kind, r.path.join(" / ")])).toEqual([
      ["section", "泰安市专利资助办法（测试样例）"],
      ["section", "一、总则 / （一）资助目的"],
      ["section", "一、总则 / （二）资助对象"],
      ["measure", "二、资助措施 / （一）专利授权资助"],
      ...Array.from({ length: 4 }, () => ["table", "二、资助措施 / （一）专利授权资助 / 附表：专利资助标准"]),
      ["section", "三、附则"],
    ]);
    const grant = byTitle(doc, "专利授权资助")!;
    expect(grant.units).toEqual(["市市场监管局", "市财政局"]);
    expect(grant.text).toContain("公示5个工作日。\n2.对通过《专利合作条约》（PCT）途径提交的国际专利申请给予资助。");
    expect(grant.text).not.toContain("责任单位");
    expect(byTitle(doc, "资助对象")!.text).toBe("1.在本市依法登记注册的企业、高校和科研院所。\n2.户籍或工作单位在本市的个人。");
  });

  it("makes each table row a record with the header, cited under the table's caption with its measure's units", async () => {
    const rows = (await load(file)).records.filter((r) => r.kind === "table");
    expect(rows.map((r) => r.title)).toEqual(["发明专利授权", "实用新型专利授权", "PCT国际专利申请", "专利质押融资"]);
    for (const row of rows) {
      expect(row.path.at(-1)).toBe("附表：专利资助标准");
      expect(row.table!.header).toEqual(["项目", "资助标准", "备注"]);
      expect(row.units).toEqual(["市市场监管局", "市财政局"]);
    }
    expect(rows[0]!.text).toBe("项目：发明专利授权；资助标准：每件资助5000元；备注：每家单位每年最高50万元");
  });
});

describe("one document in several formats", () => {
  it("reads the same records from .docx, .html and .pdf", async () => {
    const [docx, html, pdf] = await Promise.all(["subsidy.docx", "subsidy.html", "subsidy.pdf"].map(load));
    expect(html!.records.map(content)).toEqual(docx!.records.map(content));
    expect(pdf!.records.map(content)).toEqual(docx!.records.map(content));
  });

  it("never reads a <script> or <title> of an HTML page as text", async () => {
    const html = await load("subsidy.html");
    expect(html.records.map((r) => r.text).join("\n")).not.toContain("脚本内容");
  });
});

describe("files that cannot be read", () => {
  it.each([
    ["broken.docx", /not a valid Word \.docx file/],
    ["broken.pdf", /not a valid PDF file/],
    ["empty.txt", /contains no text/],
  ])("%s is refused with the file and the reason", async (file, reason) => {
    const error = await load(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).reason).toMatch(reason);
    expect((error as DocumentError).file).toBe(file);
    expect((error as DocumentError).message).not.toContain(FIXTURES);
  });

  it("an unsupported type names the types that are", async () => {
    const error = await loadDocument(path.join(FIXTURES, "make-fixtures.sh"), "make-fixtures.sh").catch((e: unknown) => e);
    expect((error as DocumentError).reason).toMatch(/unsupported file type "\.sh".*\.txt \.md \.docx \.pdf \.html \.htm/);
  });
});
