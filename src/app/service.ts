import { statSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config/index.js";
import { DocumentError } from "../corpus/blocks.js";
import { parseDocument } from "../corpus/parser.js";
import type { PolicyDocument, PolicyRecord } from "../corpus/types.js";
import { AnswerSchema, type Answer } from "../engine/answer-schema.js";
import { composeCurated } from "../engine/compose.js";
import { PolicyEngine } from "../engine/engine.js";
import { IndexBuildError } from "../index/build.js";
import { listCorpusFiles } from "../index/corpus-files.js";
import { loadIndex, type LoadedIndex } from "../index/load.js";
import { rebuildIndex } from "../index/rebuild.js";
import { corpusChangeSince } from "../index/staleness.js";
import { configuredIdentity, providerFactory } from "../index/providers.js";
import type { GroundedComposer } from "../llm/index.js";
import type { Logger } from "../log/index.js";
import type { Store } from "../store/types.js";
import { Tokenizer } from "../index/tokenizer.js";
import type {
  AskOptions,
  AskResult,
  DocumentPreview,
  DocumentRow,
  DocumentSummary,
  Failure,
  Health,
  HitTest,
  IngestProgress,
  IngestSummary,
  PolicyService,
  Result,
} from "./types.js";
import { changeFile, cleanDataLeftovers, recoverCorpus, UPLOADS_DIR } from "./recovery.js";
import { validateUpload } from "./upload.js";
import { countTables } from "../corpus/records.js";

/** How many ranked records the hit test shows. */
const HIT_TEST_RECORDS = 15;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** A curated answer is used when a question is at least this alike to its question. */
export const CURATED_SIMILARITY = 0.62;

export interface ServiceDeps {
  config: Config;
  logger: Logger;
  store: Store;
  composer?: GroundedComposer;
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: Failure): Result<T> => ({ ok: false, error });

function engineOf(config: Config, index: LoadedIndex): PolicyEngine {
  return new PolicyEngine(index, { maxQuestionChars: config.MAX_QUESTION_CHARS, home: { city: config.HOME_CITY, province: config.HOME_PROVINCE } });
}

/**
 * Loads the serving index, building it first when it is missing, corrupt, of
 * another embeddings provider, or older than the corpus folder (a document or
 * the lexicon edited while the service was down). For the CLI's one-off
 * runs; the service serves a stale index at once instead (`openServingEngine`).
 */
export async function openEngine(config: Config, logger: Logger): Promise<PolicyEngine> {
  const opened = await openServingEngine(config, logger);
  if (!opened.stale) return opened.engine;
  logger.info({ change: opened.stale }, "the corpus changed since the index was built: re-indexing");
  try {
    return engineOf(config, await rebuildIndex(config));
  } catch (error) {
    if (!(error instanceof IndexBuildError)) throw error;
    logger.error({ file: error.file, reason: error.reason }, "re-indexing the changed corpus failed; the previous index keeps serving");
    return opened.engine;
  }
}

/**
 * The engine to serve at start-up, as soon as there is one: the last good
 * index, even when the corpus changed since it was built (`stale` says what
 * changed; the caller rebuilds in the background). Only without a usable
 * index (none yet, corrupt, another embeddings provider) does it build one
 * first, and it logs that it does.
 */
export async function openServingEngine(config: Config, logger: Logger): Promise<{ engine: PolicyEngine; stale?: string }> {
  const loaded = await loadIndex(config.indexDir, configuredIdentity(config), providerFactory(config));
  if (loaded.ok) {
    const change = await corpusChangeSince(loaded.index.manifest, config.corpusDir);
    return change ? { engine: engineOf(config, loaded.index), stale: change } : { engine: engineOf(config, loaded.index) };
  }
  if (loaded.problem === "missing") logger.info({ indexDir: config.indexDir }, "no index yet: building one from the corpus before serving");
  else logger.warn({ problem: loaded.problem, detail: loaded.message }, "the index cannot be used: rebuilding it from the corpus before serving");
  return { engine: engineOf(config, await rebuildIndex(config)) };
}

export function summarize(engine: PolicyEngine, embedded: number, reused: number, seconds: number): IngestSummary {
  const { counts, version } = engine.index.manifest;
  return {
    documents: counts.documents,
    measures: counts.measures,
    sections: counts.sections,
    tables: counts.tables,
    units: counts.units,
    chunks: counts.chunks,
    embedded,
    reused,
    seconds,
    indexVersion: version,
  };
}

/**
 * The product's one service: answers (curated, LLM or extractive), logs
 * them, and manages the corpus. A reload builds the next index aside while
 * the current engine keeps answering, then swaps it in; corpus changes are
 * queued and applied one at a time.
 */
export async function createPolicyService(deps: ServiceDeps): Promise<PolicyService> {
  const { config, logger, store, composer } = deps;
  await recoverCorpus(config.corpusDir, logger);
  await cleanDataLeftovers(config.dataDir, config.indexDir, logger);
  const opened = await openServingEngine(config, logger);
  let engine = opened.engine;
  const started = Date.now();

  const summaryOf = (doc: PolicyDocument): DocumentSummary => ({
    file: doc.file,
    title: doc.title,
    meta: doc.meta,
    measures: doc.records.filter((r) => r.kind === "measure").length,
    sections: doc.records.filter((r) => r.kind === "section").length,
    tables: countTables(doc.records),
    units: new Set(doc.records.flatMap((r) => r.units)).size,
  });

  function rowOf(doc: PolicyDocument): DocumentRow {
    const published = store.publications().filter((p) => p.file === doc.file);
    const last = published.at(-1);
    const file = statSync(path.join(config.corpusDir, doc.file), { throwIfNoEntry: false });
    const { meta } = doc;
    return {
      ...summaryOf(doc),
      status: meta.status,
      ...(meta.date ? { date: meta.date } : {}),
      ...(meta.number ? { number: meta.number } : {}),
      modifiedAt: (file?.mtime ?? new Date(0)).toISOString(),
      // A file that came with the corpus is version 1 and each publication adds one; a first upload is version 1 itself.
      version: (published[0] && !published[0].replaces ? 0 : 1) + published.length,
      ...(last ? { uploader: last.actor } : {}),
      bytes: file?.size ?? 0,
    };
  }

  async function answerOf(question: string, options: AskOptions): Promise<Answer> {
    const curated = matchCurated(question);
    if (curated) return curated;
    if (!composer) return engine.answer(question, options.context);

    let standalone = question;
    const previousIds = options.context?.previousCitationIds ?? [];
    if (options.context?.previousQuestion && previousIds.length > 0) {
      const previousRecords = previousIds.map((id) => engine.record(id)).filter((r): r is PolicyRecord => Boolean(r));
      standalone = await composer.rewriteFollowUp(question, options.context.previousQuestion, previousRecords);
    }
    const explained = await engine.explain(standalone, standalone === question ? options.context : undefined);
    if (explained.answer.status !== "answered" || explained.candidates.length === 0) return { ...explained.answer, question };
    const composed = await composer.compose({
      question: standalone,
      candidates: explained.candidates,
      extractive: explained.answer,
      documents: engine.lookup,
      onPartialText: options.onPartialText,
    });
    return { ...composed, question };
  }

  function matchCurated(question: string): Answer | undefined {
    let best: { score: number; entry: ReturnType<Store["listCurated"]>[number] } | undefined;
    for (const entry of store.listCurated()) {
      const score = engine.similarity(question, entry.question);
      if (score >= CURATED_SIMILARITY && (!best || score > best.score)) best = { score, entry };
    }
    if (!best) return undefined;
    const record = engine.record(best.entry.recordId);
    return composeCurated(question, best.entry.answer, record ? engine.cite(record, question) : undefined, Math.round(best.score * 100) / 100);
  }

  /** The test hook of the crash-recovery test: dies as `kill -9` would at the named step. */
  function crashPoint(step: string): void {
    if (config.IPBOT_CRASH_AT === step) process.kill(process.pid, "SIGKILL");
  }

  /** Logs the answer; 0 when it cannot be written (the store records and reports the fault), never failing the answer. */
  function logQuery(options: AskOptions, answer: Answer): number {
    try {
      return store.logQuery({ channel: options.channel, userRef: options.userRef, answer });
    } catch {
      return 0;
    }
  }

  async function rebuild(onProgress?: (p: IngestProgress) => void): Promise<Result<IngestSummary>> {
    const startedAt = performance.now();
    try {
      engine = engineOf(config, await rebuildIndex(config, onProgress));
      const { manifest } = engine.index;
      await composer?.reloadPrompts().catch((error: Error) => logger.error({ err: error }, "prompts not reloaded; the previous ones stay"));
      const seconds = Math.round((performance.now() - startedAt) / 10) / 100;
      logger.info({ version: manifest.version, counts: manifest.counts, seconds }, "index rebuilt and swapped in");
      return ok(summarize(engine, manifest.counts.embedded, manifest.counts.reused, seconds));
    } catch (error) {
      if (error instanceof IndexBuildError) {
        logger.warn({ file: error.file, reason: error.reason }, "index rebuild failed; the previous index keeps serving");
        return fail({ code: error.file ? "bad_document" : "index_failed", message: error.reason, ...(error.file ? { file: error.file } : {}) });
      }
      throw error;
    }
  }

  /**
   * Corpus changes (publish, remove, reload) run one after another, each with
   * its own rebuild, so none is reported done before its change is indexed.
   */
  let changes: Promise<unknown> = Promise.resolve();
  let changesPending = 0;
  function serialised<T>(change: () => Promise<T>): Promise<T> {
    changesPending += 1;
    const run = changes.then(change);
    changes = run.then(
      () => (changesPending -= 1),
      () => (changesPending -= 1),
    );
    return run;
  }

  const reload = (onProgress?: (p: IngestProgress) => void): Promise<Result<IngestSummary>> => serialised(() => rebuild(onProgress));

  if (opened.stale) {
    // Listen first: the last good index answers while the changed corpus is indexed.
    logger.info(
      { change: opened.stale, serving: engine.index.manifest.version },
      "the corpus changed since the index was built: serving the last good index and re-indexing in the background",
    );
    reload().catch((error: unknown) => logger.error({ err: error }, "background re-index failed; the previous index keeps serving"));
  }

  async function preview(fileName: string, bytes: Uint8Array): Promise<Result<DocumentPreview>> {
    const checked = validateUpload(fileName, bytes, config.MAX_UPLOAD_BYTES);
    if (!checked.ok) return fail(checked.failure);
    const { name } = checked;
    await mkdir(path.join(config.dataDir, UPLOADS_DIR), { recursive: true });
    const dir = await mkdtemp(path.join(config.dataDir, UPLOADS_DIR, "preview-"));
    try {
      const file = path.join(dir, name);
      await writeFile(file, bytes);
      const doc = await parseDocument({ path: file, name }, config.parseLimits);
      const replaces = await stat(path.join(config.corpusDir, name)).then(
        () => true,
        () => false,
      );
      return ok({ ...summaryOf(doc), outline: doc.outline, records: doc.records, unitNames: [...new Set(doc.records.flatMap((r) => r.units))], replaces });
    } catch (error) {
      if (error instanceof DocumentError) return fail({ code: error.refusal ? "unsafe_document" : "bad_document", message: error.reason, file: name });
      throw error;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    async ask(question, options) {
      const answer = AnswerSchema.parse(await answerOf(question, options));
      return { answer, queryId: options.log === false ? 0 : logQuery(options, answer) } satisfies AskResult;
    },
    record: (id) => engine.record(id),
    documentMeta: (documentId) => engine.lookup.meta(documentId),
    related: (id, limit) => engine.related(id, limit),
    outline: () => engine.outline(),
    units: () => engine.unitEntries(),
    unit: (name) => engine.unit(name),
    documents: () => engine.documents().map(rowOf),
    documentPath(file) {
      const doc = engine.documents().find((d) => d.file === file);
      return doc ? path.join(config.corpusDir, doc.file) : undefined;
    },
    async hitTest(question) {
      const [{ analysis, ranked }, explained] = await Promise.all([engine.rank(question), engine.explain(question)]);
      const cues = new Set(analysis.cues);
      const first = explained.answer.citations[0];
      return {
        question: analysis.text,
        words: analysis.words,
        expansions: analysis.expansions,
        synonyms: engine.index.lexicon.synonyms.filter((g) => g.when.some((w) => cues.has(Tokenizer.normalize(w)))),
        units: analysis.units,
        anchors: analysis.anchors,
        offTopic: analysis.offTopic,
        coverage: Math.round(analysis.coverage * 100) / 100,
        answer: {
          status: explained.answer.status,
          kind: explained.answer.kind,
          confidence: explained.answer.confidence,
          ...(first ? { firstCitation: first.title } : {}),
        },
        records: ranked.slice(0, HIT_TEST_RECORDS).map((r) => ({
          id: r.record.id,
          title: r.record.title,
          path: r.record.path,
          document: r.record.document,
          units: r.record.units,
          vector: round3(r.vector),
          lexical: round3(r.lexical),
          score: round3(r.score),
        })),
      } satisfies HitTest;
    },
    exampleQuestions: () => engine.exampleQuestions(),
    health(): Health {
      const { manifest } = engine.index;
      return {
        indexVersion: manifest.version,
        builtAt: manifest.builtAt,
        documents: manifest.counts.documents,
        records: engine.index.records.length,
        measures: manifest.counts.measures,
        units: manifest.counts.units,
        chunks: manifest.counts.chunks,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        reloading: changesPending > 0,
        pendingChanges: changesPending,
        store: store.health(),
        llm: config.LLM_PROVIDER,
        embeddings: `${manifest.embeddings.provider}:${manifest.embeddings.model}/${manifest.embeddings.dimension}`,
      };
    },
    reload,
    previewDocument: preview,
    publishDocument(fileName, bytes, onProgress) {
      // Queued as a whole, checks included, so changes apply in the order they were asked for.
      return serialised(async (): Promise<Result<{ summary: IngestSummary; preview: DocumentPreview }>> => {
        const previewed = await preview(fileName, bytes);
        if (!previewed.ok) return previewed;
        const name = previewed.value.file;
        const target = path.join(config.corpusDir, name);
        const backup = path.join(config.corpusDir, changeFile("previous", name));
        const staged = path.join(config.corpusDir, changeFile("upload", name));
        await writeFile(staged, bytes);
        crashPoint("publish:staged");
        const hadPrevious = previewed.value.replaces;
        if (hadPrevious) await rename(target, backup);
        crashPoint("publish:backed-up");
        await rename(staged, target);
        crashPoint("publish:swapped");
        const outcome = await rebuild(onProgress);
        crashPoint("publish:indexed");
        if (!outcome.ok) {
          // Put the corpus back as it was: the new file out, the old version in.
          await rm(target, { force: true });
          if (hadPrevious) await rename(backup, target);
          return outcome;
        }
        if (hadPrevious) await rm(backup, { force: true });
        return ok({ summary: outcome.value, preview: previewed.value });
      });
    },
    removeDocument(fileName) {
      return serialised(async (): Promise<Result<IngestSummary>> => {
        const files = await listCorpusFiles(config.corpusDir);
        if (!files.includes(fileName)) return fail({ code: "not_found", message: `语料库中没有文件“${fileName}”。`, file: fileName });
        if (files.length === 1) return fail({ code: "bad_document", message: "不能删除最后一个文件：语料库不能为空。", file: fileName });
        const target = path.join(config.corpusDir, fileName);
        const aside = path.join(config.corpusDir, changeFile("removed", path.basename(fileName)));
        await rename(target, aside);
        crashPoint("remove:aside");
        const outcome = await rebuild();
        crashPoint("remove:indexed");
        if (!outcome.ok) {
          await rename(aside, target);
          return outcome;
        }
        await rm(aside, { force: true });
        return outcome;
      });
    },
    feedback: (queryId, helpful, details) => store.setFeedback(queryId, helpful, details),
    queries: (filter) => store.queries(filter),
    countQueries: (filter) => store.countQueries(filter),
    usageStats: () => store.stats(),
    dashboard: (range) => store.dashboard(range),
    listCurated: () => store.listCurated(),
    listProposals: () => store.listProposals(),
    getCurated: (id) => store.getCurated(id),
    createCurated: (input, status) => store.createCurated(input, status),
    updateCurated: (id, input, status) => store.updateCurated(id, input, status),
    removeCurated: (id) => store.removeCurated(id),
    audit: (actor, action, detail) => store.audit(actor, action, detail),
    auditLog: (filter) => store.auditLog(filter),
    recordPublication: (publication) => store.recordPublication(publication),
    accounts: store.accounts,
    conversations: store.conversations,
    async close() {
      await changes;
      store.close();
    },
  };
}
