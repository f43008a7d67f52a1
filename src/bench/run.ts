import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { mergeCorpusFolders } from "../eval/corpus.js";
import { listCorpusFiles } from "../index/corpus-files.js";
import { measureHostile, type HostileResult } from "./hostile.js";
import { BENCH_ADMIN_TOKEN, fireAskLoad, signInAsScript, type LoadError } from "./load.js";
import { cpuMsOf, peakRssOf } from "./resources.js";
import { documentsSize, type IngestFigures, type ServeFigures } from "./phases.js";
import type { BenchPlan } from "./plan.js";
import { askCompiled, askWithNpm, benchEnv, bm25Peer, ROOT, runWorker, startServerProcess, timeAsk, timeJsonLines, type Env } from "./processes.js";
import { readQuestionSources } from "./question-sources.js";
import { flavourCounts, generateQuestions, type BenchQuestion, type QuestionFlavour, type QuestionSources } from "./questions.js";
import { summarizeLatencies, type LatencySummary } from "./stats.js";
import { generateSyntheticDocuments, writeSyntheticCorpus } from "./synthetic-corpus.js";

const DEV_QUESTIONS = path.resolve(ROOT, "../shared/eval/dev.jsonl");
/** The outline's folder: the corpus every run serves, with any related folders added to it. */
const OUTLINE_DIR = path.join(ROOT, "corpus");

export interface CorpusResult {
  label: string;
  /** Times the outline's size, by document bytes. */
  scale: number;
  ingest: IngestFigures;
  serve: ServeFigures;
}

/** Wall times of one command over the batch and over one question, a fresh process each run, and their CPU times. */
export interface CliTimes {
  runsMs: number[];
  medianMs: number;
  /** Cold start: one question (`ask --json "问题"`), start-up to exit. */
  coldStartMs: number[];
  coldStartMedianMs: number;
  /** User + system CPU time of the process (all its threads), medians: what a busy machine does not inflate. */
  cpuMedianMs?: number;
  coldStartCpuMedianMs?: number;
}

export interface BatchResult extends CliTimes {
  questions: number;
  /** The same through `npm run --silent ask`, as a user types it (npm's own start-up and the stale check included). */
  npmMs?: number;
  /** The plain LangChain.js BM25 retriever (src/bench/bm25-peer.ts) over the same corpus and questions. */
  peer: CliTimes;
  /** ask's median divided by the peer's: above 1, ask takes longer. */
  ratio: { batch: number; coldStart: number };
}

export interface HttpResult {
  requests: number;
  concurrency: number;
  warmup: number;
  errors: number;
  errorSamples: LoadError[];
  latency: LatencySummary;
  requestsPerSecond: number;
  answered: number;
  outOfScope: number;
  serverStartupMs: number;
  serverPeakRssBytes?: number;
  /** Server CPU time (all threads) per measured request, immune to how busy the shared cores were. */
  serverCpuMsPerRequest?: number;
  /** The load client's own CPU time per request (it shares the cores with the server). */
  clientCpuMsPerRequest: number;
  healthyAfter: boolean;
}

export interface BenchResults {
  startedAt: string;
  machine: { node: string; cpus: number; cpuModel: string; loadAtStart: number[]; loadAtEnd: number[] };
  plan: BenchPlan;
  /** The folders of related documents served with the outline (as given), none for the outline alone. */
  related: string[];
  questionMix: Record<QuestionFlavour, number>;
  /** The served corpus (the outline, with the related folders when given): in-process, and the CLI, HTTP and hostile phases run on it. */
  corpus: CorpusResult;
  large?: CorpusResult;
  batch?: BatchResult;
  http?: HttpResult;
  hostile?: HostileResult;
}

/** Progress lines go to stderr; the report is the caller's to print. */
const note = (line: string) => process.stderr.write(`bench: ${line}\n`);

/**
 * Runs the whole benchmark in a scratch folder under the system's temp
 * directory (removed afterwards unless `keep`): the served corpus (the
 * outline, plus the folders of related documents in `related`, merged as
 * `npm run eval -- --corpus` merges them) and the synthetic one, each
 * ingested and then served in a process of its own; the `ask --batch` CLI;
 * and the real server under HTTP load.
 */
