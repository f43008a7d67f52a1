import { Embeddings } from "@langchain/core/embeddings";
import type { OpenAIEmbeddings } from "@langchain/openai";
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
 * LangChain's OpenAI embeddings, with the client loaded on first use: the
 * default, offline configuration never loads it.
 */
class OpenAICompatibleEmbeddings extends Embeddings {
  private client?: Promise<OpenAIEmbeddings>;

  constructor(private readonly settings: OpenAIEmbeddingsSettings) {
    super({});
  }

  private load(): Promise<OpenAIEmbeddings> {
    const { settings } = this;
    this.client ??= import("@langchain/openai").then(
      ({ OpenAIEmbeddings }) =>
        new OpenAIEmbeddings({
          model: settings.model,
          apiKey: settings.apiKey ?? "not-needed",
          configuration: { baseURL: settings.baseURL },
          timeout: settings.timeoutMs,
          maxRetries: 1,
          // Small enough for every common server (DashScope takes at most 10 texts a request).
          batchSize: 10,
          // The API's own default. The client would otherwise ask for base64, which
          // some compatible servers ignore, and misread their plain arrays as bytes.
          encodingFormat: "float",
        }),
    );
    return this.client;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.load()).embedDocuments(texts);
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.load()).embedQuery(text);
  }
}

/**
 * Embeddings from any OpenAI-compatible endpoint (a local vLLM, Ollama or a
 * hosted model). Optional: the default provider is offline.
 */
export function openAIProvider(settings: OpenAIEmbeddingsSettings): EmbeddingsProvider {
  return {
    identity: { provider: "openai", model: settings.model, dimension: settings.dimension },
    embeddings: new OpenAICompatibleEmbeddings(settings),
  };
}
