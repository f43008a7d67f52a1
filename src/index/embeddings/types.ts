import type { Embeddings } from "@langchain/core/embeddings";

/** Which vectors an index holds; two indexes' vectors mix only when these are equal. */
export interface EmbeddingsIdentity {
  provider: "hashed" | "openai";
  model: string;
  dimension: number;
}

/** A LangChain embeddings model together with the identity the manifest records. */
export interface EmbeddingsProvider {
  identity: EmbeddingsIdentity;
  embeddings: Embeddings;
  /**
   * Gives the provider the corpus's term statistics for weighting queries.
   * Only the offline hashed provider uses them; document vectors never
   * depend on them, so an unchanged chunk keeps its vector across builds.
   */
  useStatistics?(documentFrequency: (term: string) => number, documents: number): void;
}

export function sameIdentity(a: EmbeddingsIdentity, b: EmbeddingsIdentity): boolean {
  return a.provider === b.provider && a.model === b.model && a.dimension === b.dimension;
}

export function describeIdentity(identity: EmbeddingsIdentity): string {
  return `${identity.provider}:${identity.model}/${identity.dimension}`;
}
