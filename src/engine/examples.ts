import type { PolicyRecord } from "../corpus/types.js";
import type { DocumentLookup } from "./compose.js";

const MAX_EXAMPLES = 6;

/**
 * Example questions for /start, the console and refusals: the ones admins
 * wrote in the lexicon, then one for each document they do not mention, made
 * from a measure of it that names units, so that every document can be
 * asked about without a code change.
 */
export function examplesFrom(chosen: readonly string[], records: readonly PolicyRecord[], documents: DocumentLookup): string[] {
  const examples = [...new Set(chosen)].slice(0, MAX_EXAMPLES);
  const mentioned = (short: string) => chosen.some((q) => q.includes(short));
  const seen = new Set<string>();
  for (const record of records) {
    if (examples.length >= MAX_EXAMPLES) break;
    if (seen.has(record.documentId) || record.units.length === 0 || record.title.length > 16) continue;
    seen.add(record.documentId);
    const meta = documents.meta(record.documentId);
    // The first document with chosen examples is covered by them; the others each get one.
    if (chosen.length > 0 && (seen.size === 1 || mentioned(meta.short))) continue;
    examples.push(`${meta.short}里「${record.title}」找哪个部门？`);
  }
  return examples;
}
