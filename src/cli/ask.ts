import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { contextFrom, type AnswerContext } from "../engine/answer-schema.js";
import { configOrExit, loggerFor, runMain, startService } from "./bootstrap.js";
import { formatAnswerForTerminal } from "./format-answer.js";

const USAGE = `Usage:
  npm run ask -- "问题"                       a readable answer
  npm run --silent ask -- --json "问题"        one JSON answer object
  npm run --silent ask -- --json --batch FILE one question a line in, one JSON object a line out
  --follow-up  in --batch mode, each question is a follow-up of the previous one`;

runMain(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: "boolean" }, batch: { type: "string" }, "follow-up": { type: "boolean" }, help: { type: "boolean" } },
  });
  if (values.help || (!values.batch && positionals.length === 0)) {
    process.stderr.write(USAGE + "\n");
    return values.help ? 0 : 2;
  }
  const config = configOrExit();
  const logger = loggerFor(config);
  const service = await startService(config, logger);
  try {
    const questions = values.batch
      ? (await readFile(values.batch, "utf8"))
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
      : [positionals.join(" ")];
    let context: AnswerContext | undefined;
    for (const question of questions) {
      const { answer } = await service.ask(question, { channel: "cli", context, userRef: "cli" });
      if (values["follow-up"]) context = contextFrom(answer);
      process.stdout.write(values.json ? JSON.stringify(answer) + "\n" : formatAnswerForTerminal(answer) + "\n\n");
    }
  } finally {
    await service.close();
  }
});
