import { OpenAIEmbeddings } from "@langchain/openai";
import type { EmbeddingsProvider } from "./types.js";

export interface OpenAIEmbeddingsSettings {
  baseURL: string;
  model: string;
  apiKey?: string;
  /** Expected vector length; checked against what the endpoint returns. */
  dimension: number;
  timeoutMs: number;
}

/**
 * Embeddings from any OpenAI-compatible endpoint (a local vLLM, Ollama or a
 * hosted model). Optional: the default provider is offline.
 */
export function openAIProvider(settings: OpenAIEmbeddingsSettings): EmbeddingsProvider {
  const embeddings = new OpenAIEmbeddings({
    model: settings.model,
    apiKey: settings.apiKey ?? "not-needed",
    configuration: { baseURL: settings.baseURL },
    timeout: settings.timeoutMs,
    maxRetries: 1,
    batchSize: 64,
    // The API's own default. The client would otherwise ask for base64, which
    // some compatible servers ignore, and misread their plain arrays as bytes.
    encodingFormat: "float",
  });
  return {
    identity: { provider: "openai", model: settings.model, dimension: settings.dimension },
    embeddings,
  };
}
