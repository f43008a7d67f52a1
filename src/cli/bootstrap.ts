import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createPolicyService } from "../app/service.js";
import type { PolicyService } from "../app/types.js";
import { ConfigError, loadConfig, secretsOf, type Config } from "../config/index.js";
import { createGroundedComposer } from "../llm/index.js";
import { createLogger, type Logger } from "../log/index.js";
import { openSqliteStore, type Store } from "../store/index.js";

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
  ensureWritableDataDir(config.dataDir);
  let store: Store;
  try {
    store = openSqliteStore(options.memoryStore ? ":memory:" : config.databaseFile, { logger });
  } catch (error) {
    throw new Error(
      `the database ${config.databaseFile} cannot be opened (${(error as Error).message}): check that this user can read and write it, or set DATA_DIR to another folder`,
      { cause: error },
    );
  }
  try {
    const composer = await createGroundedComposer({ config, logger, promptsDir: PROMPTS_DIR });
    return await createPolicyService({ config, logger, store, composer });
  } catch (error) {
    store.close();
    throw error;
  }
}

/** What to do about a DATA_DIR that cannot be written, by the error's code. */
const DATA_DIR_HINTS: Record<string, string> = {
  ENOENT: "a folder on the way is missing: create it, or set DATA_DIR to a folder this user can write",
  ENOTDIR: "a part of the path is a file, not a folder: set DATA_DIR to a folder this user can write",
  EACCES: "permission denied: give this user write access to it (chown/chmod), or set DATA_DIR to another folder",
  EPERM: "permission denied: give this user write access to it (chown/chmod), or set DATA_DIR to another folder",
  EROFS: "the file system is read-only: set DATA_DIR to a folder on a writable disk",
  ENOSPC: "the disk is full: free some space, or set DATA_DIR to a folder on another disk",
};

/**
 * Creates DATA_DIR if needed and proves it writable with a probe file, so a
 * bad one stops start-up with a sentence naming the path and what to do,
 * instead of SQLite's "unable to open database file".
 */
export function ensureWritableDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (error) {
    const code = realCause(dataDir, (error as NodeJS.ErrnoException).code ?? "unknown error");
    const hint = DATA_DIR_HINTS[code] ?? "make it a folder this user can write, or set DATA_DIR to another one";
    throw new Error(`DATA_DIR ${dataDir} cannot be written (${code}): ${hint}.`, { cause: error });
  }
}

/**
 * A recursive mkdir reports ENOENT for a folder it could not create on a
 * read-only or forbidden disk; the first folder that exists on the way says why.
 */
function realCause(dataDir: string, code: string): string {
  if (code !== "ENOENT") return code;
  let ancestor = path.dirname(path.resolve(dataDir));
  while (!existsSync(ancestor) && path.dirname(ancestor) !== ancestor) ancestor = path.dirname(ancestor);
  const probe = path.join(ancestor, `.write-test-${process.pid}`);
  try {
    writeFileSync(probe, "");
    rmSync(probe);
    return code;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? code;
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
