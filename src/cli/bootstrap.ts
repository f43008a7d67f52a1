import { existsSync } from "node:fs";
import path from "node:path";
import { createPolicyService } from "../app/service.js";
import type { PolicyService } from "../app/types.js";
import { ConfigError, loadConfig, secretsOf, type Config } from "../config/index.js";
import { createGroundedComposer } from "../llm/index.js";
import { createLogger, type Logger } from "../log/index.js";
import { openSqliteStore } from "../store/index.js";

export const PROMPTS_DIR = path.resolve("prompts");

/**
 * Reads the configuration or exits with a message naming each bad variable.
 * A `.env` file in the working directory is read first; variables already
 * set in the environment win over it.
 */
export function configOrExit(): Config {
  try {
    if (existsSync(".env")) process.loadEnvFile(".env");
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example and the README for every setting.\n`);
      process.exit(2);
    }
    throw error;
  }
}

export function loggerFor(config: Config, options: { pretty?: boolean } = {}): Logger {
  return createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config), ...options });
}

/**
 * Builds the service the way `npm start` does. `memoryStore` keeps
 * evaluation and benchmark runs out of the real query log.
 */
export async function startService(config: Config, logger: Logger, options: { memoryStore?: boolean } = {}): Promise<PolicyService> {
  const store = openSqliteStore(options.memoryStore ? ":memory:" : config.databaseFile);
  try {
    const composer = await createGroundedComposer({ config, logger, promptsDir: PROMPTS_DIR });
    return await createPolicyService({ config, logger, store, composer });
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * Runs a CLI main, turning an unexpected error into one clear line and exit
 * code 1. Exits only once stdout is flushed: a pipe takes writes
 * asynchronously, and exiting early would cut a long `--json` output short.
 */
export function runMain(main: () => Promise<number | void>): void {
  const exit = (code: number) => process.stdout.write("", () => process.exit(code));
  main().then(
    (code) => exit(code ?? 0),
    (error: Error) => {
      process.stderr.write(`Error: ${error.message}\n`);
      exit(1);
    },
  );
}
