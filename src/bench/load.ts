import { AnswerSchema, contextFrom, type Answer, type AnswerContext } from "../engine/answer-schema.js";
import { conversationsOf, type BenchQuestion } from "./questions.js";

export interface AskLoadOptions {
  /** The console's base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  questions: readonly BenchQuestion[];
  /** Requests in flight at once (one client per slot, each asking whole conversations in order). */
  concurrency: number;
  /** A request slower than this counts as an error. */
  timeoutMs?: number;
  /** The session to ask with (`Authorization: Bearer …`, see {@link signInAsScript}): the console answers only a signed-in person. */
  headers?: Record<string, string>;
}

/** A request that did not come back as a 200 with a valid answer. */
export interface LoadError {
  question: string;
  status?: number;
  reason: string;
}

export interface AskLoadResult {
  requests: number;
  /** Every failed request (wrong status, body not an `Answer`, network error, timeout). */
  errors: LoadError[];
  /** Client-side latency of each request, queueing at the server included. */
  latenciesMs: number[];
  wallMs: number;
  /** Valid answers by `status`. */
  answered: number;
  outOfScope: number;
}

/**
 * Fires `POST /api/ask` for every question at a fixed concurrency and checks
 * each reply: status 200 and a body that parses as the `Answer` contract. A
 * follow-up is sent with the context of its conversation's previous answer,
 * as the console does. Never throws for a failed request; it is counted.
 * Shared by `npm run bench` and the loopback load test.
 */
export async function fireAskLoad(options: AskLoadOptions): Promise<AskLoadResult> {
  const { url, concurrency, timeoutMs = 30_000, headers = {} } = options;
  const conversations = conversationsOf(options.questions);
  const result: AskLoadResult = { requests: 0, errors: [], latenciesMs: [], wallMs: 0, answered: 0, outOfScope: 0 };
  let next = 0;

  const ask = async (question: BenchQuestion, context: AnswerContext | undefined): Promise<Answer | undefined> => {
    const started = performance.now();
    result.requests++;
    try {
      const response = await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify(context ? { question: question.text, context } : { question: question.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      result.latenciesMs.push(performance.now() - started);
      if (response.status !== 200) {
        result.errors.push({ question: question.text, status: response.status, reason: text.slice(0, 200) });
        return undefined;
      }
      const parsed = AnswerSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        result.errors.push({ question: question.text, status: 200, reason: `not an Answer: ${parsed.error.issues[0]?.message ?? "?"}` });
        return undefined;
      }
      if (parsed.data.status === "answered") result.answered++;
      else result.outOfScope++;
      return parsed.data;
    } catch (error) {
      result.latenciesMs.push(performance.now() - started);
      result.errors.push({ question: question.text, reason: (error as Error).message });
      return undefined;
    }
  };

  const client = async () => {
    while (next < conversations.length) {
      const conversation = conversations[next++]!;
      let previous: Answer | undefined;
      for (const question of conversation) {
        previous = await ask(question, question.followUp && previous ? contextFrom(previous) : undefined);
      }
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, client));
  result.wallMs = performance.now() - started;
  return result;
}

/** The `ADMIN_TOKEN` the benchmark gives the fresh servers it starts, to create the one account it signs in with. */
export const BENCH_ADMIN_TOKEN = "bench-admin-token-0123456789";
const BENCH_ADMIN = { username: "bench.admin", password: "bench-admin-password" };

/**
 * Creates a fresh server's first admin with {@link BENCH_ADMIN_TOKEN} (once;
 * later calls find it made) and signs in as a script does; returns the
 * bearer header to ask and upload with.
 */
export async function signInAsScript(url: string): Promise<Record<string, string>> {
  const json = (body: unknown) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  await fetch(`${url}/api/auth/first-admin`, json({ adminToken: BENCH_ADMIN_TOKEN, displayName: "基准测试", ...BENCH_ADMIN }));
  const response = await fetch(`${url}/api/auth/login`, json({ ...BENCH_ADMIN, bearer: true }));
  if (!response.ok) throw new Error(`bench sign-in failed: ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return { Authorization: `Bearer ${token}` };
}

/** Waits until `GET /api/health` answers 200, or throws after `timeoutMs`. */
export async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url}/api/health did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
