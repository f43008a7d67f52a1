import { readFile } from "node:fs/promises";
import { configOrExit, loggerFor, runMain } from "../cli/bootstrap.js";
import { measureIngest, measureServe } from "./phases.js";
import type { BenchQuestion } from "./questions.js";

/**
 * One benchmark phase in a process of its own, so that its peak memory and
 * its start-up are its own: `ingest` builds the index of CORPUS_DIR into
 * DATA_DIR; `serve QUESTIONS.json` loads it and answers the questions. Prints
 * the figures as one JSON object on stdout. Started by `npm run bench`.
 */
runMain(async () => {
  const [phase, questionsFile] = process.argv.slice(2);
  const config = configOrExit();
  const logger = loggerFor(config, { pretty: false });
  if (phase === "ingest") {
    process.stdout.write(JSON.stringify(await measureIngest(config)) + "\n");
    return 0;
  }
  if (phase === "serve" && questionsFile) {
    const questions = JSON.parse(await readFile(questionsFile, "utf8")) as BenchQuestion[];
    process.stdout.write(JSON.stringify(await measureServe(config, logger, questions)) + "\n");
    return 0;
  }
  process.stderr.write("Usage: worker.ts ingest | serve QUESTIONS.json (started by npm run bench)\n");
  return 2;
});
