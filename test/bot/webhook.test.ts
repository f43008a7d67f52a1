/**
 * Webhook mode end to end: with WEBHOOK_URL and WEBHOOK_SECRET the product
 * process serves Telegram's webhook on PORT + 1 instead of polling, and only
 * Telegram (which sends the secret token) gets through.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotProcess, eventually, FAKE_TOKEN } from "./support/bot-process.js";
import { FakeTelegram, freePort } from "./support/fake-telegram.js";
import { visibleText } from "./support/telegram-html.js";
import { TelegramUser } from "./support/telegram-user.js";

const SECRET = "e2e-webhook-secret_0123456789";

let telegram: FakeTelegram;
let bot: BotProcess;
let webhookUrl: string;

beforeAll(async () => {
  telegram = await FakeTelegram.start();
  const port = await freePort();
  webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
  bot = await BotProcess.start({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    WEBHOOK_URL: webhookUrl,
    WEBHOOK_SECRET: SECRET,
    // The webhook server listens on the console's port plus one.
    PORT: String(port - 1),
  });
  await eventually("the webhook to be set", () => bot.logged("Telegram bot receiving updates by webhook").length > 0 || !bot.alive, 90_000);
  if (!bot.alive) throw new Error(`the bot process exited:\n${bot.tail}`);
});

afterAll(async () => {
  await bot?.cleanup();
  await telegram?.stop();
});

describe("Telegram bot in webhook mode", () => {
  it("answers updates Telegram posts to WEBHOOK_URL on PORT + 1", async () => {
    const user = new TelegramUser(telegram, FAKE_TOKEN, 3001, "Lena");
    await user.say("专利质押贷款怎么办理？");
    const answer = visibleText((await user.next()).text);
    expect(answer.split("\n")[0]).toBe("建立知识产权运营机制");
    expect(answer).toContain("责任单位：市市场监管局、市文化和旅游局、泰安银保监分局");
    expect(bot.logged("Telegram bot receiving updates by webhook")[0]).toMatchObject({ path: "/telegram/webhook" });
  });

  it("refuses requests without Telegram's secret token, and anything but POST to its path", async () => {
    const update = JSON.stringify({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 1, type: "private" }, text: "hi" } });
    const post = (url: string, headers: Record<string, string> = {}) => fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: update });
    expect((await post(webhookUrl)).status).toBe(401);
    expect((await post(webhookUrl, { "x-telegram-bot-api-secret-token": "wrong-secret-0123456789" })).status).toBe(401);
    expect((await post(new URL("/elsewhere", webhookUrl).href, { "x-telegram-bot-api-secret-token": SECRET })).status).toBe(404);
    expect((await fetch(webhookUrl)).status).toBe(404);
    expect(bot.alive).toBe(true);
  });

  it("refuses malformed update bodies with 400 and oversized ones with 413, and keeps answering", async () => {
    const post = (body: string) => fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body });
    for (const body of ["", "null", '{"update_id": 5, "message": {', "[]", '"text"', '{"message": {}}']) {
      expect((await post(body)).status, `body ${JSON.stringify(body)}`).toBe(400);
    }
    const huge = " ".repeat(3 * 1024 * 1024);
    expect((await post(huge)).status).toBe(413);
    expect(bot.alive).toBe(true);
    const user = new TelegramUser(telegram, FAKE_TOKEN, 3002, "Mia");
    await user.say("商标注册有补贴吗？");
    expect(visibleText((await user.next()).text)).toContain("责任单位");
  });

  it("stops cleanly on SIGTERM and never logs the token or the secret", async () => {
    expect(await bot.terminate()).toBe(0);
    expect(bot.logged("Telegram bot stopped")).toHaveLength(1);
    for (const line of bot.logs) {
      expect(JSON.stringify(line)).not.toContain(FAKE_TOKEN.split(":")[1]);
      expect(JSON.stringify(line)).not.toContain(SECRET);
    }
  });
});
