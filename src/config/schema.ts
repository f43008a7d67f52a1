import { z } from "zod";

/** Comma-separated list, blanks dropped. */
const list = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

const optionalText = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim() : undefined));

const optionalUrl = optionalText.pipe(z.string().url().optional());

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Every setting the product reads, with its default. The one source of the
 * `Config` type; `.env.example` and the README document the same names.
 */
export const EnvSchema = z
  .object({
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    CORPUS_DIR: z.string().default("corpus"),
    DATA_DIR: z.string().default("data"),
    MAX_QUESTION_CHARS: positiveInt(500),
    /** The deployment's own city and province: their measures answer first, higher levels follow as 上级政策. */
    HOME_CITY: z.string().trim().min(2).max(20).default("泰安市"),
    HOME_PROVINCE: z.string().trim().min(2).max(20).default("山东省"),
    MAX_UPLOAD_BYTES: positiveInt(10 * 1024 * 1024),

    PARSE_TIMEOUT_MS: positiveInt(20_000),
    PARSE_MEMORY_MB: z.coerce.number().int().min(64).max(16_384).default(512),
    PARSE_MAX_INFLATED_BYTES: positiveInt(64 * 1024 * 1024),
    PARSE_MAX_CHARS: positiveInt(2_000_000),
    PARSE_MAX_BLOCKS: positiveInt(20_000),
    PARSE_MAX_TABLE_CELLS: positiveInt(100_000),
    PARSE_MAX_PDF_PAGES: positiveInt(300),
    PARSE_MAX_NESTING: positiveInt(100),
    /** Tests only: the service kills itself (as `kill -9`) at this step of a publish or removal. */
    IPBOT_CRASH_AT: optionalText.pipe(z.enum(["publish:staged", "publish:backed-up", "publish:swapped", "publish:indexed", "remove:aside", "remove:indexed"]).optional()),

    EMBEDDINGS_PROVIDER: z.enum(["hashed", "openai"]).default("hashed"),
    EMBEDDINGS_DIMENSION: positiveInt(1024),
    EMBEDDINGS_BASE_URL: optionalUrl,
    EMBEDDINGS_MODEL: optionalText,
    EMBEDDINGS_API_KEY: optionalText,

    LLM_PROVIDER: z.enum(["none", "openai"]).default("none"),
    LLM_BASE_URL: optionalUrl,
    LLM_MODEL: optionalText,
    LLM_API_KEY: optionalText,
    LLM_TIMEOUT_MS: positiveInt(15000),

    TELEGRAM_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^\d+:[\w-]{20,}$/, "looks like 123456:ABC… as given by @BotFather")
        .optional(),
    ),
    TELEGRAM_API_ROOT: optionalUrl,
    WEBHOOK_URL: optionalUrl,
    WEBHOOK_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, "16–256 characters of A–Z, a–z, 0–9, _ and -")
        .optional(),
    ),
    ADMIN_USER_IDS: list.pipe(z.array(z.coerce.number().int().positive())),
    BOT_RATE_LIMIT_PER_MINUTE: positiveInt(12),
    /** How long a previous turn still counts for a follow-up ("那找哪个部门？"). */
    CONVERSATION_TTL_MINUTES: positiveInt(30),
    /** `@bot 问题` in any chat answers with measure cards (inline mode must also be switched on with @BotFather's /setinline). */
    BOT_INLINE_ENABLED: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),

    WEB_ENABLED: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    HOST: z.string().default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    ADMIN_TOKEN: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    SESSION_IDLE_MINUTES: positiveInt(30),
    SESSION_MAX_HOURS: positiveInt(12),
    COOKIE_SECURE: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
  })
  .superRefine((env, ctx) => {
    if (env.EMBEDDINGS_PROVIDER === "openai") {
      for (const key of ["EMBEDDINGS_BASE_URL", "EMBEDDINGS_MODEL"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "required when EMBEDDINGS_PROVIDER=openai" });
      }
    }
    if (env.LLM_PROVIDER === "openai") {
      for (const key of ["LLM_BASE_URL", "LLM_MODEL"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "required when LLM_PROVIDER=openai" });
      }
    }
    if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "required when WEBHOOK_URL is set" });
    }
  });

export type Env = z.infer<typeof EnvSchema>;
