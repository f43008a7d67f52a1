/**
 * The "hostile documents" phase: the real server previews each document of
 * issue 11 (generated at run time) while clients keep asking questions; the
 * figures are the server's peak memory and the questions' latency while a
 * bad document is being parsed, and what the preview answered.
 */
import { readFile } from "node:fs/promises";
import { hostileDocuments } from "./hostile-documents.js";
import { BENCH_ADMIN_TOKEN, fireAskLoad, signInAsScript } from "./load.js";
import { peakRssOf } from "./resources.js";
import { startServerProcess, type Env } from "./processes.js";
import type { QuestionSources } from "./questions.js";
import { generateQuestions } from "./questions.js";
import { summarizeLatencies, type LatencySummary } from "./stats.js";

export interface HostileFigure {
  label: string;
  bytes: number;
  /** The preview's HTTP status and message (a 4xx naming the limit is the expected outcome). */
  status: number;
  message: string;
  previewMs: number;
  questions: number;
  errors: number;
  latency: LatencySummary;
  /** The server's resident memory at its highest while this document was parsed. */
  serverRssBytes: number;
}

export interface HostileResult {
  concurrency: number;
  /** The same clients' questions with no document being parsed, just before: what "usual latency" is on this machine now. */
  baseline: LatencySummary;
  documents: HostileFigure[];
  /** All questions asked while a bad document was being parsed. */
  latency: LatencySummary;
  errors: number;
  /** The server's peak resident memory over the whole phase (VmHWM). */
  serverPeakRssBytes?: number;
  healthyAfter: boolean;
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0) * 1024;
}

/** Runs the phase against a fresh server of the served corpus (`env`). */
export async function measureHostile(env: Env, sources: QuestionSources, options: { concurrency: number; seed: number }): Promise<HostileResult> {
  const documents = await hostileDocuments();
  const server = await startServerProcess({ ...env, ADMIN_TOKEN: BENCH_ADMIN_TOKEN });
  try {
    const auth = await signInAsScript(server.url);
    await fireAskLoad({ url: server.url, questions: generateQuestions(sources, 40, options.seed), concurrency: options.concurrency, headers: auth });
    const quiet = await fireAskLoad({ url: server.url, questions: generateQuestions(sources, 200, options.seed + 1), concurrency: options.concurrency, headers: auth });
    const figures: HostileFigure[] = [];
    const all: number[] = [];
    let errors = 0;
    for (const [i, document] of documents.entries()) {
      let parsing = true;
      let highest = 0;
      const sampler = (async () => {
        while (parsing) {
          highest = Math.max(highest, await rssOf(server.pid));
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      const latencies: number[] = [];
      let asked = 0;
      let failed = 0;
      const clients = (async () => {
        let round = 0;
        while (parsing) {
          const load = await fireAskLoad({
            url: server.url,
            questions: generateQuestions(sources, options.concurrency * 2, options.seed + 100 * i + round++),
            concurrency: options.concurrency,
            headers: auth,
          });
          latencies.push(...load.latenciesMs);
          asked += load.requests;
          failed += load.errors.length;
        }
      })();
      const started = performance.now();
      const response = await fetch(`${server.url}/api/admin/documents/preview`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/octet-stream", "X-File-Name": encodeURIComponent(document.file) },
        body: new Uint8Array(document.bytes),
      });
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      const previewMs = performance.now() - started;
      parsing = false;
      await Promise.all([sampler, clients]);
      all.push(...latencies);
      errors += failed;
      figures.push({
        label: document.label,
        bytes: document.bytes.length,
        status: response.status,
        message: body.error?.message ?? (response.ok ? "accepted" : ""),
        previewMs,
        questions: asked,
        errors: failed,
        latency: summarizeLatencies(latencies),
        serverRssBytes: highest,
      });
    }
    const serverPeakRssBytes = await peakRssOf(server.pid);
    const healthyAfter = await fetch(`${server.url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    return {
      concurrency: options.concurrency,
      baseline: summarizeLatencies(quiet.latenciesMs),
      documents: figures,
      latency: summarizeLatencies(all),
      errors,
      ...(serverPeakRssBytes ? { serverPeakRssBytes } : {}),
      healthyAfter,
    };
  } finally {
    await server.stop();
  }
}
