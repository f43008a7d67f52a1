import type { PolicyRecord } from "../corpus/types.js";
import type { LoadedIndex } from "../index/load.js";
import { bigramKey, type LexicalIndex, type WeightedTerm, wordKey } from "../index/lexical.js";
import type { QuestionAnalysis } from "./question.js";
import { type RankedRecord, setsTargets } from "./retrieve.js";
import { detailsGiven, detailsReallyAsked, headingNamesDetailAsked } from "./specifics.js";

/** What the within-document choice needs of the index: each record's chunks and each document's title terms. */
export interface DocumentTerms {
  lexical: LexicalIndex;
  /** Lexical entries (chunk numbers) of a record. */
  entriesOf(recordId: string): readonly number[];
  /** Every record of a document, in its order. */
  recordsOf(documentId: string): readonly PolicyRecord[];
  /** A document's distinctive title words (see `distinctiveTitleWords`), and the bigram keys inside them. */
  titleTerms(documentId: string): TitleTerms;
}

export interface TitleTerms {
  words: ReadonlySet<string>;
  bigramKeys: ReadonlySet<string>;
}

/** How much the whole question's ranking counts against the match of its rest (0–1 each). */
const RANKED = 0.3;
/** A record must lead the first one by this much (on a 0–1 scale of matching the rest of the question) to take its place. */
const CLEARLY_BETTER = 0.2;
/** A heading that names the detail asked (办理时限 for 多久能办完) adds this much… */
const DETAIL_HEADING = 0.5;
/** …and a text that gives it (20个工作日内, or the targets asked: 到2035年…) this much. */
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
  const rest = restOfQuestion(question, terms.titleTerms(documentId));
  if (!rest) return ranked;
  const records = terms.recordsOf(documentId);
  const matching = new Map(records.map((r) => [r.id, Math.max(0, ...terms.entriesOf(r.id).map((e) => terms.lexical.scoreEntry(e, rest)))]));
  // Nothing else of the question in any record (多久能办完): the heading that names the detail decides.
  const most = Math.max(1e-9, ...matching.values());
  const details = detailsReallyAsked(question.specifics, question.text);
  const ranking = new Map(ranked.map((r) => [r.record.id, r.score / top.score]));
  const scoreOf = (record: PolicyRecord) =>
    RANKED * (ranking.get(record.id) ?? 0) +
    (1 - RANKED) * (matching.get(record.id)! / most) +
    (writtenHeading(record) && headingNamesDetailAsked(record.title, question.text, false) ? DETAIL_HEADING : 0) +
    (detailsGiven(record.text, details, question.text).length > 0 || (question.asksTarget && setsTargets(record)) ? GIVES_DETAIL : 0);
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

/** A heading the document's author wrote: a section's, or the question of a 问/答 pair (有疑问可以找哪个部门咨询？), not a row's cell. */
function writtenHeading(record: PolicyRecord): boolean {
  return !record.titleDerived || /[？?]$/.test(record.title);
}

/**
 * The question's own terms (a synonym added for a title word, 专利布局 for 专利导航, would count it again)
 * besides the title's words and the bigrams inside or across their edges (志申 of 专用标志申请);
 * undefined when the title takes none of them or all.
 */
function restOfQuestion(question: QuestionAnalysis, title: TitleTerms): WeightedTerm[] | undefined {
  const text = question.text;
  const covered = new Set<number>();
  for (const word of title.words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) for (let i = 0; i < word.length; i++) covered.add(at + i);
  }
  const bigrams = new Set<string>();
  const freeBigrams = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) {
    const key = bigramKey(text.slice(i, i + 2));
    bigrams.add(key);
    if (!covered.has(i) && !covered.has(i + 1) && !title.bigramKeys.has(key)) freeBigrams.add(key);
  }
  const ownWords = new Set(question.words.map(wordKey));
  const freeWords = new Set(question.words.filter((w) => !title.words.has(w)).map(wordKey));
  const own = question.terms.filter((t) => ownWords.has(t.term) || bigrams.has(t.term));
  const rest = own.filter((t) => freeWords.has(t.term) || freeBigrams.has(t.term));
  return rest.length === own.length || rest.length === 0 ? undefined : rest;
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
  const titles = new Map(
    [...titleWords].map(([id, words]) => [id, { words: new Set(words), bigramKeys: new Set(words.flatMap((w) => index.tokenizer.bigrams(w)).map(bigramKey)) }]),
  );
  const noTitle: TitleTerms = { words: new Set(), bigramKeys: new Set() };
  return {
    lexical: index.lexical,
    entriesOf: (id) => entries.get(id) ?? [],
    recordsOf: (id) => byDocument.get(id)?.records ?? [],
    titleTerms: (id) => titles.get(id) ?? noTitle,
  };
}
