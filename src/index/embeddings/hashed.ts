import { Embeddings } from "@langchain/core/embeddings";
import type { Tokenizer } from "../tokenizer.js";
import type { EmbeddingsProvider } from "./types.js";

/** Bump when the features change, so old cached vectors are not reused. */
export const HASHED_MODEL = "hashed-words-bigrams-v1";

const BIGRAM_PREFIX = "\u0001";
const BIGRAM_WEIGHT = 0.5;

/** 32-bit FNV-1a. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Offline embeddings that carry real signal for Chinese: jieba words and
 * character bigrams, hashed with a sign bit into a fixed dimension
 * (feature hashing). Documents are embedded with sublinear term frequency;
 * queries are also weighted by the corpus's inverse document frequency, so
 * rare, telling words (质押, 地理标志) outweigh common ones (知识产权).
 */
export class HashedEmbeddings extends Embeddings {
  private documentFrequency: (term: string) => number = () => 0;
  private documents = 0;

  constructor(
    private readonly tokenizer: Tokenizer,
    readonly dimension: number,
  ) {
    super({});
  }

  useStatistics(documentFrequency: (term: string) => number, documents: number): void {
    this.documentFrequency = documentFrequency;
    this.documents = documents;
  }

  /** Term → weight before hashing; words and bigrams in separate namespaces. */
  features(text: string): Map<string, number> {
    const { words, bigrams } = this.tokenizer.terms(text);
    const counts = new Map<string, number>();
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const b of bigrams) counts.set(BIGRAM_PREFIX + b, (counts.get(BIGRAM_PREFIX + b) ?? 0) + BIGRAM_WEIGHT);
    for (const [term, count] of counts) counts.set(term, 1 + Math.log(count));
    return counts;
  }

  private vector(features: Map<string, number>, weigh: (term: string) => number): number[] {
    const v = new Float64Array(this.dimension);
    for (const [term, weight] of features) {
      const h = fnv1a(term);
      const sign = h & 0x80000000 ? -1 : 1;
      v[h % this.dimension]! += sign * weight * weigh(term);
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  idf(term: string): number {
    if (this.documents === 0) return 1;
    const key = term.startsWith(BIGRAM_PREFIX) ? "b:" + term.slice(1) : "w:" + term;
    return Math.log(1 + (this.documents + 1) / (this.documentFrequency(key) + 0.5));
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(this.features(t), () => 1));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedQuerySync(text);
  }

  embedQuerySync(text: string): number[] {
    return this.vector(this.features(text), (term) => this.idf(term));
  }
}

export function hashedProvider(tokenizer: Tokenizer, dimension: number): EmbeddingsProvider {
  const embeddings = new HashedEmbeddings(tokenizer, dimension);
  return {
    identity: { provider: "hashed", model: HASHED_MODEL, dimension },
    embeddings,
    useStatistics: (df, n) => embeddings.useStatistics(df, n),
  };
}
