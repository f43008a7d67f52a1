/**
 * LLM answers streamed to Telegram, end to end: the real product process with
 * LLM_PROVIDER=openai against the stub OpenAI-compatible server, which streams
 * its scripted reply slowly enough for the bot to edit its draft a few times.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStubOpenAIServer, type ChatCompletionRequest, type StubOpenAIServer } from "../llm/stub-openai-server.js";
import { BotProcess, eventually, FAKE_TOKEN } from "./support/bot-process.js";
import { FakeTelegram, type BotMessage } from "./support/fake-telegram.js";
import { htmlProblems, visibleText } from "./support/telegram-html.js";
import { TelegramUser } from "./support/telegram-user.js";

const LLM_API_KEY = "sk-stub-key-that-must-never-be-logged";
const PLEDGE_UNITS = "市市场监管局、市文化和旅游局、泰安银保监分局";
const WRITING = "正在撰写回答";
const FLUENT =
  "纲要提出推进知识产权质押融资办理电子化，完善“政银企”对接平台。这项工作由市市场监管局、市文化和旅游局、泰安银保监分局负责；纲要未明确具体办理流程，请向上述单位咨询。该文件为征求意见稿。";

const seen = (m: BotMessage): string => (m.parseMode === "HTML" ? visibleText(m.text) : m.text);
const labels = (m: BotMessage): string[] => m.buttons.flat().map((b) => b.text);

/** The short id the prompt gave the record titled `title`, e.g. `M2`. */
function idOf(request: ChatCompletionRequest, title: string): string {
  const user = String(request.messages?.at(-1)?.content ?? "");
  const match = new RegExp(`\\[(M\\d+)\\]\\n文件：[^\\n]*\\n位置：[^\\n]*\\n标题：${title}\\n`).exec(user);
  if (!match) throw new Error(`the prompt holds no record titled ${title}`);
  return match[1]!;
}

/** A reply citing the record titled `title`, streamed in pieces of 8 characters every 150 ms (about 3 s in all). */
const slowlyCiting = (title: string, answer: string) => ({
  content: (request: ChatCompletionRequest) => JSON.stringify({ cited_ids: [idOf(request, title)], answer }),
  chunkDelayMs: 150,
});

let stub: StubOpenAIServer;
let telegram: FakeTelegram;
let bot: BotProcess;
let nextUserId = 2001;
const newUser = (name: string) => new TelegramUser(telegram, FAKE_TOKEN, nextUserId++, name);

beforeAll(async () => {
  stub = await startStubOpenAIServer();
  telegram = await FakeTelegram.start();
  bot = await BotProcess.start({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    LLM_PROVIDER: "openai",
    LLM_BASE_URL: stub.baseURL,
    LLM_MODEL: "stub-model",
    LLM_API_KEY,
    LLM_TIMEOUT_MS: "15000",
  });
  await eventually("the bot to start polling", () => bot.logged("Telegram bot polling for updates").length > 0 || !bot.alive, 90_000);
  if (!bot.alive) throw new Error(`the bot process exited:\n${bot.tail}`);
});

afterAll(async () => {
  await bot?.cleanup();
  await telegram?.stop();
  await stub?.close();
});

beforeEach(() => {
  stub.requests.length = 0;
});

