import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { openEngine } from "../app/service.js";
import type { Config } from "../config/index.js";
import { contextFrom, type Answer } from "../engine/answer-schema.js";
import { listCorpusFiles } from "../index/corpus-files.js";
import { readCurrentVersion } from "../index/layout.js";
import { rebuildIndex } from "../index/rebuild.js";
import type { Logger } from "../log/index.js";
import { ownPeakRss } from "./resources.js";
import type { BenchQuestion, QuestionFlavour } from "./questions.js";
import { summarizeLatencies, type LatencySummary } from "./stats.js";

/** What building the index from a corpus cost. */
export interface IngestFigures {
  ms: number;
  indexBytes: number;
  /** Size of the corpus's documents (data files such as the lexicon left out). */
  corpusBytes: number;
  documents: number;
  records: number;
  chunks: number;
  peakRssBytes: number;
}

/** What answering in-process cost, once the index is built. */
export interface ServeFigures {
  loadMs: number;
  /** Resident memory right after the index loaded. */
  loadedRssBytes: number;
  firstAnswerMs: number;
  latency: LatencySummary;
  /** Questions answered per second on one thread: n / total seconds. */
  qps: number;
  totalSeconds: number;
  answered: number;
  outOfScope: number;
  byFlavour: Partial<Record<QuestionFlavour, LatencySummary>>;
  /** The slowest questions, for finding where time goes. */
  slowest: { question: string; ms: number }[];
  peakRssBytes: number;
}

/** Builds the index of `config.corpusDir` into `config.indexDir`, as `npm run ingest` does (loading it back included). */
export async function measureIngest(config: Config): Promise<IngestFigures> {
  const started = performance.now();
  const { manifest, dir } = await rebuildIndex(config);
  const ms = performance.now() - started;
  const records = manifest.corpus.reduce((sum, d) => sum + d.records, 0);
  return {
    ms,
    indexBytes: await directorySize(dir),
    corpusBytes: await documentsSize(config.corpusDir),
    documents: manifest.counts.documents,
    records,
    chunks: manifest.counts.chunks,
    peakRssBytes: ownPeakRss(),
  };
}

/**
 * Loads the built index the way the service does (`openEngine`), then asks
 * every question of the list in order through `engine.answer`, one at a
 * time, timing each; a follow-up gets the previous answer as context.
 */
export async function measureServe(config: Config, logger: Logger, questions: readonly BenchQuestion[]): Promise<ServeFigures> {
  const built = await readCurrentVersion(config.indexDir);
  if (!built) throw new Error(`no index in ${config.indexDir}: ingest first, or the load time would include a build`);
  const loadStarted = performance.now();
  const engine = await openEngine(config, logger);
  const loadMs = performance.now() - loadStarted;
  if (engine.index.manifest.version !== built) throw new Error(`openEngine rebuilt the index (${built} → ${engine.index.manifest.version}): the load time would include a build`);
  const loadedRssBytes = process.memoryUsage().rss;

  const latencies: number[] = [];
  const flavourLatencies = new Map<QuestionFlavour, number[]>();
  let previous: Answer | undefined;
  let answered = 0;
  const started = performance.now();
  for (const question of questions) {
    const context = question.followUp && previous ? contextFrom(previous) : undefined;
    const t = performance.now();
    previous = await engine.answer(question.text, context);
    const ms = performance.now() - t;
    latencies.push(ms);
    flavourLatencies.set(question.flavour, [...(flavourLatencies.get(question.flavour) ?? []), ms]);
    if (previous.status === "answered") answered++;
  }
  const totalSeconds = (performance.now() - started) / 1000;

  const slowest = latencies
    .map((ms, i) => ({ question: questions[i]!.text, ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  return {
    loadMs,
    loadedRssBytes,
    firstAnswerMs: latencies[0] ?? Number.NaN,
    latency: summarizeLatencies(latencies),
    qps: questions.length / totalSeconds,
    totalSeconds,
    answered,
    outOfScope: questions.length - answered,
    byFlavour: Object.fromEntries([...flavourLatencies].map(([f, l]) => [f, summarizeLatencies(l)])),
    slowest,
    peakRssBytes: ownPeakRss(),
  };
}

/** Total size of the files below a directory, in bytes. */
export async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** Size of a corpus folder's documents (data files such as the lexicon left out), in bytes. */
export async function documentsSize(corpusDir: string): Promise<number> {
  let total = 0;
  for (const file of await listCorpusFiles(corpusDir)) total += (await stat(path.join(corpusDir, file))).size;
  return total;
}
