import type { DocumentMeta, PolicyRecord } from "../../corpus/types.js";
import { unitsWithRoles } from "../../engine/compose.js";
import { formatPath, unitsLine } from "./answer.js";
import { escapeHtml, truncate } from "./escape.js";

/** A record's full text (查看原文) as Telegram HTML: title, place, body, table, units, draft note. */
export function formatRecord(record: PolicyRecord, meta: DocumentMeta): string {
  const lines = [`<b>${escapeHtml(record.title)}</b>`, `<i>《${escapeHtml(record.document)}》 ${formatPath(record.path)}</i>`];
  if (record.text) lines.push("", escapeHtml(record.text));
  if (record.table) {
    lines.push("", escapeHtml(record.table.header.join(" | ")));
    for (const row of record.table.rows) lines.push(escapeHtml(row.join(" | ")));
  }
  if (record.units.length > 0) lines.push("", unitsLine(unitsWithRoles(record), !record.unitsOpenEnded));
  if (meta.status === "draft") lines.push("", `<i>注：《${escapeHtml(record.document)}》为征求意见稿，内容以正式印发文件为准。</i>`);
  return lines.join("\n");
}

/** One line of a list of records: title and where it sits (without the record's own heading). */
export function recordListLine(record: PolicyRecord): string {
  const place = record.path.slice(0, -1);
  const where = place.length > 0 ? `（${formatPath(place.map((p) => truncate(p, 24)))}）` : "";
  return `• <b>${escapeHtml(record.title)}</b>${where}`;
}
