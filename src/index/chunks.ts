import { shortTitle } from "../corpus/document-meta.js";
import type { PolicyRecord } from "../corpus/types.js";

/** A searchable piece of a record: the whole measure, a sentence window of a long one, or one table row. */
export interface Chunk {
  id: string;
  recordId: string;
  /** The record's title (a table row's: its table's title). */
  title: string;
  /** Headings above, for context. */
  context: string;
  /** The chunk's own text. */
  text: string;
}

/** Records up to this many characters stay whole; longer ones are split into sentence windows. */
const WHOLE_RECORD_CHARS = 600;
const WINDOW_SENTENCES = 4;
const WINDOW_STRIDE = 2;

export function splitSentences(text: string): string[] {
  return (text.match(/[^。！？!?；;\n]+[。！？!?；;]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** What the embedding model reads for a chunk. */
export function embeddingText(chunk: Chunk): string {
  return chunk.title ? `${chunk.title}。${chunk.text}` : chunk.text;
}

export function chunkRecord(record: PolicyRecord): Chunk[] {
  // A title derived from the text (an article's lead clause) is already in the text: as a title it would count its words thrice.
  // The document's short name tells what all its records are about (专利导航项目, 纠纷人民调解): context for each.
  const context = [shortTitle(record.document), ...record.path.slice(0, -1), ...(record.titleDerived ? [record.title] : [])].join(" ");
  // A preamble's "title" is the document's: searched as a title it would pull every question naming 泰安 or 知识产权 to it.
  const title = record.title === record.document || record.titleDerived ? "" : record.title;
  const base = { recordId: record.id, title, context };
  if (record.table) {
    return record.text.split("\n").map((row, i) => ({ ...base, id: `${record.id}~r${i + 1}`, text: row }));
  }
  if (record.text.length <= WHOLE_RECORD_CHARS) return [{ ...base, id: `${record.id}~1`, text: record.text }];
  const sentences = splitSentences(record.text);
  const chunks: Chunk[] = [];
  for (let start = 0; start < sentences.length; start += WINDOW_STRIDE) {
    chunks.push({ ...base, id: `${record.id}~${chunks.length + 1}`, text: sentences.slice(start, start + WINDOW_SENTENCES).join("") });
    if (start + WINDOW_SENTENCES >= sentences.length) break;
  }
  return chunks;
}
