import type { QueryLogEntry } from "../store/types.js";
import { CHANNEL_LABELS, FEEDBACK_REASON_LABELS, localTime, personLabel, queryResultLabel } from "./public/labels.js";

/** Most rows one export carries: a year of a busy window. */
export const EXPORT_MAX_ROWS = 50_000;

const HEADERS = ["编号", "时间", "渠道", "提问人", "问题", "结果", "置信度", "引用措施", "责任单位", "反馈", "原因", "备注"];

/** Display names by username, to name who asked on the console. */
export type Names = ReadonlyMap<string, string>;

function rowOf(q: QueryLogEntry, names: Names): (string | number)[] {
  return [
    q.id,
    localTime(q.at),
    CHANNEL_LABELS[q.channel] ?? q.channel,
    q.askedBy ? personLabel(q.askedBy, names) : "",
    q.question,
    queryResultLabel(q),
    q.confidence,
    q.citedTitles.join("、"),
    q.citedUnits.join("、"),
    q.feedback === 1 ? "有帮助" : q.feedback === -1 ? "没帮助" : "",
    q.feedbackReason ? FEEDBACK_REASON_LABELS[q.feedbackReason] : "",
    q.feedbackComment ?? "",
  ];
}

/** A spreadsheet would run a cell starting with = + - @ as a formula: quote it as text. */
const defuse = (value: string | number) => (typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** CSV with a BOM (Excel then reads it as UTF-8), quoted per RFC 4180. */
export function queriesCsv(queries: readonly QueryLogEntry[], names: Names): string {
  const cell = (value: string | number) => {
    const text = String(defuse(value));
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return "\uFEFF" + [HEADERS, ...queries.map((q) => rowOf(q, names))].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** An .xlsx workbook of the same rows, written with exceljs (loaded only when someone exports). */
export async function queriesXlsx(queries: readonly QueryLogEntry[], names: Names, title: string): Promise<Uint8Array<ArrayBuffer>> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ip-policy-bot";
  const sheet = workbook.addWorksheet("问答记录");
  sheet.addRow([title]);
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(HEADERS);
  sheet.getRow(2).font = { bold: true };
  for (const q of queries) sheet.addRow(rowOf(q, names).map(defuse));
  const widths = [8, 20, 10, 18, 40, 12, 8, 40, 30, 8, 10, 30];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  sheet.views = [{ state: "frozen", ySplit: 2 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
