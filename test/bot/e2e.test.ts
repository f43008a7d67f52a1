/**
 * The Telegram bot end to end: telegram-test-api on 127.0.0.1 (fronted by
 * FakeTelegram), the real product process started the way `npm start` starts
 * it, and users talking to it. Assertions are on what a user sees: message
 * text as Telegram renders it, buttons, and the toasts of tapped buttons.
 *
 * One process serves the whole file and the tests run in order: the 👍 given
 * early shows up in /stats, and the document an admin adds is in the outline
 * browsed afterwards. Each user has an id of their own, so that the rate limit
 * of one never touches another.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers/paths.js";
import { BotProcess, eventually, FAKE_TOKEN } from "./support/bot-process.js";
import { FakeTelegram, type BotMessage } from "./support/fake-telegram.js";
import { htmlProblems, visibleText } from "./support/telegram-html.js";
import { TelegramUser } from "./support/telegram-user.js";
import { CLOSE_CALL } from "../helpers/close-call.js";

const ADMIN_ID = 9001;
const RATE_LIMIT = 10;
const OUTLINE_TITLE = "泰安市知识产权强市建设纲要（征求意见稿）";
const PLEDGE_UNITS = ["市市场监管局", "市文化和旅游局", "泰安银保监分局"];
const ADMIN_ONLY = "抱歉，这个操作仅限管理员使用。";
const SEND_TEXT = "我只能回答文字问题";

/** What Telegram shows for a message: HTML rendered, plain text as is. */
const seen = (m: BotMessage): string => (m.parseMode === "HTML" ? visibleText(m.text) : m.text);
const labels = (m: BotMessage): string[] => m.buttons.flat().map((b) => b.text);

let telegram: FakeTelegram;
let bot: BotProcess;
let nextUserId = 1001;
const newUser = (name: string) => new TelegramUser(telegram, FAKE_TOKEN, nextUserId++, name);
let adminUser: TelegramUser | undefined;
const admin = () => (adminUser ??= new TelegramUser(telegram, FAKE_TOKEN, ADMIN_ID, "管理员"));

beforeAll(async () => {
  telegram = await FakeTelegram.start();
  bot = await BotProcess.start({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ADMIN_USER_IDS: String(ADMIN_ID),
    BOT_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
  });
  await eventually("the bot to start polling", () => bot.logged("Telegram bot polling for updates").length > 0 || !bot.alive, 90_000);
  if (!bot.alive) throw new Error(`the bot process exited:\n${bot.tail}`);
});

afterAll(async () => {
  await bot?.cleanup();
  await telegram?.stop();
});

