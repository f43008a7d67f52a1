/**
 * Conversations survive a restart of the bot process: the previous turn of a
 * chat, of each answer in a group, and of a question back, is kept in the database. One
 * telegram-test-api serves two runs of the real product process over the
 * same data folder.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotProcess, eventually, FAKE_TOKEN } from "./support/bot-process.js";
import { FakeTelegram, type BotMessage } from "./support/fake-telegram.js";
import { visibleText } from "./support/telegram-html.js";
import { TelegramUser } from "./support/telegram-user.js";
import { CLOSE_CALL } from "../helpers/close-call.js";

const PLEDGE = "建立知识产权运营机制";
const MEDIATION = "加强知识产权纠纷调处";
const seen = (m: BotMessage): string => (m.parseMode === "HTML" ? visibleText(m.text) : m.text);

let telegram: FakeTelegram;
let bot: BotProcess | undefined;
const env = () => ({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot });

async function startBot(reuse?: string): Promise<BotProcess> {
  const started = await BotProcess.start(env(), reuse);
  await eventually("the bot to start polling", () => started.logged("Telegram bot polling for updates").length > 0 || !started.alive, 90_000);
  if (!started.alive) throw new Error(`the bot process exited:\n${started.tail}`);
  return started;
}

beforeAll(async () => {
  telegram = await FakeTelegram.start();
  bot = await startBot();
});

afterAll(async () => {
  await bot?.cleanup();
  await telegram?.stop();
});

describe("conversations across a restart of the bot process", () => {
  it("answers a follow-up and a tap on a question back after a restart with the measure asked about before it", async () => {
    const sam = new TelegramUser(telegram, FAKE_TOKEN, 2001, "Sam");
    const group = { id: -100321, type: "supergroup" as const, title: "企业服务群" };
    const tess = new TelegramUser(telegram, FAKE_TOKEN, 2002, "Tess", group);

    await sam.say("专利质押贷款怎么办理？");
    expect(seen(await sam.next()).split("\n")[0]).toBe(PLEDGE);
    await tess.say("/ask 专利质押贷款怎么办理？");
    const pledge = await tess.next();
    await tess.say("/ask 知识产权纠纷调解找谁？");
    expect(seen(await tess.next())).toContain(MEDIATION);
    const uma = new TelegramUser(telegram, FAKE_TOKEN, 2003, "Uma");
    await uma.say(CLOSE_CALL);
    const askedBack = await uma.next();
    expect(seen(askedBack)).toContain("您是想问");

    expect(await bot!.terminate()).toBe(0);
    const dir = bot!.dir;
    await bot!.cleanup({ keepFolder: true });
    bot = await startBot(dir);

    await sam.say("那找哪个部门？");
    const followUp = seen(await sam.next());
    expect(followUp).toContain(PLEDGE);
    expect(followUp).toContain("泰安银保监分局");

    // In the group, a follow-up continues the group's latest answer; a reply to the older answer continues that one.
    await tess.say("@TestNameBot 那找哪个部门？", { entities: [{ type: "mention", offset: 0, length: 12 }] });
    expect(seen(await tess.next())).toContain(MEDIATION);
    const replyTo = { message_id: pledge.messageId, date: 1, chat: { ...group }, from: { id: 666, is_bot: true, first_name: "Bot", username: "TestNameBot" }, text: pledge.text };
    await tess.say("那找哪个部门？", { reply_to_message: replyTo });
    const groupFollowUp = seen(await tess.next());
    expect(groupFollowUp).toContain(PLEDGE);
    expect(groupFollowUp).not.toContain(MEDIATION);

    // A question back asked before the restart is answered from the measure tapped after it.
    const second = askedBack.buttons.flat()[1]!.text.replace(/^\d\. /, "");
    await uma.toast(await uma.press(askedBack, "2. "));
    expect(seen(await uma.next()).split("\n")[0]).toBe(second);
  });
});
