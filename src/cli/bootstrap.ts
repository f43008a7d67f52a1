import path from "node:path";
import { createPolicyService } from "../app/service.js";
import type { PolicyService } from "../app/types.js";
import { ConfigError, loadConfig, secretsOf, type Config } from "../config/index.js";
import { createGroundedComposer } from "../llm/index.js";
import { createLogger, type Logger } from "../log/index.js";
import { openSqliteStore } from "../store/index.js";

export const PROMPTS_DIR = path.resolve("prompts");

/** Reads the configuration or exits with a message naming each bad variable. */
export function configOrExit(): Config {
  try {
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

/** Runs a CLI main, turning an unexpected error into one clear line and exit code 1. */
export function runMain(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: Error) => {
      process.stderr.write(`Error: ${error.message}\n`);
      process.exit(1);
    },
  );
}
