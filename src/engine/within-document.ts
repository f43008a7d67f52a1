import type { PolicyRecord } from "../corpus/types.js";
import type { LoadedIndex } from "../index/load.js";
import { bigramKey, type LexicalIndex, wordKey } from "../index/lexical.js";
import type { QuestionAnalysis } from "./question.js";
import type { RankedRecord } from "./retrieve.js";
import { detailsReallyAsked, givesSpecificAsked, headingNamesDetailAsked } from "./specifics.js";

/** What the within-document choice needs of the index: each record's chunks and each document's title terms. */
export interface DocumentTerms {
  lexical: LexicalIndex;
  /** Lexical entries (chunk numbers) of a record. */
  entriesOf(recordId: string): readonly number[];
  /** Every record of a document, in its order. */
  recordsOf(documentId: string): readonly PolicyRecord[];
  /** The term keys (words and bigrams) of a document's title. */
  titleKeys(documentId: string): ReadonlySet<string>;
}

/** How much the whole question's ranking counts against the match of its rest (0–1 each). */
const RANKED = 0.3;
/** A record must lead the first one by this much (on a 0–1 scale of matching the rest of the question) to take its place. */
const CLEARLY_BETTER = 0.2;
/** A heading that names the detail asked (办理时限 for 多久能办完) adds this much… */
const DETAIL_HEADING = 0.5;
/** …and a text that gives it (20个工作日内) this much. */
const GIVES_DETAIL = 0.25;

/**
 * Within one document the words of its title name every record alike (地理标志专用标志 in every section of
 * a 地理标志专用标志使用办事指南): they choose the document, and the rest of the question (初审, 多久办完)
 * chooses the record. The first document's record that best matches the rest, with the section headed
 * by the detail asked, comes first.
 */
export function bestWithinDocument(ranked: RankedRecord[], question: QuestionAnalysis, terms: DocumentTerms): RankedRecord[] {
  const top = ranked[0];
  if (!top) return ranked;
  const documentId = top.record.documentId;
  const title = terms.titleKeys(documentId);
  // The question's own words only: a synonym added for a title word (专利布局 for 专利导航) would count it again.
  const own = question.terms.filter((t) => t.term.startsWith("b:") || question.words.includes(t.term.slice(2)));
  // Bigrams across a title word's edge (志申 of 专用标志申请) are the title word's too.
  const covered = new Set<number>();
  for (const key of title) {
    if (!key.startsWith("w:")) continue;
    const word = key.slice(2);
    for (let at = question.text.indexOf(word); at >= 0; at = question.text.indexOf(word, at + 1)) for (let i = 0; i < word.length; i++) covered.add(at + i);
  }
  const free = new Set<string>();
  for (let i = 0; i + 1 < question.text.length; i++) if (!covered.has(i) && !covered.has(i + 1)) free.add(`b:${question.text.slice(i, i + 2)}`);
  const rest = own.filter((t) => !title.has(t.term) && (!t.term.startsWith("b:") || free.has(t.term)));
  if (rest.length === own.length || rest.length === 0) return ranked;
  const records = terms.recordsOf(documentId);
  const matching = new Map(records.map((r) => [r.id, Math.max(0, ...terms.entriesOf(r.id).map((e) => terms.lexical.scoreEntry(e, rest)))]));
  // Nothing else of the question in any record (多久能办完): the heading that names the detail decides.
  const most = Math.max(1e-9, ...matching.values());
  const details = detailsReallyAsked(question.specifics, question.text);
  const ranking = new Map(ranked.map((r) => [r.record.id, r.score / top.score]));
  const scoreOf = (record: PolicyRecord) =>
    RANKED * (ranking.get(record.id) ?? 0) +
    (1 - RANKED) * (matching.get(record.id)! / most) +
    (!record.titleDerived && headingNamesDetailAsked(record.title, question.text, false) ? DETAIL_HEADING : 0) +
    (details.some((d) => givesSpecificAsked(record.text, d, question.text)) ? GIVES_DETAIL : 0);
  const topScore = scoreOf(top.record);
  let best: { record: PolicyRecord; score: number } | undefined;
  for (const record of records) {
    if (record.id === top.record.id) continue;
    const score = scoreOf(record);
    if (score > (best?.score ?? 0)) best = { record, score };
  }
  if (!best || best.score < topScore + CLEARLY_BETTER) return ranked;
  const found = ranked.find((r) => r.record.id === best.record.id);
  const promoted: RankedRecord = { record: best.record, score: top.score, lexical: found?.lexical ?? top.lexical, vector: found?.vector ?? 0 };
  return [promoted, ...ranked.filter((r) => r.record.id !== best.record.id)];
}

/** Each record's lexical entries and each document's distinctive title words (see `distinctiveTitleWords`) as term keys. */
export function documentTermsOf(index: LoadedIndex, titleWords: ReadonlyMap<string, readonly string[]>): DocumentTerms {
  const entries = new Map<string, number[]>();
  index.chunks.forEach((c, i) => {
    const list = entries.get(c.recordId);
    if (list) list.push(i);
    else entries.set(c.recordId, [i]);
  });
  const byDocument = new Map(index.documents.map((d) => [d.id, d]));
  const keysOf = (words: readonly string[]) => new Set(words.flatMap((w) => [wordKey(w), ...[...w].slice(1).map((c, i) => bigramKey(`${[...w][i]}${c}`))]));
  const titles = new Map([...titleWords].map(([id, words]) => [id, keysOf(words)]));
  return {
    lexical: index.lexical,
    entriesOf: (id) => entries.get(id) ?? [],
    recordsOf: (id) => byDocument.get(id)?.records ?? [],
    titleKeys: (id) => titles.get(id) ?? new Set(),
  };
}
