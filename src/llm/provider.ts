/**
 * The chat model behind the composer: any OpenAI-compatible server (DeepSeek,
 * Qwen/DashScope, vLLM, Ollama …) through LangChain's ChatOpenAI. This file
 * only sends messages and returns text, within a deadline; what the text may
 * say is decided in verify.ts.
 */
import type { BaseMessageLike } from "@langchain/core/messages";
import type { Config } from "../config/config.js";
import { redactSecrets } from "../log/index.js";

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

/** Sends a conversation and returns the assistant's text. */
export interface ChatProvider {
  /**
   * With `onText`, streams and reports the raw text so far as it arrives.
   * Rejects with `ProviderError` on HTTP and network errors, and with
   * `DeadlineError` when the deadline passes.
   */
  complete(messages: readonly ChatMessage[], options?: { onText?: (rawSoFar: string) => void }): Promise<string>;
}

/** The model did not finish within LLM_TIMEOUT_MS. */
export class DeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`no complete reply within ${ms} ms`);
    this.name = "DeadlineError";
  }
}

/**
 * The server answered with an HTTP error, or could not be reached. The
 * message has the API key and any credentials in a URL replaced, so it is
 * safe to log; the original error is deliberately not kept as `cause`.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    /** The HTTP status when the server answered (401, 429, 500 …). */
    readonly status?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** Turns whatever the client threw into a `DeadlineError` or a `ProviderError` whose message holds no secret. */
export function toProviderError(error: unknown, secrets: readonly string[], timeoutMs: number): DeadlineError | ProviderError {
  if (error instanceof DeadlineError || error instanceof ProviderError) return error;
  // The SDK's own timeout is set to the same deadline and may fire first.
  if (error instanceof Error && error.name === "TimeoutError") return new DeadlineError(timeoutMs);
  const status = error && typeof error === "object" && "status" in error && typeof error.status === "number" ? error.status : undefined;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ProviderError(redactSecrets(text, secrets).replace(/\/\/[^/\s@]+@/g, "//[REDACTED]@"), status);
}

/** The text of a message's content, which LangChain may give as a string or as blocks. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((block) => (typeof block === "string" ? block : block && typeof block === "object" && "text" in block && typeof block.text === "string" ? block.text : ""))
      .join("");
  }
  return "";
}

/**
 * Runs `work` with an abort signal that fires at the deadline, and rejects at
 * the deadline even if the work ignores the signal.
 */
export async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineError(ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The OpenAI client is loaded only here, so deployments without an LLM never pay for it at start-up. */
export async function createChatProvider(config: Config): Promise<ChatProvider> {
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) throw new Error("LLM_BASE_URL and LLM_MODEL are required when LLM_PROVIDER=openai");
  const { ChatOpenAI } = await import("@langchain/openai");
  const model = new ChatOpenAI({
    model: config.LLM_MODEL,
    // Local servers (vLLM, Ollama) accept any key; the SDK insists on one.
    apiKey: config.LLM_API_KEY ?? "not-needed",
    configuration: { baseURL: config.LLM_BASE_URL },
    temperature: 0,
    // A retry could not finish inside the same deadline; the extractive answer is the retry.
    maxRetries: 0,
    timeout: config.LLM_TIMEOUT_MS,
    // stream_options is not understood by every compatible server.
    streamUsage: false,
  });
  const timeoutMs = config.LLM_TIMEOUT_MS;
  const secrets = config.LLM_API_KEY ? [config.LLM_API_KEY] : [];

  async function send(messages: readonly ChatMessage[], signal: AbortSignal, onText?: (rawSoFar: string) => void): Promise<string> {
    const input: BaseMessageLike[] = messages.map((m) => ({ role: m.role, content: m.content }));
    if (!onText) return textOf((await model.invoke(input, { signal })).content);
    let text = "";
    for await (const chunk of await model.stream(input, { signal })) {
      const piece = textOf(chunk.content);
      if (!piece) continue;
      text += piece;
      onText(text);
    }
    return text;
  }

  return {
    complete: async (messages, options = {}) => {
      try {
        return await withDeadline(timeoutMs, (signal) => send(messages, signal, options.onText));
      } catch (error) {
        throw toProviderError(error, secrets, timeoutMs);
      }
    },
  };
}