export async function runBenchmark(plan: BenchPlan, options: { keep?: boolean; related?: readonly string[] } = {}): Promise<BenchResults> {
  // Folders as given (relative to the working directory); the outline's own folder, if listed as `npm run eval` lists it, is already served.
  const related = (options.related ?? []).filter((dir) => path.resolve(dir) !== OUTLINE_DIR);
  const scratch = await mkdtemp(path.join(os.tmpdir(), "ipbot-bench-"));
  note(`scratch folder ${scratch}`);
  try {
    const startedAt = new Date().toISOString();
    const loadAtStart = os.loadavg();
    const servedCorpus = path.join(scratch, "served", "corpus");
    await mergeCorpusFolders([OUTLINE_DIR, ...related.map((dir) => path.resolve(dir))], OUTLINE_DIR, servedCorpus);
    const env = benchEnv({ CORPUS_DIR: servedCorpus, DATA_DIR: path.join(scratch, "served", "data") });
    const label = related.length > 0 ? `outline + ${related.join(" + ")}` : "outline";

    // The mix reads the titles and units of every served document, so the related ones are asked about too.
    const sources = await readQuestionSources(servedCorpus, DEV_QUESTIONS);
    const questions = generateQuestions(sources, plan.outlineQuestions, plan.seed);
    const questionsFile = path.join(scratch, "questions.json");
    await writeFile(questionsFile, JSON.stringify(questions));

    note(`${label}: ingest, then ${questions.length} questions in-process`);
    const corpus = await measureCorpus(label, env, questionsFile, (await documentsSize(servedCorpus)) / (await documentsSize(OUTLINE_DIR)));

    const batch = plan.batchQuestions > 0 ? await measureBatch(plan, questions, env, scratch) : undefined;
    const http = plan.httpRequests > 0 ? await measureHttp(plan, sources, env) : undefined;
    if (plan.hostileConcurrency > 0) note(`hostile documents: each previewed by the real server while ${plan.hostileConcurrency} clients ask`);
    const hostile = plan.hostileConcurrency > 0 ? await measureHostile(env, sources, { concurrency: plan.hostileConcurrency, seed: plan.seed + 4 }) : undefined;

    let large: CorpusResult | undefined;
    if (plan.largeDocuments > 0) {
      const largeDir = path.join(scratch, "large");
      const outlineText = await readFile(await outlineFile(OUTLINE_DIR), "utf8");
      const docs = generateSyntheticDocuments(outlineText, plan.largeDocuments, plan.seed + 1);
      const bytes = await writeSyntheticCorpus(path.join(largeDir, "corpus"), docs, OUTLINE_DIR);
      const scale = bytes / Buffer.byteLength(outlineText);
      // Unit names of the synthetic documents (新泰市公安局 …) join the mix, so unit questions reach them too.
      const largeSources = await readQuestionSources(path.join(largeDir, "corpus"), DEV_QUESTIONS);
      const largeFile = path.join(scratch, "large-questions.json");
      await writeFile(largeFile, JSON.stringify(generateQuestions(largeSources, plan.largeQuestions, plan.seed)));
      note(`synthetic corpus: ${docs.length} documents, ${scale.toFixed(0)}× the outline; ingest, then ${plan.largeQuestions} questions`);
      const largeEnv = benchEnv({ CORPUS_DIR: path.join(largeDir, "corpus"), DATA_DIR: path.join(largeDir, "data") });
      large = await measureCorpus(`${docs.length} documents derived from the outline, ${scale.toFixed(0)}× its size`, largeEnv, largeFile, scale);
    }

    return {
      startedAt,
      machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "?", loadAtStart, loadAtEnd: os.loadavg() },
      plan,
      related,
      questionMix: flavourCounts(questions),
      corpus,
      ...(large ? { large } : {}),
      ...(batch ? { batch } : {}),
      ...(http ? { http } : {}),
      ...(hostile ? { hostile } : {}),
    };
  } finally {
    if (options.keep) note(`kept ${scratch}`);
    else await rm(scratch, { recursive: true, force: true });
  }
}

/** The synthetic corpus's template: the corpus's plain-text outline (its largest .txt document). */
async function outlineFile(corpusDir: string): Promise<string> {
  const texts = (await listCorpusFiles(corpusDir)).filter((f) => f.toLowerCase().endsWith(".txt")).map((f) => path.join(corpusDir, f));
  const sized = await Promise.all(texts.map(async (file) => ({ file, bytes: (await stat(file)).size })));
  const largest = sized.sort((a, b) => b.bytes - a.bytes)[0];
  if (!largest) throw new Error(`no .txt outline in ${corpusDir} to derive the synthetic corpus from`);
  return largest.file;
}

async function measureCorpus(label: string, env: Env, questionsFile: string, scale: number): Promise<CorpusResult> {
  const ingest = await runWorker<IngestFigures>("ingest", [], env);
  const serve = await runWorker<ServeFigures>("serve", [questionsFile], env);
  return { label, scale, ingest, serve };
}

