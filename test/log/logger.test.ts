import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/index.js";

const SECRET = "123456789:AAsecret-bot-token-value_xyz";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { lines, logger: createLogger({ level: "info", secrets: [SECRET], destination }) };
}

describe("the logger", () => {
  it("writes JSON lines with the level and message", () => {
    const { lines, logger } = capture();
    logger.info({ chatId: 1 }, "answered");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, chatId: 1, msg: "answered" });
  });

  it("never writes a secret: not in the message, nested fields, arrays or errors", () => {
    const { lines, logger } = capture();
    logger.warn({ detail: { reason: `401 for https://api.example/bot${SECRET}/getMe`, tries: [SECRET] } }, `failed with ${SECRET}`);
    logger.error({ err: new Error(`request to /bot${SECRET}/sendMessage failed`) }, "send failed");
    logger.info({ config: { TELEGRAM_BOT_TOKEN: SECRET }, token: "other" }, "started");
    const text = lines.join("");
    expect(text).not.toContain(SECRET);
    expect(text).toContain("[REDACTED]");
    expect(JSON.parse(lines[0]!).detail.reason).toBe("401 for https://api.example/bot[REDACTED]/getMe");
  });

  it("leaves values without secrets as they are", () => {
    const { lines, logger } = capture();
    logger.info({ counts: { measures: 18, units: ["市公安局"] } }, "index loaded");
    expect(JSON.parse(lines[0]!).counts).toEqual({ measures: 18, units: ["市公安局"] });
  });
});
