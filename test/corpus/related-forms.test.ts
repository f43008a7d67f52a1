import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDocument } from "../../src/corpus/document.js";
import { FIXTURES } from "../helpers/paths.js";

/** The forms of the blind multi-document corpus (test/fixtures/multidoc-blind2), parsed as admins would add them. */
const load = (file: string) => loadDocument(path.join(FIXTURES, "multidoc-blind2", "corpus", file), file);

describe("related texts in the forms they really take", () => {
  it("makes each ### N. question of a Markdown 政策解读 a record titled by its question, commas and all", async () => {
    const doc = await load("f_zizhu_jiangli_jiedu.md");
    const titles = doc.records.map((r) => r.title);
    expect(titles).toContain("与原政策相比，《办法》主要有哪些变化？");
    expect(titles).toContain("怎样申报？需要跑几次？");
    expect(doc.records.find((r) => r.title === "资助资金什么时候能到账？")?.text).toContain("12月20日");
    // 《X》政策解读 keeps its 《X》 in its short name.
    expect(doc.meta.short).toBe("《泰安市知识产权资助奖励办法》政策解读（示例）");
  });

  it("cites each row of a schedule that is the whole document, named by its item rather than its 序号", async () => {
    const doc = await load("b_yunyong_zizhu_biaozhun.docx");
    const rows = doc.records.filter((r) => r.kind === "table");
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const pledge = rows.find((r) => r.title === "知识产权质押融资贴息");
    expect(pledge?.text).toContain("最高30万元");
    expect(pledge?.units).toEqual(["市市场监督管理局知识产权促进科"]);
    expect(rows.some((r) => /^\d+$/.test(r.title))).toBe(false);
  });

  it("titles a PDF notice by its title, not by the 文号 printed above it", async () => {
    const doc = await load("g_zhuanli_daohang_shenbao.pdf");
    expect(doc.title).toBe("关于组织申报2025年度泰安市企业专利导航项目的通知（示例）");
    expect(doc.meta.number).toBe("泰市监知字〔2025〕9号");
    expect(doc.records.map((r) => r.title)).toEqual(expect.arrayContaining(["申报条件", "申报材料", "申报时间", "受理部门"]));
  });

  it("titles a 通知 page by its attachment's own title when the notice's title leaves off its （示例）", async () => {
    const file = "e_feicheng_tongzhi.html";
    const doc = await loadDocument(path.join(FIXTURES, "multidoc-blind4", "corpus", file), file);
    expect(doc.title).toBe("肥城市知识产权助力特色产业高质量发展实施意见（示例）");
    expect(doc.meta).toMatchObject({ level: "county", number: "肥政办发〔2026〕5号" });
  });

  it("reads a task list titled by no place as national from the bodies its measures name", async () => {
    const file = "d_guojia_renwuqingdan.txt";
    const doc = await loadDocument(path.join(FIXTURES, "multidoc-blind5", "corpus", file), file);
    expect(doc.meta.level).toBe("national");
  });
});

describe("a county-level city's document", () => {
  it("is read as county level when it implements the home city's document (根据《泰安市…》), a city of its own otherwise", async () => {
    const xintai = await loadDocument(path.join(FIXTURES, "multidoc-blind7", "corpus", "xintai_zscq_zizhu_jiangli_xize.docx"), "xintai.docx");
    expect(xintai.meta).toMatchObject({ level: "county", region: "新泰市" });
    const { detectDocumentMeta } = await import("../../src/corpus/document-meta.js");
    expect(detectDocumentMeta("济南市专利资助办法", "为鼓励发明创造，制定本办法。").level).toBe("municipal");
  });
});
