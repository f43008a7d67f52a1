import type { PolicyRecord } from "../corpus/types.js";
import type { LoadedIndex } from "../index/load.js";
import type { QuestionAnalysis } from "./question.js";

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
/** Reciprocal-rank fusion constant: small, so first places weigh clearly more on a small corpus. */
const RRF_K = 10;

/**
 * Hybrid retrieval: BM25 over words and bigrams, cosine search in the HNSW
 * store, fused by reciprocal rank at the record level, then re-scored with
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

  const fused = new Map<string, number>();
  for (const ranking of [lexicalBest, vectorBest]) {
    [...ranking.entries()]
      .sort((a, b) => b[1] - a[1])
      .forEach(([id], rank) => fused.set(id, (fused.get(id) ?? 0) + 1 / (RRF_K + rank + 1)));
  }

  const ranked: RankedRecord[] = [];
  for (const [id, base] of fused) {
    const record = records.get(id);
    if (!record) continue;
    const score = base * structureFactor(record, question) + (boosts.get(id) ?? 0);
    ranked.push({ record, score, lexical: lexicalBest.get(id) ?? 0, vector: vectorBest.get(id) ?? 0 });
  }
  return ranked.sort((a, b) => b.score - a.score || b.lexical - a.lexical);
}

/** How the outline's structure bears on a record for this question. */
function structureFactor(record: PolicyRecord, question: QuestionAnalysis): number {
  let factor = 1;
  const title = record.title;
  const inTitle = question.words.filter((w) => w.length >= 2 && title.includes(w)).length;
  const expandedInTitle = question.expansions.filter((w) => w.length >= 2 && title.includes(w)).length;
  factor += 0.12 * Math.min(inTitle, 3) + 0.06 * Math.min(expandedInTitle, 2);
  if (question.asksTarget && /到20\d\d年/.test(record.text) && /\d+(\.\d+)?\s*(件|万件|%|个)/.test(record.text)) factor += 0.5;
  if ((question.asksWho || question.specifics.length > 0) && record.units.length === 0 && record.kind !== "table") factor -= 0.15;
  if (question.asksGeneral && record.kind === "section") factor += 0.25;
  return factor;
}