describe("LLM answers streamed to Telegram", () => {
  it("shows the answer as it is written, editing one message at most once a second, then adds the verified citation", async () => {
    const user = newUser("Ivy");
    stub.script(slowlyCiting("建立知识产权运营机制", FLUENT));
    await user.say("专利质押贷款怎么办理？");

    const draft = await user.next();
    expect(seen(draft)).toContain(WRITING);
    expect(FLUENT.startsWith(seen(draft).split("\n")[0]!)).toBe(true);
    expect(draft.buttons).toEqual([]);

    const final = await user.current(draft.messageId, (m) => m.buttons.length > 0, 30_000);
    const text = seen(final);
    expect(text.split("\n")[0]).toBe("建立知识产权运营机制");
    expect(text).toContain(FLUENT);
    expect(text).toContain(`责任单位：${PLEDGE_UNITS}`);
    expect(text).not.toContain(WRITING);
    expect(labels(final)).toEqual(["🏢 找哪个部门", "📋 需要什么材料", "📄 查看原文", "🔗 相关措施", "📤 分享", "👍 有帮助", "👎 没帮助"]);
    expect(htmlProblems(final.text)).toEqual([]);

    const edits = telegram.edits.filter((e) => e.chatId === user.chatId && e.messageId === draft.messageId);
    const partial = edits.slice(0, -1);
    expect(partial.length).toBeGreaterThanOrEqual(1);
    for (const edit of partial) expect(visibleText(edit.text)).toContain(WRITING);
    // Longer and longer drafts, each a beginning of the model's text.
    const drafts = [seen(draft), ...partial.map((e) => visibleText(e.text))].map((t) => t.split("\n")[0]!);
    for (const [i, d] of drafts.entries()) {
      expect(FLUENT.startsWith(d)).toBe(true);
      if (i > 0) expect(d.length).toBeGreaterThan(drafts[i - 1]!.length);
    }
    const times = [draft.sentAt, ...edits.map((e) => e.at)];
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(900);

    expect(stub.requests[0]?.body.stream).toBe(true);
    expect(user.unread()).toEqual([]);
  });

  it("replaces the draft with the extractive answer when the model's reply fails verification", async () => {
    const user = newUser("Jack");
    stub.script(slowlyCiting("建立知识产权运营机制", "纲要提出推进知识产权质押融资办理电子化。专利质押贷款每件补贴5000元，由市市场监管局办理。"));
    await user.say("专利质押贷款怎么办理？");

    const draft = await user.next();
    expect(seen(draft)).toContain(WRITING);
    expect(seen(draft)).not.toContain("5000");
    const final = await user.current(draft.messageId, (m) => m.buttons.length > 0, 30_000);
    expect(seen(final)).toContain("积极做好商标、专利质押融资合同登记备案等相关工作");
    expect(seen(final)).toContain(`责任单位：${PLEDGE_UNITS}`);
    expect(seen(final)).not.toContain("5000");
    expect(seen(final)).not.toContain(WRITING);
    for (const edit of telegram.edits.filter((e) => e.chatId === user.chatId)) expect(edit.text).not.toContain("5000");
    expect(user.unread()).toEqual([]);
  });

  it("answers at once, without a draft, when the question is out of scope", async () => {
    const user = newUser("Kim");
    await user.say("今天泰山天气怎么样？");
    const reply = await user.next();
    expect(seen(reply)).toContain("不在本助手收录的政策范围内");
    expect(stub.requests).toHaveLength(0);
    expect(telegram.edits.filter((e) => e.chatId === user.chatId)).toEqual([]);
  });

  it("finishes an answer still being written when stopped with SIGTERM, then exits cleanly", async () => {
    const user = newUser("Leo");
    stub.script({ ...slowlyCiting("建立知识产权运营机制", FLUENT), delayMs: 1_500 });
    await user.say("专利质押贷款怎么办理？");
    await eventually("the model to be asked", () => stub.requests.length === 1);
    expect(await bot.terminate()).toBe(0);

    const [answer] = user.messages();
    expect(seen(answer!)).toContain(FLUENT);
    expect(seen(answer!)).toContain(`责任单位：${PLEDGE_UNITS}`);
    expect(labels(answer!)).toContain("👍 有帮助");
    expect(bot.logged("stopped")).toHaveLength(1);
  });

  it("never writes the bot token or the LLM API key to its logs", () => {
    const secret = FAKE_TOKEN.split(":")[1]!;
    for (const line of bot.logs) {
      expect(JSON.stringify(line)).not.toContain(secret);
      expect(JSON.stringify(line)).not.toContain(LLM_API_KEY);
    }
  });
});
