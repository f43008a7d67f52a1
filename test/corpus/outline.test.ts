import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDocument } from "../../src/corpus/document.js";
import type { PolicyDocument } from "../../src/corpus/types.js";
import { OUTLINE_MEASURES } from "../helpers/outline-measures.js";
import { FIXTURES, OUTLINE_FILE, OUTLINE_PATH, OUTLINE_TITLE } from "../helpers/paths.js";

let outline: PolicyDocument;
beforeAll(async () => {
  outline = await loadDocument(OUTLINE_PATH, OUTLINE_FILE);
});

describe("the outline as given (the .txt converted from the official .docx)", () => {
  it("recovers the document title, joining the draft marker and skipping 附件", () => {
    expect(outline.title).toBe(OUTLINE_TITLE);
  });

  it("yields exactly the 18 measures of 三、工作措施", () => {
    const measures = outline.records.filter((r) => r.kind === "measure");
    expect(measures.map((m) => m.path)).toEqual(OUTLINE_MEASURES.map((m) => m.path));
  });

  describe.each(OUTLINE_MEASURES)("measure $path.2", ({ path: expectedPath, units }) => {
    it("has its title, number, document and exact responsible units", () => {
      const record = outline.records.find((r) => r.path.join("/") === expectedPath.join("/"));
      expect(record).toBeDefined();
      expect(record!.units).toEqual(units);
      expect(record!.title).toBe(expectedPath[2].replace(/^\d\.\s*/, ""));
      expect(record!.number).toBe(expectedPath[2].match(/^\d\./)![0]);
      expect(record!.document).toBe(OUTLINE_TITLE);
      expect(record!.text.length).toBeGreaterThan(40);
      expect(record!.text).not.toContain("责任单位");
      expect(record!.text.startsWith(record!.title)).toBe(false);
    });
  });

  it("keeps unnumbered sections as records with their heading as title and no units", () => {
    const sections = outline.records.filter((r) => r.kind === "section");
    expect(sections.map((s) => s.title)).toEqual([OUTLINE_TITLE, "编制背景", "指导思想", "工作原则", "发展目标", "加强组织领导", "加强工作保障", "加强评估考核"]);
    for (const s of sections) expect(s.units).toEqual([]);
    expect(sections.find((s) => s.title === "发展目标")!.path).toEqual(["2、总体要求", "（三）发展目标"]);
  });

  it("never makes a record of a bare heading", () => {
    const titles = outline.records.map((r) => r.title);
    expect(titles).not.toContain("工作措施");
    expect(titles).not.toContain("提高知识产权创造质量");
    expect(titles).not.toContain("总体要求");
  });

  it("strips conversion residue: bookmarks, stray spaces", () => {
    for (const r of outline.records) {
      expect(r.text).not.toMatch(/\[bookmark/);
      expect(r.path.join("")).not.toMatch(/\s/);
    }
    const mediation = outline.records.find((r) => r.title === "加强知识产权纠纷调处")!;
    expect(mediation.path[2]).toBe("5.加强知识产权纠纷调处");
  });

  it("does not take a quoted title or the 一是/二是 enumerations for headings", () => {
    const preamble = outline.records[0]!;
    expect(preamble.text).toContain("《知识产权强国建设纲要（2021-2035年）》");
    const principles = outline.records.find((r) => r.title === "工作原则")!;
    expect(principles.text).toContain("一是坚持统筹协调");
    expect(principles.text).toContain("三是坚持法治保障");
  });

  it("builds an outline tree in which every measure hangs under its headings", () => {
    const measuresNode = outline.outline.find((n) => n.heading === "三、工作措施")!;
    expect(measuresNode.children.map((c) => c.heading)).toEqual([
      "（一）提高知识产权创造质量",
      "（二）增强知识产权保护效能",
      "（三）提升知识产权运用效益",
      "（四）强化知识产权服务能力",
      "（五）提升知识产权管理水平",
    ]);
    expect(measuresNode.children[2]!.children.map((c) => c.title)).toContain("建立知识产权运营机制");
    expect(measuresNode.children[2]!.children.every((c) => c.recordId)).toBe(true);
  });
});

describe("the outline in other formats", () => {
  it.each(["outline.docx", "outline.pdf"])("%s yields the same measures and units as the text", async (file) => {
    const doc = await loadDocument(path.join(FIXTURES, file), file);
    expect(doc.title).toBe(OUTLINE_TITLE);
    const measures = doc.records.filter((r) => r.kind === "measure");
    expect(measures.map((m) => ({ path: m.path, units: m.units }))).toEqual(OUTLINE_MEASURES);
    const fromText = outline.records.find((r) => r.title === "建立知识产权运营机制")!;
    expect(measures.find((r) => r.title === "建立知识产权运营机制")!.text).toBe(fromText.text);
  });
});
