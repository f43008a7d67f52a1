import type { PolicyRecord } from "../corpus/types.js";
import type { LoadedIndex } from "../index/load.js";
import type { QuestionAnalysis } from "./question.js";
import { givesSpecific, headingNamesDetailAsked } from "./specifics.js";

export type RetrievalMode = "hybrid" | "vector" | "lexical";

export interface RankedRecord {
  record: PolicyRecord;
  score: number;
  /** Best BM25 score of the record's chunks (0 when lexical search did not find it). */
  lexical: number;
  /** Best cosine similarity of the record's chunks (0 when vector search did not find it). */
  vector: number;
}

const CANDIDATES = 40;

/**
 * Hybrid retrieval: BM25 over words and bigrams, cosine search in the HNSW
 * store, fused at the record level (see `fuseScores`), then re-scored with
 * the question's kind in mind (a title naming the topic, a target question
 * and the section that sets targets, a "who handles" question and records
 * that name responsible units).
 */
export async function retrieve(
  index: LoadedIndex,
  records: ReadonlyMap<string, PolicyRecord>,
  question: QuestionAnalysis,
  mode: RetrievalMode = "hybrid",
  boosts: ReadonlyMap<string, number> = new Map(),
  /** A record's weight before structure is considered: its document's level against the one asked (see `levelWeight`). */
  weightOf: (record: PolicyRecord) => number = () => 1,
): Promise<RankedRecord[]> {
  const lexicalBest = new Map<string, number>();
  const vectorBest = new Map<string, number>();

  if (mode !== "vector") {
    for (const hit of index.lexical.search(question.terms, CANDIDATES)) {
      const recordId = index.chunks[hit.entry]!.recordId;
      lexicalBest.set(recordId, Math.max(lexicalBest.get(recordId) ?? 0, hit.score));
    }
  }
  if (mode !== "lexical" && index.chunks.length > 0) {
    const queryVector = await index.provider.embeddings.embedQuery(question.vectorText);
    const hits = await index.vectors.similaritySearchVectorWithScore(queryVector, Math.min(CANDIDATES, index.chunks.length));
    for (const [doc, distance] of hits) {
      const recordId = String(doc.metadata.recordId);
      const similarity = 1 - distance;
      if (similarity <= 0) continue;
      vectorBest.set(recordId, Math.max(vectorBest.get(recordId) ?? 0, similarity));
    }
  }

  const fused = fuseScores([lexicalBest, vectorBest]);

  const ranked: RankedRecord[] = [];
  for (const [id, base] of fused) {
    const record = records.get(id);
    if (!record) continue;
    const score = base * weightOf(record) * structureFactor(record, question) + targetBonus(record, question) + (boosts.get(id) ?? 0);
    ranked.push({ record, score, lexical: lexicalBest.get(id) ?? 0, vector: vectorBest.get(id) ?? 0 });
  }
  return ranked.sort((a, b) => b.score - a.score || b.lexical - a.lexical);
}

