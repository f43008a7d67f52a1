import type { Transformer } from "grammy";

/**
 * An API transformer that waits and retries when Telegram answers 429 Too Many
 * Requests (with `retry_after`), a few times and never longer than
 * `maxDelaySeconds` a wait; any other result is passed through unchanged.
 * Written here because `@grammyjs/auto-retry` is not a dependency of the project.
 */
export function autoRetry(options: { maxRetries?: number; maxDelaySeconds?: number } = {}): Transformer {
  const maxRetries = options.maxRetries ?? 3;
  const maxDelaySeconds = options.maxDelaySeconds ?? 30;
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      const result = await prev(method, payload, signal);
      if (result.ok || result.error_code !== 429 || attempt >= maxRetries) return result;
      const wait = result.parameters?.retry_after ?? 1;
      if (wait > maxDelaySeconds) return result;
      await delay(wait * 1000, signal);
    }
  };
}

/** The part of grammY's AbortSignal (a polyfill type on Node) this needs. */
interface AbortLike {
  aborted: boolean;
  addEventListener(type: "abort", listener: () => void): void;
}

function delay(ms: number, signal?: AbortLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("aborted"));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    });
  });
}