describe("an enterprise asking the bot", () => {
  // One conversation: each step builds on the previous one.
  let alice: TelegramUser;
  let pledgeAnswer: BotMessage;
  beforeAll(() => {
    alice = newUser("Alice");
  });

  it("greets on /start with the documents it knows and example questions as tappable buttons", async () => {
    await alice.say("/start");
    const greeting = await alice.next();
    expect(seen(greeting)).toContain(`《${OUTLINE_TITLE}》`);
    expect(seen(greeting)).toContain("征求意见稿，内容以正式印发文件为准");
    const examples = labels(greeting).filter((l) => l.startsWith("💬"));
    expect(examples.length).toBeGreaterThanOrEqual(3);

    const toast = await alice.toast(await alice.press(greeting, examples[0]!));
    expect(toast).toBe("");
    const answer = await alice.next();
    expect(seen(answer)).toContain("责任单位：");
    expect(labels(answer)).toEqual(expect.arrayContaining(["📄 查看原文", "👍 有帮助"]));
  });

  it("cites 建立知识产权运营机制 and 泰安银保监分局 for 专利质押贷款", async () => {
    await alice.say("专利质押贷款怎么办理？");
    pledgeAnswer = await alice.next();
    const text = seen(pledgeAnswer);
    expect(text.split("\n")[0]).toBe("建立知识产权运营机制");
    expect(text).toContain(`《${OUTLINE_TITLE}》`);
    expect(text).toContain(`责任单位：${PLEDGE_UNITS.join("、")}`);
    expect(pledgeAnswer.text).toContain("<b>建立知识产权运营机制</b>");
    // 责任单位 in bold on a line of its own.
    expect(pledgeAnswer.text.split("\n")).toContain(`<b>责任单位：${PLEDGE_UNITS.join("、")}</b>`);
    expect(labels(pledgeAnswer)).toEqual(["🏢 找哪个部门", "📋 需要什么材料", "📄 查看原文", "🔗 相关措施", "📤 分享", "👍 有帮助", "👎 没帮助"]);
    expect(telegram.chatActions).toContainEqual({ chatId: alice.chatId, action: "typing" });
    // Without an LLM nothing streams: the answer is one message, never edited.
    expect(telegram.edits.filter((e) => e.messageId === pledgeAnswer.messageId)).toEqual([]);
  });

  it("answers the follow-up 那找哪个部门？ with the units of the same measure, each named once, in bold", async () => {
    await alice.say("那找哪个部门？");
    const whoHandles = await alice.next();
    const text = seen(whoHandles);
    expect(text).toContain("建立知识产权运营机制");
    for (const unit of PLEDGE_UNITS) expect(text.split(unit), unit).toHaveLength(2);
    expect(whoHandles.text.split("\n")).toContain(`<b>责任单位：${PLEDGE_UNITS.join("、")}</b>`);
    // A who-handles answer does not offer 🏢 找哪个部门 again.
    expect(labels(whoHandles)).not.toContain("🏢 找哪个部门");
  });

  it("names each unit once in a who-handles question asked outright", async () => {
    await alice.say("知识产权纠纷调解找谁？");
    const answer = await alice.next();
    const units = ["市市场监管局", "市公安局", "市司法局", "泰安仲裁办", "市中级人民法院"];
    for (const unit of units) expect(seen(answer).split(unit), unit).toHaveLength(2);
    expect(answer.text.split("\n")).toContain(`<b>责任单位：${units.join("、")}</b>`);
  });

  it("shows the measure's full text on 查看原文", async () => {
    await alice.toast(await alice.press(pledgeAnswer, "查看原文"));
    const source = await alice.next();
    const text = seen(source);
    expect(text.split("\n")[0]).toBe("建立知识产权运营机制");
    expect(text).toContain("积极做好商标、专利质押融资合同登记备案等相关工作");
    expect(text).toContain(`责任单位：${PLEDGE_UNITS.join("、")}`);
    expect(labels(source)).toEqual(["🔗 相关措施"]);
  });

  it("thanks for 👍 and takes the feedback buttons away", async () => {
    const toast = await alice.toast(await alice.press(pledgeAnswer, "👍"));
    expect(toast).toBe("感谢反馈！");
    const updated = await alice.current(pledgeAnswer.messageId, (m) => !labels(m).some((l) => l.includes("👍")));
    expect(labels(updated)).toEqual(["🏢 找哪个部门", "📋 需要什么材料", "📄 查看原文", "🔗 相关措施", "📤 分享"]);
  });

  it("escapes markup a user sends: <b>x</b><script> arrives as text", async () => {
    // A user of their own: right after a question, the engine would take it for a follow-up.
    const mallory = newUser("Mallory");
    await mallory.say("<b>x</b><script>");
    const reply = await mallory.next();
    expect(reply.parseMode).toBe("HTML");
    expect(reply.text).toContain("&lt;b&gt;x&lt;/b&gt;&lt;script&gt;");
    expect(reply.text).not.toContain("<script>");
    expect(seen(reply)).toContain("您问：<b>x</b><script>");

    await mallory.say("/unit <b>x</b>&amp;");
    expect(seen(await mallory.next())).toContain("没有找到责任单位「<b>x</b>&amp;」");
  });

  it("in a group answers /ask and mentions, and stays out of the group's own conversation", async () => {
    const group = { id: -100123, type: "supergroup" as const, title: "企业服务群" };
    const erin = new TelegramUser(telegram, FAKE_TOKEN, nextUserId++, "Erin", group);
    await erin.say("大家好，今天开会吗？");
    await erin.say("/ask 专利质押贷款怎么办理？");
    const answer = await erin.next();
    expect(seen(answer).split("\n")[0]).toBe("建立知识产权运营机制");

    await erin.say("@TestNameBot 知识产权纠纷调解找谁？", { entities: [{ type: "mention", offset: 0, length: 12 }] });
    expect(seen(await erin.next())).toContain("责任单位：");
    expect(erin.unread()).toEqual([]);
  });
});

