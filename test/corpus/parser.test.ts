import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxOf, hugeMarkdownTable, manyMeasuresTxt, nestedDivsHtml, nulText, paragraphBombDocx, zipBombDocx, type HostileDocument } from "../../src/bench/hostile-documents.js";
import { DocumentError } from "../../src/corpus/blocks.js";
import { loadDocument } from "../../src/corpus/document.js";
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from "../../src/corpus/limits.js";
import { parseDocument, parseDocuments } from "../../src/corpus/parser.js";
import { FIXTURES, OUTLINE_FILE, OUTLINE_PATH } from "../helpers/paths.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "parser-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function reasonFor(document: HostileDocument, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<string> {
  const file = path.join(dir, document.file);
  await writeFile(file, document.bytes);
  const error = await parseDocument({ path: file, name: document.file }, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentError);
  expect((error as DocumentError).file).toBe(document.file);
  return (error as DocumentError).reason;
}

describe("the parser process", () => {
  it("reads the outline exactly as parsing in this process does", async () => {
    const [outside] = await parseDocuments([{ path: OUTLINE_PATH, name: OUTLINE_FILE }], DEFAULT_PARSE_LIMITS);
    expect(outside).toEqual(await loadDocument(OUTLINE_PATH, OUTLINE_FILE));
  });

  it("reads a small valid .docx", async () => {
    const file = path.join(dir, "ok.docx");
    await writeFile(file, docxOf(["泰安市专利资助办法", "一、资助对象", "（一）发明专利。对授权发明专利给予资助（责任单位：市市场监管局）"]));
    const doc = await parseDocument({ path: file, name: "ok.docx" }, DEFAULT_PARSE_LIMITS);
    expect(doc.title).toBe("泰安市专利资助办法");
    expect(doc.records.some((r) => r.units.includes("市市场监管局"))).toBe(true);
  });

  it("refuses 25,000 unclosed <div>s by their nesting, before the tree parser sees them", async () => {
    expect(await reasonFor(nestedDivsHtml())).toBe("文档嵌套层数超过上限 100");
  });

  it("refuses a .docx of five million paragraphs by counting them before unzipping into XML", async () => {
    expect(await reasonFor(paragraphBombDocx())).toBe("文档段落数超过上限 20000");
  });

  it("refuses a zip bomb by its declared size, and one that lies about it by what it really inflates to", async () => {
    expect(await reasonFor(await zipBombDocx(256 << 20))).toBe("文档解压后超过上限 64 MB");
    expect(await reasonFor(await zipBombDocx(128 << 20, true))).toBe("文档解压后超过上限 64 MB");
  });

  it("refuses 100,000 measures and a 2,000 × 1,000 table with the limit they pass", async () => {
    expect(await reasonFor(manyMeasuresTxt())).toBe("文档文字超过上限 2000000 字");
    expect(await reasonFor(manyMeasuresTxt(30_000), { ...DEFAULT_PARSE_LIMITS, maxChars: 1e8 })).toBe("文档段落数超过上限 20000");
    expect(await reasonFor(hugeMarkdownTable(), { ...DEFAULT_PARSE_LIMITS, maxChars: 1e8 })).toBe("文档表格单元格数超过上限 100000");
  });

  it("refuses headings nested deeper than the limit (a list restarting at 1 on every line)", async () => {
    expect(await reasonFor(manyMeasuresTxt(500))).toBe("文档嵌套层数超过上限 100");
  });

  it("refuses deeply nested Markdown quotes and lists", async () => {
    const quotes = { label: "quotes", file: "quotes.md", bytes: Buffer.from(">".repeat(5000) + " 泰安") };
    const lists = { label: "lists", file: "lists.md", bytes: Buffer.from(Array.from({ length: 300 }, (_, i) => `${"  ".repeat(i)}- 第${i}层`).join("\n")) };
    expect(await reasonFor(quotes)).toBe("文档嵌套层数超过上限 100");
    expect(await reasonFor(lists)).toBe("文档嵌套层数超过上限 100");
  });

  it("refuses a PDF of more pages than allowed before reading them", async () => {
    const pdf = { label: "pdf", file: "outline.pdf", bytes: readFileSync(path.join(FIXTURES, "outline.pdf")) };
    expect(await reasonFor(pdf, { ...DEFAULT_PARSE_LIMITS, maxPdfPages: 1 })).toBe("PDF 页数超过上限 1");
  });

  it("refuses NUL bytes and an executable renamed .txt as not text", async () => {
    expect(await reasonFor(nulText())).toBe("不是文本文档（含有二进制内容或大量控制字符）");
    const binary = { label: "elf", file: "program.txt", bytes: readFileSync(process.execPath).subarray(0, 256 * 1024) };
    expect(await reasonFor(binary)).toBe("不是文本文档（含有二进制内容或大量控制字符）");
  });

  it("kills a parse past the time limit, and past the memory ceiling, naming the limit", async () => {
    const unbounded = { ...DEFAULT_PARSE_LIMITS, maxNesting: 1e6, maxChars: 1e9, maxBlocks: 1e9, maxTableCells: 1e9 };
    expect(await reasonFor(nestedDivsHtml(25_000), { ...unbounded, timeoutMs: 1500 })).toBe("文档解析超时（超过 1.5 秒）");
    expect(await reasonFor(manyMeasuresTxt(300_000), { ...unbounded, memoryMb: 64, timeoutMs: 60_000 })).toBe("文档解析所需内存超过上限 64 MB");
  });

  it("goes on with a fresh process after one was killed", async () => {
    const bad = path.join(dir, "slow.html");
    await writeFile(bad, nestedDivsHtml(25_000).bytes);
    const limits = { ...DEFAULT_PARSE_LIMITS, maxNesting: 1e6, timeoutMs: 1000 };
    await expect(parseDocuments([{ path: bad, name: "slow.html" }], limits)).rejects.toThrow(/超时/);
    const [doc] = await parseDocuments([{ path: OUTLINE_PATH, name: OUTLINE_FILE }], limits);
    expect(doc!.records.length).toBeGreaterThan(10);
  });
});
