import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { openEngine } from "../app/service.js";
import type { PolicyService } from "../app/types.js";
import { loadConfig, type Config } from "../config/index.js";
import { type Answer, contextFrom } from "../engine/answer-schema.js";
import type { RetrievalMode } from "../engine/retrieve.js";
import { mergedCorpus } from "../eval/corpus.js";
import { type Dialogue, type EvalItem, parseEvalFile, turnItems } from "../eval/dataset.js";
import { formatScores, type ItemResult, type JudgeContext, judge, score } from "../eval/score.js";
import { configuredIdentity } from "../index/providers.js";
import { configOrExit, loggerFor, runMain, startService } from "./bootstrap.js";

/** Which pipeline produced the `full` figures, so that a report is never read as the other mode's. */
function modeOf(config: Config) {
  const embeddings = configuredIdentity(config);
  return {
    answers: config.LLM_PROVIDER === "none" ? ("extractive" as const) : ("llm" as const),
    ...(config.LLM_PROVIDER === "none" ? {} : { llmModel: config.LLM_MODEL }),
    embeddings: `${embeddings.provider}:${embeddings.model}/${embeddings.dimension}`,
  };
}

const USAGE =
  "Usage: npm run eval -- [--corpus DIR]… FILE.jsonl [--json]\n  --corpus DIR  build a private index from these folders (repeatable: --corpus corpus --corpus test/fixtures/multidoc-a)\n";

/** Each conversation's turns asked in order, each with the previous answer as its context. */
async function askDialogues(service: PolicyService, dialogues: readonly Dialogue[], context: JudgeContext): Promise<{ results: ItemResult[]; whole: number }> {
  const results: ItemResult[] = [];
  let whole = 0;
  for (const dialogue of dialogues) {
    let previous: Answer | undefined;
    let allRight = true;
    for (const item of turnItems(dialogue)) {
      const { answer } = await service.ask(item.question, { channel: "cli", ...(previous?.status === "answered" ? { context: contextFrom(previous) } : {}) });
      const result = judge(item, answer, context);
      results.push(result);
      if (result.failures.length > 0) allRight = false;
      previous = answer;
    }
    if (allRight) whole++;
  }
  return { results, whole };
}

runMain(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { json: { type: "boolean" }, corpus: { type: "string", multiple: true } } });
  const file = positionals[0];
  if (!file) {
    process.stderr.write(USAGE);
    return 2;
  }
  const set = parseEvalFile(await readFile(file, "utf8"));
  const baseConfig = configOrExit();
  const merged = values.corpus?.length
    ? await mergedCorpus(
        values.corpus.map((d) => path.resolve(d)),
        baseConfig.corpusDir,
      )
    : undefined;
  const config = merged ? loadConfig({ ...process.env, CORPUS_DIR: path.join(merged.dir, "corpus"), DATA_DIR: path.join(merged.dir, "data") }) : baseConfig;
  const logger = loggerFor(config);
  const mode = modeOf(config);
  try {
    // The full pipeline as users get it (with the LLM when one is configured), kept out of the real query log.
    const engine = await openEngine(config, logger);
    const context: JudgeContext = { corpusText: engine.index.records.map((r) => `${r.path.join("")}${r.title}${r.text}`).join("\n") };
    const service = await startService(config, logger, { memoryStore: true });
    let full: ItemResult[] = [];
    let dialogueSummary: string | undefined;
    const items: EvalItem[] = set.kind === "questions" ? set.items : set.dialogues.flatMap(turnItems);
    try {
      if (set.kind === "dialogues") {
        const { results, whole } = await askDialogues(service, set.dialogues, context);
        full = results;
        dialogueSummary = `  conversations right in every turn ${whole}/${set.dialogues.length}; turns right ${results.filter((r) => r.failures.length === 0).length}/${results.length}`;
      } else {
        for (const item of set.items) full.push(judge(item, (await service.ask(item.question, { channel: "cli" })).answer, context));
      }
    } finally {
      await service.close();
    }

    // Retrieval ablations: the engine alone, extractive answers, no model calls, no conversation.
    const ablations: [string, ItemResult[]][] = [];
    if (set.kind === "questions") {
      for (const retrieval of ["vector", "lexical"] as RetrievalMode[]) {
        const results: ItemResult[] = [];
        for (const item of items) results.push(judge(item, await engine.answer(item.question, undefined, retrieval), context));
        ablations.push([`${retrieval}-only retrieval`, results]);
      }
    }

    const main = score(full, context);
    const corpusNote = values.corpus?.length ? `, corpus ${values.corpus.join(" + ")} (${engine.index.documents.length} documents)` : "";
    if (values.json) {
      process.stdout.write(
        JSON.stringify({ mode, corpus: values.corpus ?? [config.corpusDir], full: main, ...Object.fromEntries(ablations.map(([k, r]) => [k, score(r, context)])) }, null, 2) + "\n",
      );
      return 0;
    }
    const answers = mode.answers === "extractive" ? "extractive answers" : `LLM answers (${mode.llmModel})`;
    const out = [formatScores(`hybrid retrieval, ${answers}, embeddings ${mode.embeddings}${corpusNote}`, main)];
    if (dialogueSummary) out.push(dialogueSummary);
    if (main.failed.length) {
      out.push("  failures:");
      for (const f of main.failed) out.push(`    ${f.item.id} ${f.item.question}\n      ${f.failures.join("\n      ")}`);
    }
    for (const [name, results] of ablations) {
      const s = score(results, context);
      out.push(formatScores(`${name}, extractive answers`, s));
      if (s.failed.length) out.push(`  failing: ${s.failed.map((f) => f.item.id).join(" ")}`);
    }
    process.stdout.write(out.join("\n") + "\n");
    return 0;
  } finally {
    await merged?.cleanup();
  }
});
