import type { PolicyRecord } from "../../corpus/types.js";
import { copyText, el } from "./dom.js";
import { unitChips } from "./units.js";

/** What to mark in a record's text: the sentences an answer quoted and the units asked about. */
export interface Highlight {
  quotes: readonly string[];
  units: readonly string[];
}

/**
 * The record's text with each quoted sentence wrapped in `<mark class="hl">`.
 * Quotes are looked up in the record's own text (they were taken from it);
 * one that is not found marks nothing.
 */
export function markedText(text: string, quotes: readonly string[]): (string | HTMLElement)[] {
  const spans: { start: number; end: number }[] = [];
  for (const quote of quotes) {
    const q = quote.trim();
    if (!q) continue;
    const start = text.indexOf(q);
    if (start >= 0) spans.push({ start, end: start + q.length });
  }
  spans.sort((a, b) => a.start - b.start);
  const out: (string | HTMLElement)[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    if (span.start > at) out.push(text.slice(at, span.start));
    out.push(el("mark", { class: "hl" }, text.slice(span.start, span.end)));
    at = span.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** The full text of a record as plain text, for the copy button. */
export function recordPlainText(record: PolicyRecord): string {
  const lines = [`《${record.document}》 ${record.path.join(" › ")}`, record.text];
  if (record.table) lines.push([record.table.header, ...record.table.rows].map((row) => row.join("\t")).join("\n"));
  if (record.units.length) lines.push(`责任单位：${record.units.join("、")}`);
  return lines.join("\n");
}

/**
 * The 措施全文 panel's content: a heading with copy and close, the record's
 * place and title, its text with the quoted sentences marked, its table,
 * units (the asked-about ones marked) and related measures.
 */
export function recordPanel(record: PolicyRecord, related: readonly PolicyRecord[], highlight: Highlight, actions: { open(id: string): void; close(): void }): HTMLElement[] {
  const status = el("span", { class: "copy-status", role: "status" });
  const roles = record.unitRoles;
  const units = record.units.map((name) => ({
    name,
    role: roles?.lead.includes(name) ? ("lead" as const) : roles?.support.includes(name) ? ("support" as const) : ("responsible" as const),
  }));
  return [
    el(
      "header",
      { class: "panel-head" },
      el("h2", { id: "record-heading" }, "措施全文"),
      el(
        "span",
        { class: "row" },
        el(
          "button",
          {
            type: "button",
            id: "copy-record",
            class: "secondary small",
            onclick: async () => {
              status.textContent = (await copyText(recordPlainText(record))) ? "全文已复制" : "复制失败，请手动选择文字";
            },
          },
          "复制全文",
        ),
        el("button", { type: "button", id: "close-record", class: "small", "aria-label": "关闭措施全文", onclick: actions.close }, "关闭"),
        status,
      ),
    ),
    el("p", { class: "path" }, `《${record.document}》 ${record.path.join(" › ")}`),
    el("h3", { class: "measure", tabindex: "-1", id: "record-title" }, record.title),
    el("div", { class: "record-text" }, ...markedText(record.text, highlight.quotes)),
    record.table
      ? el(
          "div",
          { class: "scroll" },
          el(
            "table",
            {},
            el("thead", {}, el("tr", {}, ...record.table.header.map((h) => el("th", {}, h)))),
            el("tbody", {}, ...record.table.rows.map((row) => el("tr", {}, ...row.map((cell) => el("td", {}, cell))))),
          ),
        )
      : null,
    el("p", { class: "units-line" }, el("strong", {}, "责任单位："), unitChips(units, { asked: highlight.units, complete: !record.unitsOpenEnded })),
    related.length
      ? el(
          "div",
          { class: "related" },
          el("strong", {}, "相关措施："),
          ...related.map((r) => el("button", { type: "button", class: "link small", onclick: () => actions.open(r.id) }, r.title)),
        )
      : null,
  ].filter((node): node is HTMLElement => node !== null);
}