/** How the outline's structure bears on a record for this question. */
function structureFactor(record: PolicyRecord, question: QuestionAnalysis): number {
  let factor = 1;
  // Words of the document's own title (知识产权, 强市) name every record of it alike, so they tell nothing apart.
  const distinctive = (w: string) => w.length >= 2 && record.title.includes(w) && !record.document.includes(w);
  const inTitle = question.words.filter(distinctive).length;
  const expandedInTitle = question.expansions.filter(distinctive).length;
  // A heading written to name the record says what it is about; a derived title (a row's cell, a question) only partly.
  const titleWeight = record.titleDerived ? 0.5 : 1;
  factor += titleWeight * (0.12 * Math.min(inTitle, 3) + 0.06 * Math.min(expandedInTitle, 2));
  if ((question.asksWho || question.specifics.length > 0) && record.units.length === 0 && record.kind !== "table") factor -= 0.15;
  if (question.asksGeneral && record.kind === "section") factor += 0.25;
  // "发明专利授权资助多少钱": the text that gives the amount (a subsidy schedule) over the one that promises a policy.
  const givesAsked = question.specifics.filter((s) => givesSpecific(record.text, s));
  if (givesAsked.length > 0) factor += 0.3;
  // "海关那边能帮忙拦吗": the measures that unit is responsible for.
  if (question.units.some((u) => record.units.includes(u))) factor += 0.2;
  // "由哪个部门牵头": a text that names its 牵头单位 answers it.
  if (/牵头/.test(question.text) && (record.unitRoles?.lead.length ?? 0) > 0) factor += 0.25;
  // The question's own phrase written out in the record ("商标国际注册") is better evidence than synonyms of its words.
  if (sharesPhrase(record, question.text)) factor += 0.15;
  // "申报截止到什么时候": the section headed 申报时间 (a heading written to name it, not a derived title).
  if (!record.titleDerived && headingNamesDetailAsked(record.title, question.text)) factor += 0.25;
  // "第一步要准备哪些材料", "第十三条怎么规定": the step or article the question names by its number.
  const heading = record.path.at(-1) ?? "";
  if ((question.text.match(ORDINAL) ?? []).some((o) => heading.startsWith(o))) factor += 0.3;
  // One row of a schedule answers an amount or a standard; a general question about the topic belongs with the measure.
  // …but a row the question names (岱岳区 of 岱岳区市场监管局) that gives the detail asked (its phone number) is the answer.
  const rowAnswers = inTitle > 0 && givesAsked.some((s) => s !== "procedure");
  if (record.kind === "table" && !rowAnswers) factor -= 0.3;
  return factor;
}

/** A step, article, chapter or item named by its number: 第一步, 第十三条. */
const ORDINAL = /第[一二三四五六七八九十百零〇\d]+[步条章节项]/g;

const PHRASE_CHARS = 5;
const QUOTES = /[“”‘’"'「」『』]/g;
/** Runs of question words and detail words: a phrase of these alone ("哪个部门负责") says nothing of the topic. */
const FUNCTION_WORDS = /(哪个|哪些|什么|怎么|如何|部门|负责|多少|可以|能不能|是否|需要|申请|办理|有没有|政策|知识产权|泰安)/g;

/** Whether the record's text holds a run of at least five characters of the question, question words aside. */
function sharesPhrase(record: PolicyRecord, question: string): boolean {
  // A term the text sets in quotes (“政银企”对接平台) is typed without them.
  const text = record.text.replace(QUOTES, "");
  for (const part of question.replace(/[\s，。？！、,.?!；;：:]+/g, "|").split("|")) {
    const core = part.replace(FUNCTION_WORDS, "|");
    for (const piece of core.split("|")) {
      for (let i = 0; i + PHRASE_CHARS <= piece.length; i++) if (text.includes(piece.slice(i, i + PHRASE_CHARS))) return true;
    }
  }
  return false;
}

/** Fused scores run 0–1; a question about targets belongs with the text that sets them ("到2025年…达到3.6件"), however few words it shares. */
const TARGET_BONUS = 0.5;

function targetBonus(record: PolicyRecord, question: QuestionAnalysis): number {
  return question.asksTarget && setsTargets(record) ? TARGET_BONUS : 0;
}

/** A record that sets targets: a year to reach (到2025年) and figures (3.6件, 9万件). */
export function setsTargets(record: PolicyRecord): boolean {
  return /到20\d\d年/.test(record.text) && /\d+(\.\d+)?\s*(件|万件|%|个)/.test(record.text);
}

/**
 * Fuses rankings by their scores, each scaled to its best hit, and summed
 * with equal weight. Unlike reciprocal-rank fusion this keeps the margin: a
 * record that wins both searches by far is not overtaken by one that came a
 * distant second in both plus a small structural bonus.
 */
export function fuseScores(rankings: readonly ReadonlyMap<string, number>[]): Map<string, number> {
  const fused = new Map<string, number>();
  const used = rankings.filter((r) => r.size > 0);
  for (const ranking of used) {
    const best = Math.max(...ranking.values());
    if (best <= 0) continue;
    for (const [id, score] of ranking) fused.set(id, (fused.get(id) ?? 0) + score / best / used.length);
  }
  return fused;
}
