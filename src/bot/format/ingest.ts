import type { DocumentPreview, Failure, IngestProgress, IngestSummary } from "../../app/types.js";
import { escapeHtml, truncate } from "./escape.js";

const STAGES: Record<IngestProgress["stage"], string> = { parse: "解析文件", embed: "计算向量", index: "建立索引", swap: "切换索引" };

/** One progress step of a reload or publish, for a throttled edit of the progress message. */
export function formatProgress(title: string, p: IngestProgress): string {
  const file = p.file ? ` · ${escapeHtml(truncate(p.file, 40))}` : "";
  return `${title}\n${STAGES[p.stage]}：${p.done}/${p.total}${file}\n<i>期间仍按原有政策库回答问题。</i>`;
}

/** What a finished build produced. */
export function formatSummary(summary: IngestSummary): string {
  return [
    `文件 ${summary.documents} 个，措施 ${summary.measures} 项，章节 ${summary.sections} 个，表格 ${summary.tables} 个，责任单位 ${summary.units} 个`,
    `索引片段 ${summary.chunks} 个（新计算 ${summary.embedded}，沿用 ${summary.reused}），用时 ${summary.seconds.toFixed(1)} 秒`,
    `索引版本 ${escapeHtml(summary.indexVersion)}`,
  ].join("\n");
}

const REASONS: Record<Failure["code"], string> = {
  bad_document: "文件无法解析出任何章节或措施",
  unsupported_type: "不支持这种文件类型（支持 .txt .md .docx .pdf .html）",
  too_large: "文件超过大小上限",
  bad_name: "文件名不可用",
  not_found: "没有找到该文件",
  index_failed: "建立索引失败",
};

/** A refused reload or upload: the reason in plain Chinese, the service's detail, and that nothing changed. */
export function formatFailure(action: string, failure: Failure): string {
  const file = failure.file ? `《${escapeHtml(failure.file)}》` : "";
  return [
    `❌ ${escapeHtml(action)}${file}未完成：${REASONS[failure.code]}。`,
    failure.message ? `详情：${escapeHtml(failure.message)}` : "",
    "政策库没有任何改动，仍按原有内容回答。",
  ]
    .filter(Boolean)
    .join("\n");
}

/** Lines listed of a preview's measures before "…". */
const PREVIEW_MEASURES_MAX = 15;

/** What an uploaded document adds: its title, measures and units found. */
export function formatPreview(preview: DocumentPreview): string {
  const measures = preview.records.filter((r) => r.kind === "measure");
  const lines = [
    `<b>《${escapeHtml(preview.title)}》</b>${preview.replaces ? "（替换同名文件的旧版本）" : ""}`,
    `措施 ${preview.measures} 项，章节 ${preview.sections} 个，表格 ${preview.tables} 个，责任单位 ${preview.units} 个`,
  ];
  if (measures.length > 0) {
    lines.push("", "<b>措施</b>");
    for (const m of measures.slice(0, PREVIEW_MEASURES_MAX)) lines.push(`• ${escapeHtml(m.title)}`);
    if (measures.length > PREVIEW_MEASURES_MAX) lines.push(`…… 另有 ${measures.length - PREVIEW_MEASURES_MAX} 项`);
  }
  if (preview.unitNames.length > 0) lines.push("", `<b>责任单位</b>：${preview.unitNames.map(escapeHtml).join("、")}`);
  return lines.join("\n");
}
