/**
 * Holding a model's answer to the records it was given. An answer passes only
 * when it cites retrieved records, names no unit those records do not list,
 * and states no number their text does not contain. Pure functions: the
 * composer falls back to the extractive answer on any rejection.
 */
import type { PolicyRecord } from "../corpus/types.js";
import { firstUngroundedNumber } from "./numbers.js";
import { normalizeShortId, type Candidates } from "./records.js";
import type { ModelReply } from "./reply.js";
import { firstUncitedUnit } from "./units.js";

/** Longer than any useful chat answer: a model that rambles this far is not answering. */
export const MAX_ANSWER_CHARS = 1500;

export type RejectReason = "empty_answer" | "too_long" | "no_citation" | "unknown_citation" | "unit_not_cited" | "number_not_in_text";

export type Rejection = { ok: false; reason: RejectReason; detail: string };
export type Verdict = { ok: true; answer: string; cited: PolicyRecord[] } | Rejection;

/** Removes short-id markers (`[M1]`, `（M1、M2）`, `M1`) the model may write into its prose despite the prompt. */
export function stripIdMarkers(text: string): string {
  return text
    .replace(/[[【（(]\s*M\d+(?:\s*[,，、;；]\s*M\d+)*\s*[\]】）)]/g, "")
    .replace(/(?<![A-Za-z0-9])M\d+(?![A-Za-z0-9])/g, "")
    .trim();
}

/** The text a cited record vouches for: body, title, units and table cells. */
function groundText(records: readonly PolicyRecord[]): string {
  return records.map((r) => [r.title, r.text, r.units.join("、"), ...(r.table ? [r.table.header, ...r.table.rows].map((row) => row.join(" ")) : [])].join("\n")).join("\n");
}

/**
 * The answer without the numbers that are not claims about the policy: the
 * outline headings and document titles it quotes (`2.建立知识产权运营机制`),
 * list markers at the start of a line (`1. `), and the count of the cited
 * measures (`以下 4 项措施`), which the citations themselves vouch for.
 */
function claimsOnly(answer: string, records: readonly PolicyRecord[]): string {
  const headings = [...new Set(records.flatMap((r) => [...r.path, r.document]))].sort((a, b) => b.length - a.length);
  let out = answer;
  for (const heading of headings) if (heading) out = out.split(heading).join(" ");
  out = out.replace(/^\s*\d+\s*[.、．)）](?!\d)/gm, " ");
  return out.replace(new RegExp(`(?<![\\d.])${records.length}\\s*(?=[项条个]措施|项工作|项任务)`, "g"), " ");
}

/**
 * Checks an answer's numbers and unit names against `cited`; `knownUnits` are
 * all units the candidates list, so naming an uncited candidate's unit is caught.
 */
export function checkGrounding(answer: string, cited: readonly PolicyRecord[], knownUnits: Iterable<string>): Rejection | undefined {
  const ground = groundText(cited);
  const unit = firstUncitedUnit(
    answer,
    cited.flatMap((r) => r.units),
    knownUnits,
    ground,
  );
  if (unit !== undefined) return { ok: false, reason: "unit_not_cited", detail: unit };
  const number = firstUngroundedNumber(claimsOnly(answer, cited), ground);
  if (number !== undefined) return { ok: false, reason: "number_not_in_text", detail: number };
  return undefined;
}

/** Maps the model's cited ids to candidates; any id that was not retrieved is a rejection. */
export function resolveCitedIds(ids: readonly string[], candidates: Candidates): { ok: true; cited: PolicyRecord[] } | Rejection {
  const cited: PolicyRecord[] = [];
  for (const raw of ids) {
    const record = candidates.byShortId.get(normalizeShortId(raw));
    if (!record) return { ok: false, reason: "unknown_citation", detail: raw };
    if (!cited.includes(record)) cited.push(record);
  }
  if (cited.length === 0) return { ok: false, reason: "no_citation", detail: "cited_ids is empty" };
  return { ok: true, cited };
}

/** The whole verification of a final reply. On success, `answer` is the text to show (id markers removed). */
export function verifyReply(reply: ModelReply, candidates: Candidates): Verdict {
  const answer = stripIdMarkers(reply.answer);
  if (!answer) return { ok: false, reason: "empty_answer", detail: "the answer is empty" };
  if (answer.length > MAX_ANSWER_CHARS) return { ok: false, reason: "too_long", detail: `${answer.length} characters` };
  const resolved = resolveCitedIds(reply.cited_ids, candidates);
  if (!resolved.ok) return resolved;
  const rejection = checkGrounding(answer, resolved.cited, candidates.knownUnits);
  return rejection ?? { ok: true, answer, cited: resolved.cited };
}

/** Where a streamed answer may be cut: after a clause, so a number or a name is never shown half-written. */
const CLAUSE_END = /[，。；！？：、\n,;!?]/g;

/**
 * The part of a still-arriving answer that is safe to show: up to the last
 * clause boundary, checked against the cited records (or, before `cited_ids`
 * has arrived, against all candidates). A rejection means: show nothing more.
 */
export function verifiedPrefix(partial: { answer?: string; citedIds?: string[] }, candidates: Candidates): { ok: true; text: string } | Rejection {
  const answer = partial.answer ?? "";
  let cut = 0;
  for (const match of answer.matchAll(CLAUSE_END)) cut = match.index + match[0].length;
  const prefix = stripIdMarkers(answer.slice(0, cut));
  if (prefix.length > MAX_ANSWER_CHARS) return { ok: false, reason: "too_long", detail: `${prefix.length} characters` };
  let cited = [...candidates.byShortId.values()];
  if (partial.citedIds) {
    const resolved = resolveCitedIds(partial.citedIds, candidates);
    if (!resolved.ok) return resolved;
    cited = resolved.cited;
  }
  return checkGrounding(prefix, cited, candidates.knownUnits) ?? { ok: true, text: prefix };
}
