import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Block } from "../../src/corpus/blocks.js";
import { loadDocument } from "../../src/corpus/document.js";
import { buildRecords } from "../../src/corpus/records.js";
import { recoverStructure } from "../../src/corpus/structure.js";
import { parseResponsibleUnits } from "../../src/corpus/units.js";
import { FIXTURES } from "../helpers/paths.js";

const paragraphs = (...lines: string[]): Block[] => lines.map((text) => ({ kind: "paragraph", text }));
const recordsOf = (blocks: Block[]) => buildRecords("t", recoverStructure(blocks, "fallback")).records;

describe("responsible units", () => {
  it("splits （责任单位：…） on both 、 and ，, keeping names as written", () => {
    const clause = parseResponsibleUnits("加强执法。（责任单位：市市场监管局、市林业局，市农业农村局、泰安银保监分局）");
    expect(clause?.units).toEqual(["市市场监管局", "市林业局", "市农业农村局", "泰安银保监分局"]);
    expect(clause?.textWithout).toBe("加强执法。");
  });

  it("reads the State Council form （A、B负责）", () => {
    const clause = parseResponsibleUnits("加强地理标志保护。（市场监管总局、农业农村部负责）");
    expect(clause?.units).toEqual(["市场监管总局", "农业农村部"]);
    expect(clause?.textWithout).toBe("加强地理标志保护。");
  });

  it("reads 牵头单位 / 配合单位 and keeps the roles apart", () => {
    const clause = parseResponsibleUnits("开展专项整治。牵头单位：市市场监管局  配合单位：市公安局、市司法局");
    expect(clause?.units).toEqual(["市市场监管局", "市公安局", "市司法局"]);
    expect(clause?.roles).toEqual({ lead: ["市市场监管局"], support: ["市公安局", "市司法局"] });
  });

  it("does not take an ordinary parenthesis ending in 负责 for a units clause", () => {
    expect(parseResponsibleUnits("由市场主体自主决策，并对结果自行承担风险和责任，对外签订合同时由法定代表人签字负责）")).toBeUndefined();
    expect(parseResponsibleUnits("完善制度。")).toBeUndefined();
  });
});

describe("heading recovery", () => {
  it("takes 一、/（一）/1./（1） as nested levels and inline lead phrases as measure titles", () => {
    const records = recordsOf(
      paragraphs(
        "某某办法",
        "一、总则",
        "（一）目的",
        "为了规范管理，制定本办法。",
        "二、措施",
        "（一）资助",
        "1.加强专利资助。对发明专利给予资助。（责任单位：市市场监管局）",
        "（1）细则一",
        "细则内容。",
      ),
    );
    expect(records.map((r) => r.path)).toEqual([
      ["一、总则", "（一）目的"],
      ["二、措施", "（一）资助", "1.加强专利资助"],
      ["二、措施", "（一）资助", "1.加强专利资助", "（1）细则一"],
    ]);
    expect(records[1]!.kind).toBe("measure");
    expect(records[1]!.units).toEqual(["市市场监管局"]);
  });

  it("never takes a line continuing a quoted title or a cross-reference for a heading", () => {
    const records = recordsOf(paragraphs("某某办法", "一、总则", "依据《知识产权强国建设纲要", "（2021-2035年）》制定。", "2.5亿元用于专项资金。"));
    expect(records).toHaveLength(1);
    expect(records[0]!.text).toContain("（2021-2035年）》制定。");
    expect(records[0]!.text).toContain("2.5亿元");
  });

  it("keeps numbered sentences as list items of their section", () => {
    const records = recordsOf(paragraphs("某某办法", "一、资助对象", "1.在本市登记注册的企业。", "2.在本市工作的个人。"));
    expect(records).toHaveLength(1);
    expect(records[0]!.title).toBe("资助对象");
    expect(records[0]!.text).toBe("1.在本市登记注册的企业。\n2.在本市工作的个人。");
  });
});

describe("tables", () => {
  it.each(["subsidy.docx", "subsidy.html", "subsidy.pdf"])("%s: every row keeps its header and is cited with the table's heading", async (file) => {
    const doc = await loadDocument(path.join(FIXTURES, file), file);
    const table = doc.records.find((r) => r.kind === "table");
    expect(table).toBeDefined();
    expect(table!.table!.header).toEqual(["项目", "资助标准", "备注"]);
    expect(table!.text).toContain("项目：发明专利授权；资助标准：每件资助5000元");
    expect(table!.title).toMatch(/专利资助标准|给予资助/);
  });

  it("the units clause on one list item belongs to its section even with items after it", async () => {
    const doc = await loadDocument(path.join(FIXTURES, "subsidy.docx"), "subsidy.docx");
    const grant = doc.records.find((r) => r.title === "专利授权资助")!;
    expect(grant.kind).toBe("measure");
    expect(grant.units).toEqual(["市市场监管局", "市财政局"]);
    expect(grant.text).not.toContain("责任单位");
  });
});
