import type { Config } from "../config/index.js";
import { hashedProvider, HASHED_MODEL } from "./embeddings/hashed.js";
import { openAIProvider } from "./embeddings/openai.js";
import type { EmbeddingsIdentity, EmbeddingsProvider } from "./embeddings/types.js";
import type { Tokenizer } from "./tokenizer.js";

/** The embeddings identity the configuration asks for. */
export function configuredIdentity(config: Config): EmbeddingsIdentity {
  return config.EMBEDDINGS_PROVIDER === "openai"
    ? { provider: "openai", model: config.EMBEDDINGS_MODEL!, dimension: config.EMBEDDINGS_DIMENSION }
    : { provider: "hashed", model: HASHED_MODEL, dimension: config.EMBEDDINGS_DIMENSION };
}

/** Makes the configured embeddings provider for a tokenizer (the offline one segments with it). */
export function providerFactory(config: Config): (tokenizer: Tokenizer) => EmbeddingsProvider {
  if (config.EMBEDDINGS_PROVIDER === "openai") {
    return () =>
      openAIProvider({
        baseURL: config.EMBEDDINGS_BASE_URL!,
        model: config.EMBEDDINGS_MODEL!,
        apiKey: config.EMBEDDINGS_API_KEY,
        dimension: config.EMBEDDINGS_DIMENSION,
        timeoutMs: config.LLM_TIMEOUT_MS,
      });
  }
  return (tokenizer) => hashedProvider(tokenizer, config.EMBEDDINGS_DIMENSION);
}
