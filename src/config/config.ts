import path from "node:path";
import type { ParseLimits } from "../corpus/limits.js";
import { EnvSchema, type Env } from "./schema.js";

/** The validated settings, with directories resolved. Parsed once at start-up and passed in. */
export interface Config extends Env {
  corpusDir: string;
  dataDir: string;
  indexDir: string;
  databaseFile: string;
  /** The PARSE_* settings, in the shape the document parser takes (`ParseLimits`). */
  parseLimits: ParseLimits;
}

/** A setting that is missing or malformed; `problems` name each variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super("Invalid configuration:\n" + problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n"));
    this.name = "ConfigError";
  }
}

/** Reads settings from an environment (process.env at the edge, a plain object in tests). */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.message,
      })),
    );
  }
  const settings = parsed.data;
  const dataDir = path.resolve(cwd, settings.DATA_DIR);
  return {
    ...settings,
    corpusDir: path.resolve(cwd, settings.CORPUS_DIR),
    dataDir,
    indexDir: path.join(dataDir, "index"),
    databaseFile: path.join(dataDir, "ip-policy-bot.sqlite"),
    parseLimits: {
      timeoutMs: settings.PARSE_TIMEOUT_MS,
      memoryMb: settings.PARSE_MEMORY_MB,
      maxInflatedBytes: settings.PARSE_MAX_INFLATED_BYTES,
      maxChars: settings.PARSE_MAX_CHARS,
      maxBlocks: settings.PARSE_MAX_BLOCKS,
      maxTableCells: settings.PARSE_MAX_TABLE_CELLS,
      maxPdfPages: settings.PARSE_MAX_PDF_PAGES,
      maxNesting: settings.PARSE_MAX_NESTING,
    },
  };
}

/** The values that must never reach a log line or a reply. */
export function secretsOf(config: Config): string[] {
  return [config.TELEGRAM_BOT_TOKEN, config.WEBHOOK_SECRET, config.ADMIN_TOKEN, config.LLM_API_KEY, config.EMBEDDINGS_API_KEY].filter((s): s is string => Boolean(s));
}