describe("a bot that feels finished", () => {
  const group = { id: -100456, type: "supergroup" as const, title: "园区企业群" };
  const mentionOf = (text: string) => ({ entities: [{ type: "mention", offset: text.indexOf("@TestNameBot"), length: 12 }] });
  /** The deep link inside the 📤 分享 button of a message. */
  const shareLinkOf = (m: BotMessage): string => {
    const url = m.buttons.flat().find((b) => b.text === "📤 分享")?.url;
    if (!url) throw new Error(`no share button on: ${m.text.slice(0, 60)}`);
    return new URL(url).searchParams.get("url")!;
  };

  it("sets its description, short description and a command menu per scope at start", async () => {
    const call = (method: string, scope?: Record<string, unknown>) =>
      telegram.calls.find((c) => c.method === method && (!scope || JSON.stringify(c.params.scope) === JSON.stringify(scope)));
    await eventually("the profile to be set", () => bot.logged("bot profile and command menus set").length > 0);
    expect(String(call("setMyDescription")?.params.description)).toContain(`《${OUTLINE_TITLE}》`);
    expect(String(call("setMyShortDescription")?.params.short_description)).toContain("责任单位");
    const commands = (scope: Record<string, unknown>) => ((call("setMyCommands", scope)?.params.commands ?? []) as { command: string }[]).map((c) => c.command);
    const everyone = commands({ type: "all_private_chats" });
    expect(everyone).toEqual(expect.arrayContaining(["start", "help", "outline", "units", "unit", "reset"]));
    expect(everyone).not.toContain("reload");
    const groups = commands({ type: "all_group_chats" });
    expect(groups).toContain("ask");
    expect(groups).not.toContain("stats");
    expect(commands({ type: "chat", chat_id: ADMIN_ID })).toEqual(expect.arrayContaining(["reload", "stats", "reset"]));
  });

  it("asks a tapped follow-up about the answer it is under, even after another question", async () => {
    const ivy = newUser("Ivy");
    await ivy.say("专利质押贷款怎么办理？");
    const pledge = await ivy.next();
    await ivy.say("知识产权纠纷调解找谁？");
    expect(seen(await ivy.next())).toContain("加强知识产权纠纷调处");
    await ivy.toast(await ivy.press(pledge, "找哪个部门"));
    const followUp = seen(await ivy.next());
    expect(followUp).toContain("建立知识产权运营机制");
    for (const unit of PLEDGE_UNITS) expect(followUp).toContain(unit);
    await ivy.toast(await ivy.press(pledge, "需要什么材料"));
    expect(seen(await ivy.next())).toContain("建立知识产权运营机制");
  });

  it("offers a refusal's examples as buttons that ask them, and no 👍/👎 under a refusal", async () => {
    const jack = newUser("Jack");
    await jack.say("今天天气怎么样？");
    const refusal = await jack.next();
    expect(seen(refusal)).toContain("不在本助手收录的政策范围内");
    expect(labels(refusal).some((l) => l.includes("👍") || l.includes("👎"))).toBe(false);
    const examples = labels(refusal).filter((l) => l.startsWith("💬"));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    await jack.toast(await jack.press(refusal, examples[0]!));
    const answer = await jack.next();
    expect(seen(answer)).toContain("责任单位：");
    expect(labels(answer)).toContain("👍 有帮助");
  });

  it("asks back 您是想问 with the close measures as buttons, and answers the question from the one tapped or typed", async () => {
    const vera = newUser("Vera");
    await vera.say(CLOSE_CALL);
    const asked = await vera.next();
    expect(seen(asked)).toContain("您是想问");
    const choices = labels(asked);
    expect(choices.length).toBeGreaterThanOrEqual(2);
    expect(choices.length).toBeLessThanOrEqual(3);
    choices.forEach((label, i) => expect(label.startsWith(`${i + 1}. `), label).toBe(true));
    // No 👍/👎 on a question back, and the question is not in the buttons: they name only a place among the choices.
    for (const b of asked.buttons.flat()) expect(b.data).toMatch(/^c\|\d$/);
    const titles = choices.map((l) => l.replace(/^\d\. /, ""));
    for (const title of titles) expect(seen(asked)).toContain(`「${title}」`);

    expect(await vera.toast(await vera.press(asked, "2. "))).toBe("");
    const picked = await vera.next();
    expect(seen(picked).split("\n")[0]).toBe(titles[1]);
    expect(seen(picked)).toContain("责任单位：");
    expect(labels(picked)).toContain("👍 有帮助");
    // The pick is the conversation's turn now: a follow-up continues it.
    await vera.say("那找哪个部门？");
    expect(seen(await vera.next()).split("\n")[0]).toBe(titles[1]);

    // A tap on the first choice later still answers from it; a typed 「1」 right after a question back does too.
    await vera.toast(await vera.press(asked, "1. "));
    expect(seen(await vera.next()).split("\n")[0]).toBe(titles[0]);
    await vera.say(CLOSE_CALL);
    await vera.next((m) => seen(m).includes("您是想问"));
    await vera.say("1");
    expect(seen(await vera.next()).split("\n")[0]).toBe(titles[0]);
  });

  it("says a question back is gone once /reset has forgotten it", async () => {
    const walt = newUser("Walt");
    await walt.say(CLOSE_CALL);
    const asked = await walt.next();
    await walt.say("/reset");
    await walt.next();
    expect(await walt.toast(await walt.press(asked, "1. "))).toBe("这个问题已过期或已开始新话题，请重新提问。");
    await walt.say("/help");
    await walt.next((m) => seen(m).includes("怎么用"));
    expect(walt.unread()).toEqual([]);
  });

  it("answers a flood of the same message once, without a rate-limit notice", async () => {
    const kate = newUser("Kate");
    for (let i = 0; i < 12; i++) await kate.say("专利质押贷款怎么办理？");
    await eventually("the repeats to be dropped", () => bot.logged("repeated message ignored").filter((l) => l.userId === kate.id).length >= 11);
    await kate.say("/help");
    await kate.next((m) => seen(m).includes("怎么用"));
    const replies = kate.messages();
    expect(replies.filter((m) => seen(m).includes("建立知识产权运营机制"))).toHaveLength(1);
    expect(replies.filter((m) => seen(m).startsWith("您发送得太快了"))).toEqual([]);

    // In a group, someone else asking the same right after is answered too: the flood is one sender's.
    const chat = { id: -100654, type: "supergroup" as const, title: "商会群" };
    const first = new TelegramUser(telegram, FAKE_TOKEN, nextUserId++, "Xia", chat);
    const second = new TelegramUser(telegram, FAKE_TOKEN, nextUserId++, "Yan", chat);
    await first.say("/ask 专利质押贷款怎么办理？");
    await first.next();
    await second.say("/ask 专利质押贷款怎么办理？");
    await eventually("both to be answered", () => second.messages().filter((m) => seen(m).startsWith("建立知识产权运营机制")).length === 2);
  });

  it("prompts a bare @mention in a group with what to ask, and answers a photo's caption as a question", async () => {
    const leo = new TelegramUser(telegram, FAKE_TOKEN, nextUserId++, "Leo", group);
    await leo.say("@TestNameBot", mentionOf("@TestNameBot"));
    const prompt = await leo.next();
    expect(seen(prompt)).toContain("请在 @TestNameBot 后面写上您的问题");
    expect(prompt.replyTo).toBeDefined();
    const examples = labels(prompt).filter((l) => l.startsWith("💬"));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    await leo.toast(await leo.press(prompt, examples[0]!));
    expect(seen(await leo.next())).toContain("责任单位：");

    const caption = "@TestNameBot 专利质押贷款怎么办理？";
    await leo.sendWithout({ photo: [{ file_id: "photo-2", file_unique_id: "p2", width: 90, height: 90 }], caption, caption_entities: mentionOf(caption).entities });
    expect(seen(await leo.next()).split("\n")[0]).toBe("建立知识产权运营机制");
    // A photo the group shares without addressing the bot is left alone.
    await leo.sendWithout({ photo: [{ file_id: "photo-3", file_unique_id: "p3", width: 90, height: 90 }], caption: "园区活动照片" });

    const mia = newUser("Mia");
    await mia.sendWithout({ photo: [{ file_id: "photo-4", file_unique_id: "p4", width: 90, height: 90 }], caption: "知识产权纠纷调解找谁？" });
    expect(seen(await mia.next())).toContain("加强知识产权纠纷调处");
    await leo.say("/help");
    await leo.next((m) => seen(m).includes("怎么用"));
    expect(leo.unread()).toEqual([]);
  });

  it("tells an admin who drops a document in a group to send it privately", async () => {
    const boss = new TelegramUser(telegram, FAKE_TOKEN, ADMIN_ID, "管理员", { id: -100457, type: "supergroup", title: "管理员工作群" });
    const bytes = await readFile(path.join(FIXTURES, "subsidy.docx"));
    await boss.sendWithout({ document: { ...telegram.addFile(bytes, ".docx"), file_name: "subsidy.docx" } });
    const reply = await boss.next();
    expect(seen(reply)).toContain("请在与我的私聊中发送");
    expect(reply.buttons.flat().find((b) => b.text === "💬 私聊发送")?.url).toBe("https://t.me/TestNameBot");
  });

  it("carries a share link on answers that opens the measure with /start", async () => {
    const nina = newUser("Nina");
    await nina.say("专利质押贷款怎么办理？");
    const link = shareLinkOf(await nina.next());
    const match = /^https:\/\/t\.me\/TestNameBot\?start=([A-Za-z0-9_-]{1,64})$/.exec(link);
    expect(match, link).not.toBeNull();

    const otto = newUser("Otto");
    await otto.say(`/start ${match![1]}`);
    const opened = await otto.next();
    expect(seen(opened).split("\n")[0]).toBe("建立知识产权运营机制");
    expect(seen(opened)).toContain("积极做好商标、专利质押融资合同登记备案等相关工作");
    expect(labels(opened)).toEqual(["🔗 相关措施", "📤 分享"]);

    await otto.say("/start mbm8tc3VjaA");
    expect(seen(await otto.next())).toContain("已不在当前政策库中");
    expect(seen(await otto.next())).toContain(`《${OUTLINE_TITLE}》`);
  });

  it("answers an inline query with measure cards", async () => {
    const from = { id: nextUserId++, is_bot: false, first_name: "Pat" };
    telegram.inject({ inline_query: { id: "iq-1", from, query: "专利质押贷款怎么办理", offset: "" } });
    const call = await eventually("the inline answer", () => telegram.calls.find((c) => c.method === "answerInlineQuery" && c.params.inline_query_id === "iq-1"));
    const results = call.params.results as { title: string; input_message_content: { message_text: string; parse_mode: string } }[];
    expect(results[0]!.title).toBe("建立知识产权运营机制");
    const card = results[0]!.input_message_content;
    expect(card.parse_mode).toBe("HTML");
    expect(htmlProblems(card.message_text)).toEqual([]);
    expect(card.message_text).toContain(`<b>责任单位：${PLEDGE_UNITS.join("、")}</b>`);

    telegram.inject({ inline_query: { id: "iq-2", from, query: "今天天气怎么样", offset: "" } });
    const refused = await eventually("the second inline answer", () => telegram.calls.find((c) => c.method === "answerInlineQuery" && c.params.inline_query_id === "iq-2"));
    expect(refused.params.results).toEqual([]);
    expect((refused.params.button as { text: string }).text).toContain("私聊提问");

    // A question the engine would ask back about offers each of its measures as a card.
    telegram.inject({ inline_query: { id: "iq-3", from, query: CLOSE_CALL, offset: "" } });
    const close = await eventually("the third inline answer", () => telegram.calls.find((c) => c.method === "answerInlineQuery" && c.params.inline_query_id === "iq-3"));
    const closeCards = close.params.results as { title: string }[];
    expect(closeCards.length).toBeGreaterThanOrEqual(2);
    expect(new Set(closeCards.map((c) => c.title)).size).toBe(closeCards.length);
  });

  it("lists a unit's measures with a full-text button for each, the document named once", async () => {
    const uma = newUser("Uma");
    await uma.say("市公安局负责哪些知识产权工作？");
    const listing = await uma.next();
    const items = seen(listing)
      .split("\n")
      .filter((l) => /^\d+\. /.test(l));
    expect(items.length).toBeGreaterThan(1);
    expect(seen(listing).split(`《${OUTLINE_TITLE}》`)).toHaveLength(3); // the heading of the list and the draft note
    const fullText = labels(listing).filter((l) => l.startsWith("📄 "));
    expect(fullText).toHaveLength(items.length);
    await uma.toast(await uma.press(listing, fullText[0]!));
    expect(seen(await uma.next())).toContain("市公安局");
  });

  it("forgets the previous turn on /reset: a follow-up then gets 您指的是哪项政策？ with questions to tap", async () => {
    const quinn = newUser("Quinn");
    await quinn.say("专利质押贷款怎么办理？");
    await quinn.next();
    await quinn.say("/reset");
    expect(seen(await quinn.next())).toContain("已开始新话题");
    await quinn.say("那找哪个部门？");
    const which = await quinn.next();
    expect(seen(which)).not.toContain("建立知识产权运营机制");
    expect(seen(which)).toContain("您指的是哪项政策？");
    expect(seen(which)).not.toContain("不在本助手收录的政策范围内");
    expect(labels(which).some((l) => l.includes("👍"))).toBe(false);
    const examples = labels(which).filter((l) => l.startsWith("💬"));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    await quinn.toast(await quinn.press(which, examples[0]!));
    expect(seen(await quinn.next())).toContain("责任单位：");
  });

  it("asks 您指的是哪项政策？ when a first message is a follow-up, in a private chat and in a group", async () => {
    const ruth = newUser("Ruth");
    await ruth.say("办理需要什么材料？");
    expect(seen(await ruth.next())).toContain("您指的是哪项政策？");
    const sid = new TelegramUser(telegram, FAKE_TOKEN, nextUserId++, "Sid", { id: -100987, type: "supergroup", title: "新群" });
    await sid.say("/ask 那找哪个部门？");
    expect(seen(await sid.next())).toContain("您指的是哪项政策？");
  });

  it("in a group resolves a reply to an older answer against that answer, not the chat's latest", async () => {
    const rita = new TelegramUser(telegram, FAKE_TOKEN, nextUserId++, "Rita", { id: -100789, type: "supergroup", title: "协会群" });
    await rita.say("/ask 专利质押贷款怎么办理？");
    const pledge = await rita.next();
    await rita.say("/ask 知识产权纠纷调解找谁？");
    expect(seen(await rita.next())).toContain("加强知识产权纠纷调处");
    const replyTo = {
      message_id: pledge.messageId,
      date: 1,
      chat: { id: rita.chatId, type: "supergroup", title: "协会群" },
      from: { id: 666, is_bot: true, first_name: "Bot", username: "TestNameBot" },
      text: pledge.text,
    };
    await rita.say("那找哪个部门？", { reply_to_message: replyTo });
    const followUp = seen(await rita.next());
    expect(followUp).toContain("建立知识产权运营机制");
    expect(followUp).not.toContain("加强知识产权纠纷调处");
  });
});

