import type { PolicyRecord } from "../../corpus/types.js";
import { draftNote, formatPath, isDraftTitle, unitsLine } from "./answer.js";
import { escapeHtml, truncate } from "./escape.js";

/** A record's full text (查看原文) as Telegram HTML: title, place, body, table, units, draft note. */
export function formatRecord(record: PolicyRecord): string {
  const lines = [`<b>${escapeHtml(record.title)}</b>`, `<i>《${escapeHtml(record.document)}》 ${formatPath(record.path)}</i>`];
  if (record.text) lines.push("", escapeHtml(record.text));
  if (record.table) {
    lines.push("", escapeHtml(record.table.header.join(" | ")));
    for (const row of record.table.rows) lines.push(escapeHtml(row.join(" | ")));
  }
  if (record.unitRoles && record.unitRoles.support.length > 0) {
    lines.push("", `牵头单位：${record.unitRoles.lead.map(escapeHtml).join("、")}`);
    lines.push(`配合单位：${record.unitRoles.support.map(escapeHtml).join("、")}`);
  } else if (record.units.length > 0) {
    lines.push("", unitsLine(record.units));
  }
  if (isDraftTitle(record.document)) lines.push("", draftNote(record.document));
  return lines.join("\n");
}

/** One line of a list of records: title and where it sits (without the record's own heading). */
export function recordListLine(record: PolicyRecord): string {
  const place = record.path.slice(0, -1);
  const where = place.length > 0 ? `（${formatPath(place.map((p) => truncate(p, 24)))}）` : "";
  return `• <b>${escapeHtml(record.title)}</b>${where}`;
}
