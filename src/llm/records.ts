/**
 * The retrieved records as the model sees them (short ids M1, M2 … with path,
 * title, units and text) and as the user sees them (corpus citations).
 */
import type { PolicyRecord } from "../corpus/types.js";
import type { Citation } from "../engine/answer-schema.js";
import { detectDocumentMeta } from "../corpus/document-meta.js";
import { citationFor as engineCitation, type DocumentLookup } from "../engine/compose.js";

/** At most this many records go into a prompt: the engine's best few. */
export const MAX_PROMPT_RECORDS = 6;

/** Retrieved records under the short ids the model cites them by. */
export interface Candidates {
  /** `M1` → record, in retrieval order. */
  byShortId: Map<string, PolicyRecord>;
  /** Every unit any candidate lists: names the answer may only use when it cites them. */
  knownUnits: Set<string>;
}

export function candidatesFrom(records: readonly PolicyRecord[]): Candidates {
  const byShortId = new Map<string, PolicyRecord>();
  records.slice(0, MAX_PROMPT_RECORDS).forEach((record, i) => byShortId.set(`M${i + 1}`, record));
  const knownUnits = new Set([...byShortId.values()].flatMap((r) => r.units));
  return { byShortId, knownUnits };
}

/** `[M1]`, `M1`, ` m1 ` → `M1`. */
export function normalizeShortId(id: string): string {
  return id.replace(/[\s[\]【】()（）]/g, "").toUpperCase();
}

/** One record as prompt text. */
export function renderRecord(shortId: string, record: PolicyRecord): string {
  const lines = [
    `[${shortId}]`,
    `文件：${record.document}`,
    `位置：${record.path.join(" > ")}`,
    `标题：${record.title}`,
    `责任单位：${record.units.length ? record.units.join("、") : "原文未列明"}`,
    `正文：${record.text}`,
  ];
  if (record.table) {
    lines.push(`表格：${record.table.header.join(" | ")}`);
    for (const row of record.table.rows) lines.push(`  ${row.join(" | ")}`);
  }
  return lines.join("\n");
}

/** All candidates as prompt text, best first. */
export function renderRecords(candidates: Candidates): string {
  return [...candidates.byShortId].map(([id, record]) => renderRecord(id, record)).join("\n\n");
}

/** A record's opening sentences, as a citation's quote. */
export function openingSentences(text: string, maxChars = 160): string {
  const sentences = text.match(/[^。！？；]+[。！？；]?/g) ?? [text];
  let quote = "";
  for (const sentence of sentences) {
    if (quote && quote.length + sentence.length > maxChars) break;
    quote += sentence;
    if (quote.length >= 60) break;
  }
  return quote.length > maxChars ? quote.slice(0, maxChars - 1) + "…" : quote;
}

/**
 * The citation for a record: the engine's own when it made one, otherwise
 * built from the record. Never from the model's text.
 */
export function citationFor(record: PolicyRecord, engineCitations: readonly Citation[], documents?: DocumentLookup): Citation {
  const fromEngine = engineCitations.find((c) => c.id === record.id);
  return fromEngine ?? engineCitation(record, openingSentences(record.text), documents ?? { meta: () => detectDocumentMeta(record.document, "") });
}
