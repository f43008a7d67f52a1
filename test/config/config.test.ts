import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, secretsOf } from "../../src/config/index.js";

const problemsOf = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("configuration", () => {
  it("runs offline with no settings at all: every default", () => {
    const config = loadConfig({}, "/srv/ip-policy-bot");
    expect(config).toMatchObject({
      LOG_LEVEL: "info",
      EMBEDDINGS_PROVIDER: "hashed",
      EMBEDDINGS_DIMENSION: 1024,
      LLM_PROVIDER: "none",
      LLM_TIMEOUT_MS: 15000,
      MAX_QUESTION_CHARS: 500,
      MAX_UPLOAD_BYTES: 10 * 1024 * 1024,
      ADMIN_USER_IDS: [],
      BOT_RATE_LIMIT_PER_MINUTE: 12,
      CONVERSATION_TTL_MINUTES: 30,
      BOT_INLINE_ENABLED: true,
      WEB_ENABLED: true,
      HOST: "127.0.0.1",
      PORT: 8080,
      SESSION_IDLE_MINUTES: 30,
      SESSION_MAX_HOURS: 12,
      COOKIE_SECURE: false,
      corpusDir: path.resolve("/srv/ip-policy-bot/corpus"),
      dataDir: path.resolve("/srv/ip-policy-bot/data"),
      indexDir: path.resolve("/srv/ip-policy-bot/data/index"),
      databaseFile: path.resolve("/srv/ip-policy-bot/data/ip-policy-bot.sqlite"),
    });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.EMBEDDINGS_API_KEY).toBeUndefined();
    expect(secretsOf(config)).toEqual([]);
  });

  it("reads numbers, lists and switches from their text", () => {
    const config = loadConfig({
      PORT: "0",
      EMBEDDINGS_DIMENSION: "768",
      ADMIN_USER_IDS: " 42, 7,, ",
      WEB_ENABLED: "false",
      DATA_DIR: "/var/lib/ipbot",
      CONVERSATION_TTL_MINUTES: "5",
      BOT_INLINE_ENABLED: "false",
    });
    expect(config).toMatchObject({
      PORT: 0,
      EMBEDDINGS_DIMENSION: 768,
      ADMIN_USER_IDS: [42, 7],
      WEB_ENABLED: false,
      indexDir: path.resolve("/var/lib/ipbot/index"),
      CONVERSATION_TTL_MINUTES: 5,
      BOT_INLINE_ENABLED: false,
    });
  });

  it("takes a blank optional setting for an unset one", () => {
    const config = loadConfig({ EMBEDDINGS_API_KEY: "   ", TELEGRAM_BOT_TOKEN: "", LLM_BASE_URL: "" });
    expect(config.EMBEDDINGS_API_KEY).toBeUndefined();
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.LLM_BASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: "99999" }, "PORT"],
    [{ EMBEDDINGS_DIMENSION: "-3" }, "EMBEDDINGS_DIMENSION"],
    [{ EMBEDDINGS_DIMENSION: "many" }, "EMBEDDINGS_DIMENSION"],
    [{ EMBEDDINGS_PROVIDER: "word2vec" }, "EMBEDDINGS_PROVIDER"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ ADMIN_USER_IDS: "42,alice" }, "ADMIN_USER_IDS"],
    [{ WEB_ENABLED: "yes" }, "WEB_ENABLED"],
    [{ CONVERSATION_TTL_MINUTES: "0" }, "CONVERSATION_TTL_MINUTES"],
    [{ BOT_INLINE_ENABLED: "on" }, "BOT_INLINE_ENABLED"],
    [{ LLM_BASE_URL: "not a url" }, "LLM_BASE_URL"],
    [{ ADMIN_TOKEN: "short" }, "ADMIN_TOKEN"],
  ])("a bad value is refused with a message naming the variable: %o", (env, variable) => {
    const error = problemsOf(env);
    expect(error.problems.map((p) => p.variable)).toEqual([variable]);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration:\\n  ${variable}: .+`));
  });

  it("names every setting that another one makes required", () => {
    expect(problemsOf({ EMBEDDINGS_PROVIDER: "openai" }).problems.map((p) => p.variable)).toEqual(["EMBEDDINGS_BASE_URL", "EMBEDDINGS_MODEL"]);
    expect(problemsOf({ LLM_PROVIDER: "openai", LLM_MODEL: "m" }).problems.map((p) => p.variable)).toEqual(["LLM_BASE_URL"]);
    expect(problemsOf({ WEBHOOK_URL: "https://bot.example.org/hook" }).message).toContain("WEBHOOK_SECRET: required when WEBHOOK_URL is set");
  });

  it("reports all bad variables at once", () => {
    expect(
      problemsOf({ PORT: "-1", LOG_LEVEL: "loud" })
        .problems.map((p) => p.variable)
        .sort(),
    ).toEqual(["LOG_LEVEL", "PORT"]);
  });

  it("never repeats a malformed secret in its message", () => {
    const error = problemsOf({ TELEGRAM_BOT_TOKEN: "not-a-token-but-secret-anyway", WEBHOOK_SECRET: "bad secret!" });
    expect(error.problems.map((p) => p.variable)).toEqual(["TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET"]);
    expect(error.message).toContain("@BotFather");
    expect(error.message).not.toContain("not-a-token-but-secret-anyway");
    expect(error.message).not.toContain("bad secret!");
  });

  it("lists every secret that is set, for the logger to scrub", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      WEBHOOK_SECRET: "webhook-secret-0123456789",
      ADMIN_TOKEN: "admin-token-0123456789",
      LLM_API_KEY: "sk-llm",
      EMBEDDINGS_API_KEY: "sk-embeddings",
    });
    expect(secretsOf(config).sort()).toEqual(["123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", "webhook-secret-0123456789", "admin-token-0123456789", "sk-llm", "sk-embeddings"].sort());
  });
});
