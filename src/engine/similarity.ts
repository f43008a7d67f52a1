import type { QuestionAnalysis } from "./question.js";

/**
 * How alike two questions are (0–1): cosine of their weighted terms
 * (words, lexicon expansions, bigrams), each weighted by `idf`. Used to
 * recognise a paraphrase of a curated question.
 */
export function questionSimilarity(a: QuestionAnalysis, b: QuestionAnalysis, idf: (term: string) => number): number {
  const vector = (q: QuestionAnalysis) => new Map(q.terms.map((t) => [t.term, t.weight * idf(t.term)]));
  const va = vector(a);
  const vb = vector(b);
  let dot = 0;
  for (const [term, w] of va) dot += w * (vb.get(term) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
  const denominator = norm(va) * norm(vb);
  return denominator ? dot / denominator : 0;
}
