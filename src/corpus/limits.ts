/**
 * How much an untrusted document may cost to parse. Every format loader
 * checks the limits that apply to it as early as it can (before inflating,
 * before building a tree), and the parser process enforces time and memory
 * from outside. A document past a limit is refused with a Chinese reason
 * naming the limit, like any other unreadable file.
 */
import { DocumentError } from "./blocks.js";

export interface ParseLimits {
  /** Wall time for one document, in milliseconds. */
  timeoutMs: number;
  /** Heap ceiling of the parser process, in MiB. */
  memoryMb: number;
  /** What the entries of a .docx may inflate to, in total, in bytes. */
  maxInflatedBytes: number;
  /** Characters of text in one document. */
  maxChars: number;
  /** Paragraphs and tables in one document. */
  maxBlocks: number;
  /** Table cells in one document, all tables together. */
  maxTableCells: number;
  /** Pages of one PDF. */
  maxPdfPages: number;
  /** Nesting depth of HTML elements, Markdown quotes and lists, and headings. */
  maxNesting: number;
}

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = {
  timeoutMs: 20_000,
  memoryMb: 512,
  maxInflatedBytes: 64 * 1024 * 1024,
  maxChars: 2_000_000,
  maxBlocks: 20_000,
  maxTableCells: 100_000,
  maxPdfPages: 300,
  maxNesting: 100,
};

/** Which limit a document went past. */
export type LimitName = keyof ParseLimits;

/** The refusal for a limit, in the words admins read. */
export function limitReason(limit: LimitName, limits: ParseLimits): string {
  switch (limit) {
    case "timeoutMs":
      return `文档解析超时（超过 ${Math.round(limits.timeoutMs / 100) / 10} 秒）`;
    case "memoryMb":
      return `文档解析所需内存超过上限 ${limits.memoryMb} MB`;
    case "maxInflatedBytes":
      return `文档解压后超过上限 ${Math.round(limits.maxInflatedBytes / 1048576)} MB`;
    case "maxChars":
      return `文档文字超过上限 ${limits.maxChars} 字`;
    case "maxBlocks":
      return `文档段落数超过上限 ${limits.maxBlocks}`;
    case "maxTableCells":
      return `文档表格单元格数超过上限 ${limits.maxTableCells}`;
    case "maxPdfPages":
      return `PDF 页数超过上限 ${limits.maxPdfPages}`;
    case "maxNesting":
      return `文档嵌套层数超过上限 ${limits.maxNesting}`;
  }
}

/** Thrown by a loader that finds a document past a limit; the file name is filled in by the caller. */
export function overLimit(limit: LimitName, limits: ParseLimits): DocumentError {
  return new DocumentError("", limitReason(limit, limits), { refusal: "limit" });
}

/** The refusal of binary content or text that is mostly control characters. */
export const NOT_TEXT_REASON = "不是文本文档（含有二进制内容或大量控制字符）";
