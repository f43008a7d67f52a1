import type { DocumentPreview, Failure, IngestProgress, IngestSummary } from "../../app/types.js";
import type { PolicyRecord } from "../../corpus/types.js";
import { READABLE_EXTENSIONS_TEXT } from "../../corpus/upload-policy.js";
import { escapeHtml, truncate } from "./escape.js";
import { countTables } from "../../corpus/records.js";

const STAGES: Record<IngestProgress["stage"], string> = { parse: "解析文件", embed: "计算向量", index: "建立索引", swap: "切换索引" };

/** One progress step of a reload or publish, for a throttled edit of the progress message. */
export function formatProgress(title: string, p: IngestProgress): string {
  const file = p.file ? ` · ${escapeHtml(truncate(p.file, 40))}` : "";
  return `${title}\n${STAGES[p.stage]}：${p.done}/${p.total}${file}\n<i>期间仍按原有政策库回答问题。</i>`;
}

/** What a finished build produced. */
export function formatSummary(summary: IngestSummary): string {
  return [
    `文件 ${summary.documents} 个，可引用条目 ${summary.measures + summary.sections} 条，表格 ${summary.tables} 个，责任单位 ${summary.units} 个`,
    `索引片段 ${summary.chunks} 个（新计算 ${summary.embedded}，沿用 ${summary.reused}），用时 ${summary.seconds.toFixed(1)} 秒`,
    `索引版本 ${escapeHtml(summary.indexVersion)}`,
  ].join("\n");
}

/** Each failure code in plain Chinese; the service's own detail (often English, from a parser) goes to the log, never to the chat. */
const REASONS: Record<Failure["code"], string> = {
  bad_document: "文件无法读取，或读不出可以引用的章节和措施（文件可能是空的、已损坏、加了密码，或是扫描的图片）",
  unsafe_document: "文件超过解析上限，或不是文本文档",
  unsupported_type: `不支持这种文件类型（支持 ${READABLE_EXTENSIONS_TEXT}）`,
  too_large: "文件超过大小上限",
  bad_name: "文件名不可用，请改用不含路径和特殊符号的文件名",
  not_found: "没有找到该文件",
  index_failed: "建立索引失败，请稍后再试或联系技术人员查看日志",
};

/** A refused reload or upload: which file, the reason in plain Chinese, and that nothing changed. */
export function formatFailure(action: string, failure: Failure): string {
  const file = failure.file ? `《${escapeHtml(failure.file)}》` : "";
  // A refused unsafe document's message is Chinese by construction and names the limit: say which.
  const reason = failure.code === "unsafe_document" ? failure.message : REASONS[failure.code];
  return [`❌ ${escapeHtml(action)}${file}未完成：${escapeHtml(reason)}。`, "政策库没有任何改动，仍按原有内容回答。"].join("\n");
}

/** Lines listed of a preview's measures before "…". */
const PREVIEW_MEASURES_MAX = 15;

/** What a parsed document holds, counted from its outline and records as an admin would count them. */
export interface DocumentCounts {
  /** Top-level headings (一、二、三 …). */
  chapters: string[];
  /** Numbered items that name their responsible units: the measures. */
  measures: PolicyRecord[];
  /** Numbered items without responsible units (（一）目标 and the like): cited, but not counted as measures. */
  otherItems: PolicyRecord[];
  tables: number;
  units: string[];
}

export function countDocument(preview: Pick<DocumentPreview, "outline" | "records" | "unitNames">): DocumentCounts {
  // The parser calls a record a measure only when it names units; numbered items without them are sections.
  return {
    chapters: preview.outline.map((n) => n.heading),
    measures: preview.records.filter((r) => r.kind === "measure" && r.units.length > 0),
    otherItems: preview.records.filter((r) => r.kind !== "table" && r.number !== null && r.units.length === 0 && r.path.length > 1),
    tables: countTables(preview.records),
    units: preview.unitNames,
  };
}

/** What an uploaded document adds: its title, chapters, the measures with their units, tables and units found. */
export function formatPreview(preview: Pick<DocumentPreview, "title" | "replaces" | "outline" | "records" | "unitNames">): string {
  const counts = countDocument(preview);
  const lines = [`<b>《${escapeHtml(preview.title)}》</b>${preview.replaces ? "（替换同名文件的旧版本）" : ""}`];
  lines.push(`章节 ${counts.chapters.length} 个${counts.chapters.length > 0 ? `：${counts.chapters.map((h) => escapeHtml(truncate(h, 20))).join("、")}` : ""}`);
  lines.push(`注明责任单位的措施 ${counts.measures.length} 项，表格 ${counts.tables} 个，责任单位 ${counts.units.length} 个`);
  if (counts.otherItems.length > 0) {
    const examples = counts.otherItems
      .slice(0, 3)
      .map((r) => `「${escapeHtml(r.title)}」`)
      .join("");
    lines.push(`另有 ${counts.otherItems.length} 条未注明责任单位的条目（如${examples}），未计入措施`);
  }
  if (counts.measures.length > 0) {
    lines.push("", "<b>措施</b>");
    for (const m of counts.measures.slice(0, PREVIEW_MEASURES_MAX)) lines.push(`• ${escapeHtml(m.title)}`);
    if (counts.measures.length > PREVIEW_MEASURES_MAX) lines.push(`…… 另有 ${counts.measures.length - PREVIEW_MEASURES_MAX} 项`);
  }
  if (counts.units.length > 0) lines.push("", `<b>责任单位</b>：${counts.units.map(escapeHtml).join("、")}`);
  return lines.join("\n");
}
