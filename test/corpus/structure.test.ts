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

  it("keeps a name with parentheses whole: 各县（市、区）人民政府", () => {
    expect(parseResponsibleUnits("加强执法。（责任单位：市市场监管局，各县（市、区）人民政府）")?.units).toEqual(["市市场监管局", "各县（市、区）人民政府"]);
    expect(parseResponsibleUnits("加强执法。（各县（市、区）政府、市公安局负责）")?.units).toEqual(["各县（市、区）政府", "市公安局"]);
  });

  it("reads half-width parentheses and colons, 【】, a trailing 。 and a 。 inside the clause", () => {
    for (const body of [
      "加强执法。(责任单位:市公安局,市司法局)",
      "加强执法。【责任单位：市公安局、市司法局】",
      "加强执法。（责任单位：市公安局、市司法局）。",
      "加强执法。（责任单位：市公安局、市司法局。）",
    ]) {
      expect(parseResponsibleUnits(body), body).toEqual({ units: ["市公安局", "市司法局"], textWithout: "加强执法。" });
    }
  });

  it("reads （由A负责） and （A、B按职责分工负责） as units without 由", () => {
    expect(parseResponsibleUnits("加强执法。（由市公安局负责）")?.units).toEqual(["市公安局"]);
    expect(parseResponsibleUnits("加强执法。（市场监管总局、农业农村部按职责分工负责）")?.units).toEqual(["市场监管总局", "农业农村部"]);
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

  it("reads 第一部分 / 第一章 / 第一节 / 第一条, each article a record cited by its number", () => {
    const records = recordsOf(
      paragraphs(
        "泰安市知识产权保护条例",
        "第一部分 总体要求",
        "第一章 总则",
        "第一条 为了加强知识产权保护，制定本条例。",
        "第二节 行政保护",
        "第二条【执法协作】市市场监管局会同市公安局建立执法协作机制。（责任单位：市市场监管局、市公安局）",
        "第二章 附则",
        "第六十一条 本条例自2025年1月1日起施行。",
      ),
    );
    expect(records.map((r) => r.path)).toEqual([
      ["第一部分总体要求", "第一章总则", "第一条"],
      ["第一部分总体要求", "第一章总则", "第二节行政保护", "第二条执法协作"],
      ["第一部分总体要求", "第二章附则", "第六十一条"],
    ]);
    // An untitled article is titled by its lead clause for ranking and display; its place and citation keep 第一条.
    expect(records[0]).toMatchObject({ number: "第一条", title: "为了加强知识产权保护", titleDerived: true, text: "为了加强知识产权保护，制定本条例。" });
    expect(records[1]).toMatchObject({ title: "执法协作", units: ["市市场监管局", "市公安局"] });
  });

  it("reads an article's title set between spaces (第六条　资助奖励标准　各项目…), and leaves a body after one space alone", () => {
    const records = recordsOf(
      paragraphs(
        "某办法",
        "第二章 支持范围和标准",
        "第六条\u3000资助奖励标准\u3000各项目的具体资助奖励标准按下表执行。",
        "第七条 同一项目同时符合本办法和其他政策的，按就高原则支持，不重复支持。",
        "第九条  申请时间  专项资金每年集中受理一次。",
      ),
    );
    expect(records.map((r) => [r.path.at(-1), r.title, r.text])).toEqual([
      ["第六条资助奖励标准", "资助奖励标准", "各项目的具体资助奖励标准按下表执行。"],
      ["第七条", "同一项目同时符合本办法和其他政策的", "同一项目同时符合本办法和其他政策的，按就高原则支持，不重复支持。"],
      ["第九条申请时间", "申请时间", "专项资金每年集中受理一次。"],
    ]);
  });

  it("never takes an article's cross-reference for an article", () => {
    const records = recordsOf(paragraphs("某某条例", "第一章 总则", "第一条 为了保护知识产权，制定本条例。", "第一条规定的知识产权包括专利、商标和版权。"));
    expect(records).toHaveLength(1);
    expect(records[0]!.text).toContain("第一条规定的知识产权");
  });

  it("never takes （一） inside a sentence, or at the start of a sentence that refers to it, for a heading", () => {
    const records = recordsOf(paragraphs("某办法", "一、措施", "（一）资助", "按照第二条（一）项规定执行。", "（一）项所称的资助，是指财政资助。"));
    expect(records.map((r) => r.path)).toEqual([["一、措施", "（一）资助"]]);
    expect(records[0]!.text).toBe("按照第二条（一）项规定执行。\n（一）项所称的资助，是指财政资助。");
  });

  it("reads full-width digits and half-width parentheses as heading numbers", () => {
    const records = recordsOf(paragraphs("某办法", "一、措施", "(一)资助", "１．强化政策导向。完善资助政策。（责任单位：市财政局）", "（２）细则二", "细则内容。"));
    expect(records.map((r) => r.path)).toEqual([
      ["一、措施", "（一）资助", "1.强化政策导向"],
      ["一、措施", "（一）资助", "1.强化政策导向", "（2）细则二"],
    ]);
  });

  it("takes a heading line with a comma for a heading: 三、强化知识产权保护，营造良好营商环境", () => {
    const records = recordsOf(paragraphs("某办法", "三、强化知识产权保护，营造良好营商环境", "（一）加强执法", "执法内容。"));
    expect(records[0]!.path).toEqual(["三、强化知识产权保护，营造良好营商环境", "（一）加强执法"]);
  });

  it("keeps a short numbered list inside a measure in the measure's text, and the next measure its sibling", () => {
    const records = recordsOf(
      paragraphs("某办法", "一、措施", "1.加强专利资助。资助范围包括：", "1.发明专利", "2.实用新型专利", "2.加强商标资助。对商标给予资助。（责任单位：市市场监管局）"),
    );
    expect(records.map((r) => r.path)).toEqual([
      ["一、措施", "1.加强专利资助"],
      ["一、措施", "2.加强商标资助"],
    ]);
    expect(records[0]!.text).toBe("资助范围包括：\n1.发明专利\n2.实用新型专利");
  });

  it("strips [bookmark: …] residue in the middle of a line and of a unit's name", () => {
    const [measure] = recordsOf(paragraphs("某办法", "一、措施", "1.加强执法。加大[bookmark: _GoBack]执法力度。（责任单位：市公安[bookmark: _Hlk1]局）"));
    expect(measure).toMatchObject({ text: "加大执法力度。", units: ["市公安局"] });
  });

  it("keeps numbered sentences as list items of their section", () => {
    const records = recordsOf(paragraphs("某某办法", "一、资助对象", "1.在本市登记注册的企业。", "2.在本市工作的个人。"));
    expect(records).toHaveLength(1);
    expect(records[0]!.title).toBe("资助对象");
    expect(records[0]!.text).toBe("1.在本市登记注册的企业。\n2.在本市工作的个人。");
  });
});

