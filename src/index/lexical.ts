import type { Terms } from "./tokenizer.js";

/** A term of a query with how much it counts (original words more than added synonyms). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** One searchable unit's terms by field; title terms count more than body terms. */
export interface LexicalEntry {
  title: Terms;
  context: Terms;
  text: Terms;
}

const FIELD_WEIGHTS = { title: 3, context: 0.5, text: 1 } as const;
const K1 = 1.2;
const B = 0.6;

export const wordKey = (w: string) => "w:" + w;
export const bigramKey = (b: string) => "b:" + b;

/** Serialised form: per entry, its weighted term frequencies. */
export interface LexicalIndexData {
  entries: { tf: Record<string, number>; length: number }[];
}

/**
 * BM25 over jieba words and character bigrams (separate namespaces), with
 * field weights folded into term frequency (BM25F-style).
 */
export class LexicalIndex {
  private readonly postings = new Map<string, { entry: number; tf: number }[]>();
  /** BM25's length normalisation of each entry, `K1 · (1 − B + B · length / average)`, computed once. */
  private readonly lengthNorms: Float64Array;

  private constructor(private readonly data: LexicalIndexData) {
    data.entries.forEach((entry, i) => {
      for (const [term, tf] of Object.entries(entry.tf)) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ entry: i, tf });
      }
    });
    const total = data.entries.reduce((sum, e) => sum + e.length, 0);
    const averageLength = data.entries.length ? total / data.entries.length : 1;
    this.lengthNorms = Float64Array.from(data.entries, (e) => K1 * (1 - B + (B * e.length) / averageLength));
  }

  static build(entries: readonly LexicalEntry[]): LexicalIndex {
    return new LexicalIndex({
      entries: entries.map((entry) => {
        const tf: Record<string, number> = {};
        let length = 0;
        for (const field of ["title", "context", "text"] as const) {
          const weight = FIELD_WEIGHTS[field];
          for (const w of entry[field].words) {
            tf[wordKey(w)] = (tf[wordKey(w)] ?? 0) + weight;
            length += weight;
          }
          for (const b of entry[field].bigrams) tf[bigramKey(b)] = (tf[bigramKey(b)] ?? 0) + weight;
        }
        return { tf, length };
      }),
    });
  }

  static fromJSON(data: LexicalIndexData): LexicalIndex {
    return new LexicalIndex(data);
  }

  toJSON(): LexicalIndexData {
    return this.data;
  }

  get size(): number {
    return this.data.entries.length;
  }

  /** How many entries contain the term (a `w:` or `b:` key). */
  /** Every word of the index with the number of entries it is in: the corpus's own vocabulary. */
  words(): { word: string; entries: number }[] {
    const out: { word: string; entries: number }[] = [];
    for (const [term, list] of this.postings) if (term.startsWith("w:")) out.push({ word: term.slice(2), entries: list.length });
    return out;
  }

  documentFrequency(key: string): number {
    return this.postings.get(key)?.length ?? 0;
  }

  idf(key: string): number {
    const n = this.size;
    const df = this.documentFrequency(key);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Entries scored by BM25, best first. */
  search(query: readonly WeightedTerm[], limit: number): { entry: number; score: number }[] {
    const scores = new Float64Array(this.size);
    const touched: number[] = [];
    for (const { term, weight } of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const { entry, tf } of list) {
        if (scores[entry] === 0) touched.push(entry);
        scores[entry]! += (weight * idf * tf * (K1 + 1)) / (tf + this.lengthNorms[entry]!);
      }
    }
    return touched
      .map((entry) => ({ entry, score: scores[entry]! }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  /** One entry's BM25 score for a query (0 when it shares no term). */
  scoreEntry(entry: number, query: readonly WeightedTerm[]): number {
    const tf = this.data.entries[entry]?.tf;
    if (!tf) return 0;
    let score = 0;
    for (const { term, weight } of query) {
      const f = tf[term];
      if (f) score += (weight * this.idf(term) * f * (K1 + 1)) / (f + this.lengthNorms[entry]!);
    }
    return score;
  }

  /** Term frequency of a key in one entry (0 when absent). */
  termFrequency(entry: number, key: string): number {
    return this.data.entries[entry]?.tf[key] ?? 0;
  }
}
