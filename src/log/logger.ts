import pino, { type Logger } from "pino";

export type { Logger };

/** Field names whose values are replaced before a line is written. */
const REDACTED_PATHS = [
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "req.headers.authorization",
  'req.headers["x-telegram-bot-api-secret-token"]',
  "config.TELEGRAM_BOT_TOKEN",
  "config.ADMIN_TOKEN",
  "config.LLM_API_KEY",
  "config.EMBEDDINGS_API_KEY",
  "config.WEBHOOK_SECRET",
];

/**
 * Replaces every known secret inside a string. Used for error messages, whose
 * text may embed a token (a Bot API URL does), before they are logged.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("[REDACTED]");
  return out;
}

/** Plain objects and arrays nest this deep at most in a log line; deeper values are left as they are. */
const MAX_SCRUB_DEPTH = 6;

/**
 * Replaces secrets in a value's strings, however deeply they sit in plain
 * objects and arrays (an upstream error message quoted in `detail.reason`
 * may repeat an API key). Errors are left to the `err` serializer.
 */
function scrubDeep(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === "string") return redactSecrets(value, secrets);
  if (depth >= MAX_SCRUB_DEPTH || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, secrets, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, secrets, depth + 1)]));
}

/**
 * The one logger. Writes to stderr so that stdout stays clean for `--json`
 * output; pretty on a terminal, JSON lines otherwise. Secrets listed in
 * `secrets` are scrubbed from every message and serialized error.
 * `destination` sends JSON lines elsewhere instead (a test reading what was logged).
 */
export function createLogger(options: { level: string; secrets?: readonly string[]; pretty?: boolean; destination?: pino.DestinationStream }): Logger {
  const secrets = options.secrets ?? [];
  const pretty = options.pretty ?? Boolean(process.stderr.isTTY);
  const scrub = (value: unknown): unknown => (secrets.length > 0 ? scrubDeep(value, secrets, 0) : value);
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: "[REDACTED]" },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(scrub) as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (err: unknown) => {
          const serialized = pino.stdSerializers.err(err as Error);
          return {
            ...serialized,
            message: redactSecrets(serialized.message ?? "", secrets),
            stack: redactSecrets(serialized.stack ?? "", secrets),
          };
        },
      },
    },
    options.destination ??
      (pretty ? pino.transport({ target: "pino-pretty", options: { destination: 2, colorize: true, translateTime: "HH:MM:ss" } }) : pino.destination({ dest: 2, sync: true })),
  );
}