describe("units clauses in a body", () => {
  it("the units clause on one list item belongs to its section even with items after it", async () => {
    const doc = await loadDocument(path.join(FIXTURES, "subsidy.docx"), "subsidy.docx");
    const grant = doc.records.find((r) => r.title === "专利授权资助")!;
    expect(grant.kind).toBe("measure");
    expect(grant.units).toEqual(["市市场监管局", "市财政局"]);
    expect(grant.text).not.toContain("责任单位");
  });

  it("joins 牵头单位 and 配合单位 written on lines of their own", () => {
    const [measure] = recordsOf(paragraphs("某办法", "一、措施", "1.开展专项整治。整治侵权假冒。", "牵头单位：市市场监管局", "配合单位：市公安局、市司法局"));
    expect(measure!.units).toEqual(["市市场监管局", "市公安局", "市司法局"]);
    expect(measure!.unitRoles).toEqual({ lead: ["市市场监管局"], support: ["市公安局", "市司法局"] });
    expect(measure!.text).toBe("整治侵权假冒。");
  });

  it("gathers the units of several items that each name their own", () => {
    const [measure] = recordsOf(
      paragraphs("某办法", "一、措施", "（一）加强保护", "加强下列工作：", "对侵权行为开展执法。（责任单位：市公安局）", "对纠纷开展调解。（责任单位：市司法局、市公安局）"),
    );
    expect(measure!.units).toEqual(["市公安局", "市司法局"]);
    expect(measure!.text).toBe("加强下列工作：\n对侵权行为开展执法。\n对纠纷开展调解。");
  });
});

describe("a notice's head and closing matter", () => {
  const notice = paragraphs(
    "泰安市市场监督管理局（示例）",
    "关于组织申报2025年度专利导航项目的通知（示例）",
    "各区县市场监管局：",
    "现将有关事项通知如下。",
    "一、申报时间",
    "申报截止时间为2025年8月29日。",
    "二、联系方式",
    "联系电话：0538-5550000。",
    "附件：1.2025年度专利导航项目申报书（样式）",
    "2.申报单位信用承诺书（样式）",
    "泰安市市场监督管理局",
    "2025年7月15日",
  );

  it("titles a 红头 notice by its title, not by the issuer above it", () => {
    expect(recoverStructure(notice, "fallback").title).toBe("关于组织申报2025年度专利导航项目的通知（示例）");
  });

  it("keeps the list of attachments and the signature out of the last section", () => {
    const structure = recoverStructure(notice, "fallback");
    const last = structure.sections.at(-1)!;
    expect(last.heading?.title).toBe("联系方式");
    expect(last.paragraphs).toEqual(["联系电话：0538-5550000。"]);
    expect(last.children).toEqual([]);
    expect(structure.closing).toEqual(["附件：1.2025年度专利导航项目申报书（样式）", "2.申报单位信用承诺书（样式）"]);
    // Nothing is cited from the closing matter: no record is titled by an attachment's name or holds the signature.
    const records = recordsOf(notice);
    expect(records.map((r) => r.title)).not.toContain("申报单位信用承诺书（样式）");
    expect(records.some((r) => r.text.includes("2025年7月15日"))).toBe(false);
  });

  it("reads an attached document after the list of attachments with its own headings", () => {
    const structure = recoverStructure(
      paragraphs("某通知", "一、通知事项", "请遵照执行。", "附件：", "某实施细则", "一、总则", "为规范管理。", "二、支持标准", "每件奖励1000元。"),
      "fallback",
    );
    expect(structure.sections.map((s) => s.heading?.title)).toEqual(["通知事项", "总则", "支持标准"]);
  });
});