describe("admins refreshing the corpus from the chat", () => {
  it("refuses /reload from a user who is not an admin", async () => {
    const bob = newUser("Bob");
    await bob.say("/reload");
    expect(seen(await bob.next())).toContain(ADMIN_ONLY);
    expect(bot.logged("admin action refused for a non-admin")).toContainEqual(expect.objectContaining({ userId: bob.id, action: "/reload" }));
  });

  it("refuses a document from a user who is not an admin", async () => {
    const bob = newUser("Bob");
    const bytes = await readFile(path.join(FIXTURES, "subsidy.docx"));
    await bob.sendWithout({ document: { ...telegram.addFile(bytes, ".docx"), file_name: "subsidy.docx" } });
    expect(seen(await bob.next())).toContain(ADMIN_ONLY);
  });

  it("rebuilds the index on an admin's /reload, reporting progress in one edited message", async () => {
    const boss = admin();
    await boss.say("/reload");
    const progress = await boss.next();
    expect(seen(progress)).toContain("正在从政策库目录重建索引");
    await boss.current(progress.messageId, (m) => seen(m) === "✅ 索引已重建。", 60_000);
    const summary = await boss.next((m) => seen(m).startsWith("✅ 索引已重建"), 60_000);
    expect(seen(summary)).toMatch(/文件 1 个，可引用条目 \d+ 条/);
  });

  it("refuses a broken .docx from an admin and leaves the corpus as it was", async () => {
    const boss = admin();
    const bytes = await readFile(path.join(FIXTURES, "broken.docx"));
    await boss.sendWithout({ document: { ...telegram.addFile(bytes, ".docx"), file_name: "新办法.docx" } });
    const refusal = await boss.next((m) => seen(m).startsWith("❌ 添加文件"), 30_000);
    expect(seen(refusal)).toContain("《新办法.docx》");
    expect(seen(refusal)).toContain("文件无法读取");
    expect(seen(refusal)).toContain("政策库没有任何改动");
    // Chinese only: the parser's English detail goes to the log.
    expect(seen(refusal).replace("新办法.docx", "")).not.toMatch(/[A-Za-z]{3,}/);
    expect(bot.logged("uploaded document refused")).toContainEqual(expect.objectContaining({ code: "bad_document", file: "新办法.docx" }));
  });

  it("refuses a file with no text in Chinese only, the parser's English detail kept for the log", async () => {
    const boss = admin();
    const bytes = await readFile(path.join(FIXTURES, "empty.txt"));
    await boss.sendWithout({ document: { ...telegram.addFile(bytes, ".txt"), file_name: "空白.txt" } });
    const refusal = await boss.next((m) => seen(m).startsWith("❌ 添加文件"), 30_000);
    expect(seen(refusal)).toContain("《空白.txt》");
    expect(seen(refusal)).toContain("政策库没有任何改动");
    expect(seen(refusal)).not.toContain("详情");
    expect(seen(refusal).replace("空白.txt", "")).not.toMatch(/[A-Za-z]{3,}/);
    expect(bot.logged("uploaded document refused")).toContainEqual(expect.objectContaining({ file: "空白.txt", detail: expect.stringContaining("no text") }));
  });

  it("adds an admin's .docx to the corpus and then answers from it", async () => {
    const boss = admin();
    const bytes = await readFile(path.join(FIXTURES, "subsidy.docx"));
    await boss.sendWithout({
      document: { ...telegram.addFile(bytes, ".docx"), file_name: "subsidy.docx", mime_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    });
    const progress = await boss.next();
    expect(seen(progress)).toContain("正在添加《subsidy.docx》");
    const added = await boss.next((m) => seen(m).startsWith("✅ 已加入政策库并完成索引"), 60_000);
    expect(seen(added)).toContain("《泰安市专利资助办法（测试样例）》");
    expect(seen(added)).toContain("章节 3 个：一、总则、二、资助措施、三、附则");
    expect(seen(added)).toContain("注明责任单位的措施 1 项，表格 1 个，责任单位 2 个");
    // （一）资助目的 and （二）资助对象 name no units: listed apart, not counted as measures.
    expect(seen(added)).toContain("另有 2 条未注明责任单位的条目（如「资助目的」「资助对象」），未计入措施");
    expect(seen(added)).toContain("• 专利授权资助");
    expect(seen(added)).not.toContain("• 资助目的");
    expect(seen(added)).toContain("市财政局");
    await boss.current(progress.messageId, (m) => seen(m) === "✅ 已添加《subsidy.docx》。");
    // The description names the documents, so it is set again.
    await eventually("the description to name the new document", () =>
      String(telegram.calls.filter((c) => c.method === "setMyDescription").at(-1)?.params.description).includes("《泰安市专利资助办法（测试样例）》"),
    );

    await boss.say("发明专利授权资助标准是什么？");
    const answer = seen(await boss.next());
    expect(answer.split("\n")[1]).toContain("《泰安市专利资助办法（测试样例）》");
    expect(answer).toContain("每件资助5000元");
  });

  it("shows usage statistics with the feedback given to an admin's /stats, and refuses them to others", async () => {
    const boss = admin();
    await boss.say("/stats");
    const stats = seen(await boss.next());
    expect(stats).toContain("使用统计");
    expect(stats).toMatch(/提问：\d+ 次/);
    expect(stats).toContain("反馈：👍 1 · 👎 0");
    expect(stats).toContain("文件 2 个");

    const bob = newUser("Bob");
    await bob.say("/stats");
    expect(seen(await bob.next())).toContain(ADMIN_ONLY);
  });
});

describe("commands for browsing the outline and the responsible units", () => {
  it("explains on /help how to ask, follow up and browse; admins also see their commands", async () => {
    const carol = newUser("Carol");
    await carol.say("/help");
    const help = seen(await carol.next());
    expect(help).toContain("那找哪个部门？");
    for (const command of ["/outline", "/units", "/unit", "/reset"]) expect(help).toContain(command);
    expect(help).toContain("@TestNameBot 问题");
    expect(help).not.toContain("/reload");

    const boss = admin();
    await boss.say("/help");
    expect(seen(await boss.next())).toContain("/reload");
  });

  it("lists every responsible unit on /units", async () => {
    const carol = newUser("Carol");
    await carol.say("/units");
    const units = seen(await carol.next());
    expect(units).toMatch(/责任单位（共 \d+ 个）/);
    for (const unit of [...PLEDGE_UNITS, "市中级人民法院", "市公安局"]) expect(units).toContain(`• ${unit}（`);
  });

  it.each([
    ["市监局", "市市场监管局"],
    ["中院", "市中级人民法院"],
  ])("lists the measures of /unit %s under the unit's own name, %s, with full-text buttons", async (alias, unit) => {
    const carol = newUser("Carol");
    await carol.say(`/unit ${alias}`);
    const reply = await carol.next();
    expect(seen(reply).split("\n")[0]).toMatch(new RegExp(`^${unit} 负责或参与 \\d+ 项措施（「${alias}」即 ${unit}）：$`));
    expect(labels(reply).length).toBeGreaterThan(0);
    expect(labels(reply).every((l) => l.startsWith("📄 "))).toBe(true);

    await carol.toast(await carol.press(reply, /^📄/));
    expect(seen(await carol.next())).toContain(unit);
  });

  it("says so when /unit names no unit it knows", async () => {
    const carol = newUser("Carol");
    await carol.say("/unit 火星局");
    expect(seen(await carol.next())).toContain("没有找到责任单位「火星局」");
  });

  it("browses the outline on /outline by editing one message: chapter, section, measure and back", async () => {
    const carol = newUser("Carol");
    await carol.say("/outline");
    const top = await carol.next();
    // With the uploaded document there are two: the browser opens at the list of documents.
    expect(seen(top)).toContain("政策库中的文件");
    expect(labels(top).sort()).toEqual([`📘 ${OUTLINE_TITLE}`, "📘 泰安市专利资助办法（测试样例）"].sort());
    await carol.press(top, "📘 泰安市知识产权强市");
    const document = await carol.current(top.messageId, (m) => labels(m).includes("📂 三、工作措施"));
    expect(seen(document)).toContain(`《${OUTLINE_TITLE}》`);
    expect(seen(document)).toContain("征求意见稿，内容以正式印发文件为准");

    await carol.press(document, "三、工作措施");
    const chapter = await carol.current(top.messageId, (m) => labels(m).some((l) => l.includes("（三）提升知识产权运用效益")));
    expect(seen(chapter)).toContain("三、工作措施");
    await carol.press(chapter, "（三）提升知识产权运用效益");
    const section = await carol.current(top.messageId, (m) => labels(m).some((l) => l.includes("2.建立知识产权运营机制")));
    await carol.press(section, "2.建立知识产权运营机制");
    const measure = await carol.current(top.messageId, (m) => seen(m).includes(`责任单位：${PLEDGE_UNITS.join("、")}`));
    expect(seen(measure).split("\n")[0]).toBe("建立知识产权运营机制");

    await carol.press(measure, "返回上一级");
    const back = await carol.current(top.messageId, (m) => labels(m).some((l) => l.includes("2.建立知识产权运营机制")));
    await carol.press(back, "返回上一级");
    const up = await carol.current(top.messageId, (m) => labels(m).some((l) => l.includes("（三）提升知识产权运用效益")));
    await carol.press(up, "返回上一级");
    const home = await carol.current(top.messageId, (m) => labels(m).includes("📂 三、工作措施"));
    await carol.press(home, "全部文件");
    await carol.current(top.messageId, (m) => seen(m).includes("政策库中的文件"));
    expect(carol.unread()).toEqual([]);
  });
});

describe("robustness", () => {
  it.each([
    ["a sticker", { sticker: { file_id: "sticker-1", file_unique_id: "s1", width: 512, height: 512, is_animated: false, is_video: false, type: "regular" } }],
    ["a photo", { photo: [{ file_id: "photo-1", file_unique_id: "p1", width: 90, height: 90 }] }],
    ["a voice message", { voice: { file_id: "voice-1", file_unique_id: "v1", duration: 3 } }],
  ])("asks for text when sent %s", async (_, extra) => {
    const dave = newUser("Dave");
    await dave.sendWithout(extra);
    expect(seen(await dave.next())).toContain(SEND_TEXT);
  });

  it("survives updates it cannot use: stale buttons, unknown commands, edited messages, overlong questions", async () => {
    const frank = newUser("Frank");
    await frank.say("/start");
    const greeting = await frank.next();
    expect(await frank.toast(await frank.pressData(greeting, "s|no-such-record#9"))).toContain("已不在当前政策库中");
    expect(await frank.toast(await frank.pressData(greeting, "zz|garbage"))).toContain("已不在当前政策库中");
    expect(await frank.toast(await frank.pressData(greeting, "f|999999|1"))).toBe("没有找到这条回答的记录，反馈未保存。");
    expect(await frank.toast(await frank.pressData(greeting, "q|999"))).toBe("");

    await frank.say("/nosuchcommand");
    expect(seen(await frank.next())).toContain("没有这个命令");
    await frank.say("专利".repeat(300));
    expect(seen(await frank.next())).toContain("问题有 600 个字，太长了");

    const chat = { id: frank.id, type: "private", first_name: "Frank" };
    const from = { id: frank.id, is_bot: false, first_name: "Frank" };
    telegram.inject({ edited_message: { message_id: 1, date: 1, edit_date: 2, chat, from, text: "专利质押贷款怎么办理？" } });
    expect(seen(await frank.next())).toContain("修改后的消息我不会重新回答");
    // A group message without a sender (posted on behalf of a channel) and an inline-mode button tap without a message.
    telegram.inject({ message: { message_id: 2, date: 1, chat: { id: -100999, type: "supergroup", title: "群" }, text: "专利质押贷款怎么办理？" } });
    telegram.inject({ callback_query: { id: "inline-1", from, chat_instance: "x", inline_message_id: "im-1", data: "o|" } });
    await eventually("the injected updates to be handled", () => telegram.callbackAnswers.some((a) => a.callbackQueryId === "inline-1"));

    expect(bot.alive).toBe(true);
    expect(bot.logged("bot update failed")).toEqual([]);
  });

  it("rate-limits a user who floods 30 messages, with one notice, and keeps answering everyone else", async () => {
    const flooder = newUser("Flooder");
    for (let i = 0; i < 30; i++) await flooder.say(`专利质押贷款怎么办理？第${i + 1}次`);
    await eventually("every flooded message to be handled", () => bot.logged("rate limited").filter((l) => l.userId === flooder.id).length >= 30 - RATE_LIMIT, 60_000);
    const replies = flooder.messages();
    const notices = replies.filter((m) => seen(m).startsWith("您发送得太快了"));
    expect(notices).toHaveLength(1);
    expect(seen(notices[0]!)).toContain(`每分钟最多回答 ${RATE_LIMIT} 条消息`);
    expect(replies.filter((m) => seen(m).includes("建立知识产权运营机制"))).toHaveLength(RATE_LIMIT);

    expect(bot.alive).toBe(true);
    const grace = newUser("Grace");
    await grace.say("专利质押贷款怎么办理？");
    expect(seen(await grace.next())).toContain(`责任单位：${PLEDGE_UNITS.join("、")}`);
  });

  it("sends only HTML that Telegram accepts, each message within 4,096 characters, each toast within 200", () => {
    const chats = new Set(telegram.emulator.storage.botMessages.map((u) => Number((u.message as { chat_id: number | string }).chat_id)));
    const messages = [...chats].flatMap((chatId) => telegram.botMessages(chatId));
    expect(messages.length).toBeGreaterThan(40);
    for (const m of messages) {
      if (m.parseMode === "HTML") expect(htmlProblems(m.text), m.text.slice(0, 80)).toEqual([]);
      else expect(m.text.length).toBeLessThanOrEqual(4096);
    }
    expect(telegram.edits.length).toBeGreaterThan(5);
    for (const edit of telegram.edits) expect(htmlProblems(edit.text), edit.text.slice(0, 80)).toEqual([]);
    for (const answer of telegram.callbackAnswers) expect(Array.from(answer.text ?? "").length).toBeLessThanOrEqual(200);
  });

  it("answers what it has received, then exits cleanly on SIGTERM", async () => {
    const hank = newUser("Hank");
    await hank.say("知识产权纠纷调解找谁？");
    await eventually("the question to be fetched", () => telegram.allUpdatesFetched());
    // Received, not only sent: the bot shows "typing…" once the answer is under way. (A signal racing the
    // reply to getUpdates would abort that request; Telegram then redelivers the update on the next start.)
    await eventually("the bot to start answering", () => telegram.chatActions.some((a) => a.chatId === hank.chatId));
    const code = await bot.terminate();
    expect(code).toBe(0);
    expect(seen(await hank.next(undefined, 1000))).toContain("责任单位：");
    expect(bot.logged("Telegram bot stopped")).toHaveLength(1);
    expect(bot.logged("stopped")).toHaveLength(1);
  });

  it("never writes the bot token to its logs", () => {
    expect(bot.logs.length).toBeGreaterThan(10);
    const secret = FAKE_TOKEN.split(":")[1]!;
    for (const line of bot.logs) expect(JSON.stringify(line)).not.toContain(secret);
    expect(bot.tail).not.toContain(secret);
  });
});
