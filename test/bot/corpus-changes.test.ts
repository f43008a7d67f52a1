/**
 * An admin's document sent while a /reload is still indexing, end to end:
 * the real product process (embeddings from a stub server that the test can
 * stall), telegram-test-api, and an admin in a private chat. The bot reports
 * the document added only once it is indexed, so it answers right away.
 */
import { copyFile, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers/paths.js";
import { startStubEmbeddings, type StubEmbeddings } from "../helpers/stub-embeddings-server.js";
import { BotProcess, eventually, FAKE_TOKEN } from "./support/bot-process.js";
import { FakeTelegram, type BotMessage } from "./support/fake-telegram.js";
import { visibleText } from "./support/telegram-html.js";
import { TelegramUser } from "./support/telegram-user.js";

const ADMIN_ID = 9101;
const seen = (m: BotMessage): string => (m.parseMode === "HTML" ? visibleText(m.text) : m.text);

let stub: StubEmbeddings;
let telegram: FakeTelegram;
let bot: BotProcess;

beforeAll(async () => {
  stub = await startStubEmbeddings(64);
  telegram = await FakeTelegram.start();
  bot = await BotProcess.start({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ADMIN_USER_IDS: String(ADMIN_ID),
    EMBEDDINGS_PROVIDER: "openai",
    EMBEDDINGS_BASE_URL: stub.url,
    EMBEDDINGS_MODEL: "stub",
    EMBEDDINGS_DIMENSION: "64",
  });
  await eventually("the bot to start polling", () => bot.logged("Telegram bot polling for updates").length > 0 || !bot.alive, 90_000);
  if (!bot.alive) throw new Error(`the bot process exited:\n${bot.tail}`);
});

afterAll(async () => {
  await bot?.cleanup();
  await telegram?.stop();
  await stub?.close();
});

describe("an admin changing the corpus twice at once", () => {
  it("adds a document sent during a /reload only once it is indexed, and answers from it right after", async () => {
    const boss = new TelegramUser(telegram, FAKE_TOKEN, ADMIN_ID, "管理员");
    // A file dropped into the folder gives the reload something to embed; the stalled server keeps it running.
    await copyFile(path.join(FIXTURES, "trademark.md"), path.join(bot.dir, "corpus", "trademark.md"));
    const release = stub.hold();
    await boss.say("/reload");
    const reloadProgress = await boss.next();
    expect(seen(reloadProgress)).toContain("正在从政策库目录重建索引");
    await eventually("the reload to wait on the embeddings server", () => stub.held > 0, 30_000);

    const bytes = await readFile(path.join(FIXTURES, "subsidy.docx"));
    await boss.sendWithout({ document: { ...telegram.addFile(bytes, ".docx"), file_name: "subsidy.docx" } });
    const addProgress = await boss.next((m) => seen(m).includes("正在添加《subsidy.docx》"));
    await boss.current(addProgress.messageId, (m) => seen(m).includes("正在加入政策库并重建索引"), 30_000);
    release();

    const reloaded = await boss.next((m) => seen(m).startsWith("✅ 索引已重建"), 60_000);
    expect(seen(reloaded)).toMatch(/文件 2 个/);
    const added = await boss.next((m) => seen(m).startsWith("✅ 已加入政策库并完成索引"), 60_000);
    expect(seen(added)).toMatch(/文件 3 个/);

    await boss.say("发明专利授权资助标准是什么？");
    const answer = seen(await boss.next());
    expect(answer).toContain("《泰安市专利资助办法（测试样例）》");
    expect(answer).toContain("每件资助5000元");
  });
});
