import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { Answer } from "../engine/answer-schema.js";
import type { RetrievalMode } from "../engine/retrieve.js";
import { openEngine } from "../app/service.js";
import type { Config } from "../config/index.js";
import { parseDataset } from "../eval/dataset.js";
import { formatScores, judge, score, type ItemResult } from "../eval/score.js";
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

runMain(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { json: { type: "boolean" } } });
  const file = positionals[0];
  if (!file) {
    process.stderr.write("Usage: npm run eval -- FILE.jsonl [--json]\n");
    return 2;
  }
  const items = parseDataset(await readFile(file, "utf8"));
  const config = configOrExit();
  const logger = loggerFor(config);
  const mode = modeOf(config);

  // The full pipeline as users get it (with the LLM when one is configured), kept out of the real query log.
  const service = await startService(config, logger, { memoryStore: true });
  const full: ItemResult[] = [];
  try {
    for (const item of items) full.push(judge(item, (await service.ask(item.question, { channel: "cli" })).answer));
  } finally {
    await service.close();
  }

  // Retrieval ablations: the engine alone, extractive answers, no model calls.
  const engine = await openEngine(config, logger);
  const ablations: [string, ItemResult[]][] = [];
  for (const retrieval of ["vector", "lexical"] as RetrievalMode[]) {
    const results: ItemResult[] = [];
    for (const item of items) results.push(judge(item, (await engine.answer(item.question, undefined, retrieval)) as Answer));
    ablations.push([`${retrieval}-only retrieval`, results]);
  }

  const main = score(full);
  if (values.json) {
    process.stdout.write(JSON.stringify({ mode, full: main, ...Object.fromEntries(ablations.map(([k, r]) => [k, score(r)])) }, null, 2) + "\n");
    return 0;
  }
  const answers = mode.answers === "extractive" ? "extractive answers" : `LLM answers (${mode.llmModel})`;
  const out = [formatScores(`hybrid retrieval, ${answers}, embeddings ${mode.embeddings}`, main)];
  if (main.failed.length) {
    out.push("  failures:");
    for (const f of main.failed) out.push(`    ${f.item.id} ${f.item.question}\n      ${f.failures.join("\n      ")}`);
  }
  for (const [name, results] of ablations) {
    const s = score(results);
    out.push(formatScores(`${name}, extractive answers`, s));
    if (s.failed.length) out.push(`  failing: ${s.failed.map((f) => f.item.id).join(" ")}`);
  }
  process.stdout.write(out.join("\n") + "\n");
  return 0;
});