async function measureBatch(plan: BenchPlan, questions: readonly BenchQuestion[], env: Env, scratch: string): Promise<BatchResult> {
  // Stand-alone questions: a batch without --follow-up has no context to lean on.
  const lines = questions
    .filter((q) => !q.followUp)
    .slice(0, plan.batchQuestions)
    .map((q) => q.text.replace(/\s+/g, " "));
  const file = path.join(scratch, "batch.txt");
  await writeFile(file, lines.join("\n") + "\n");
  const question = lines[0] ?? "专利质押贷款怎么办理？";
  note(`ask --json --batch and the BM25 peer: ${lines.length} questions and one, ${plan.batchRuns} run(s) each, interleaved`);
  // A first run of each warms the file cache, so that no one of them pays for it alone.
  await timeAsk(...askCompiled({ question }), env, 1);
  await timeJsonLines(...bm25Peer({ question }), env, 1);
  type Runs = { batch: { ms: number; cpuMs?: number }[]; one: { ms: number; cpuMs?: number }[] };
  const ask: Runs = { batch: [], one: [] };
  const peer: Runs = { batch: [], one: [] };
  for (let i = 0; i < plan.batchRuns; i++) {
    ask.batch.push(await timeAsk(...askCompiled({ batch: file }), env, lines.length));
    peer.batch.push(await timeJsonLines(...bm25Peer({ batch: file }), env, lines.length));
    ask.one.push(await timeAsk(...askCompiled({ question }), env, 1));
    peer.one.push(await timeJsonLines(...bm25Peer({ question }), env, 1));
  }
  const cpuMedian = (runs: { cpuMs?: number }[]) => {
    const cpu = runs.map((r) => r.cpuMs).filter((c): c is number => c !== undefined);
    return cpu.length === runs.length && cpu.length > 0 ? median(cpu) : undefined;
  };
  const times = (t: Runs): CliTimes => {
    const cpu = cpuMedian(t.batch);
    const coldCpu = cpuMedian(t.one);
    return {
      runsMs: t.batch.map((r) => r.ms),
      medianMs: median(t.batch.map((r) => r.ms)),
      coldStartMs: t.one.map((r) => r.ms),
      coldStartMedianMs: median(t.one.map((r) => r.ms)),
      ...(cpu !== undefined ? { cpuMedianMs: cpu } : {}),
      ...(coldCpu !== undefined ? { coldStartCpuMedianMs: coldCpu } : {}),
    };
  };
  const askTimes = times(ask);
  const peerTimes = times(peer);
  const npmMs = (await timeAsk(...askWithNpm(file), env, lines.length)).ms;
  return {
    questions: lines.length,
    ...askTimes,
    npmMs,
    peer: peerTimes,
    ratio: { batch: askTimes.medianMs / peerTimes.medianMs, coldStart: askTimes.coldStartMedianMs / peerTimes.coldStartMedianMs },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measureHttp(plan: BenchPlan, sources: QuestionSources, env: Env): Promise<HttpResult> {
  note(`HTTP: real server, ${plan.httpWarmup} warm-up + ${plan.httpRequests} requests at ${plan.httpConcurrency} concurrent`);
  const server = await startServerProcess({ ...env, ADMIN_TOKEN: BENCH_ADMIN_TOKEN });
  try {
    const headers = await signInAsScript(server.url);
    const warmup = generateQuestions(sources, plan.httpWarmup, plan.seed + 2);
    await fireAskLoad({ url: server.url, questions: warmup, concurrency: plan.httpConcurrency, headers });
    const questions = generateQuestions(sources, plan.httpRequests, plan.seed + 3);
    const serverCpuBefore = await cpuMsOf(server.pid);
    const clientCpuBefore = process.cpuUsage();
    const load = await fireAskLoad({ url: server.url, questions, concurrency: plan.httpConcurrency, headers });
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const serverCpuAfter = await cpuMsOf(server.pid);
    const serverPeakRssBytes = await peakRssOf(server.pid);
    const healthyAfter = await fetch(`${server.url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    return {
      requests: load.requests,
      concurrency: plan.httpConcurrency,
      warmup: warmup.length,
      errors: load.errors.length,
      errorSamples: load.errors.slice(0, 5),
      latency: summarizeLatencies(load.latenciesMs),
      requestsPerSecond: load.requests / (load.wallMs / 1000),
      answered: load.answered,
      outOfScope: load.outOfScope,
      serverStartupMs: server.startupMs,
      ...(serverPeakRssBytes ? { serverPeakRssBytes } : {}),
      ...(serverCpuBefore !== undefined && serverCpuAfter !== undefined ? { serverCpuMsPerRequest: (serverCpuAfter - serverCpuBefore) / load.requests } : {}),
      clientCpuMsPerRequest: (clientCpu.user + clientCpu.system) / 1000 / load.requests,
      healthyAfter,
    };
  } finally {
    await server.stop();
  }
}
