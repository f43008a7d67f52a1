import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countDocument, formatFailure, formatPreview } from "../../src/bot/format/ingest.js";
import { loadDocument } from "../../src/corpus/document.js";
import type { PolicyDocument } from "../../src/corpus/types.js";

const PLAN = [
  "泰安市商标品牌建设实施方案（测试样例）",
  "一、总体要求",
  "（一）目标。到2025年，全市有效注册商标量明显提高。",
  "（二）原则。坚持市场主导、政府引导。",
  "二、重点任务",
  "（一）加强专利导航。开展专利导航服务。（责任单位：市市场监管局）",
  "（二）推进质押融资。扩大质押融资规模。（责任单位：市市场监管局、市财政局）",
  "三、保障措施",
  "加强组织领导。",
].join("\n");

let dir: string;
let doc: PolicyDocument;
const previewOf = (d: PolicyDocument) => ({ ...d, replaces: false, unitNames: [...new Set(d.records.flatMap((r) => r.units))] });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "ingest-format-"));
  const file = path.join(dir, "plan.txt");
  await writeFile(file, PLAN);
  doc = await loadDocument(file, "plan.txt");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the report of an uploaded document", () => {
  it("counts chapters from the outline and only items with units as measures", () => {
    const counts = countDocument(previewOf(doc));
    expect(counts.chapters).toEqual(["一、总体要求", "二、重点任务", "三、保障措施"]);
    expect(counts.measures.map((m) => m.title)).toEqual(["加强专利导航", "推进质押融资"]);
    expect(counts.otherItems.map((m) => m.title)).toEqual(["目标", "原则"]);
  });

  it("reports what the document has, in Chinese: （一）目标 is not a measure, chapters are not 0", () => {
    const text = formatPreview(previewOf(doc));
    expect(text).toContain("章节 3 个：一、总体要求、二、重点任务、三、保障措施");
    expect(text).toContain("注明责任单位的措施 2 项，表格 0 个，责任单位 2 个");
    expect(text).toContain("另有 2 条未注明责任单位的条目（如「目标」「原则」），未计入措施");
    expect(text).not.toContain("• 目标");
  });

  it("says why a file was refused in Chinese only, never the parser's English detail", () => {
    const text = formatFailure("添加文件", { code: "bad_document", message: "the document contains no text", file: "空白.docx" });
    expect(text).toContain("《空白.docx》");
    expect(text).toContain("文件无法读取");
    expect(text).not.toContain("详情");
    expect(text).not.toContain("the document");
  });
});
