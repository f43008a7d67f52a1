import { Bot, InlineKeyboard, type Context, type Filter } from "grammy";
import { isReadableFile } from "../corpus/upload-policy.js";
import { isAdmin } from "./admin.js";
import { adminOnly } from "./guard.js";
import { autoRetry } from "./auto-retry.js";
import { askCommand } from "./commands/ask.js";
import { helpCommand } from "./commands/help.js";
import { outlineCommand } from "./commands/outline.js";
import { reloadCommand } from "./commands/reload.js";
import { resetCommand } from "./commands/reset.js";
import { startCommand } from "./commands/start.js";
import { statsCommand } from "./commands/stats.js";
import { unitCommand } from "./commands/unit.js";
import { unitsCommand } from "./commands/units.js";
import type { BotDeps } from "./deps.js";
import { reportError } from "./errors.js";
import { isAddressedToBot, isBareMention, questionOf } from "./group-rules.js";
import { handleCallback } from "./handlers/callbacks.js";
import { handleDocument } from "./handlers/document.js";
import { handleInlineQuery } from "./handlers/inline.js";
import { hintEditedMessage, hintSendText } from "./handlers/non-text.js";
import { answerQuestion } from "./handlers/question.js";
import { examplesKeyboard } from "./keyboards.js";
import { mentionPrompt, rateLimited, TEXT } from "./texts.js";

/**
 * Composes the bot: retries on 429, the one error handler, per-chat queues,
 * repeated messages dropped, the rate limit, then commands, buttons, inline
 * queries, documents, questions (text and photo captions) and hints, in that
 * order. Holds no answering logic: everything is asked of the service.
 */
export function createBot(deps: BotDeps): Bot {
  const token = deps.config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error("createBot needs TELEGRAM_BOT_TOKEN");
  const bot = new Bot(token, { client: { apiRoot: deps.apiRoot } });
  bot.api.config.use(autoRetry());
  bot.catch((err) => reportError(err, err.ctx, deps));

  // Hand each update to its chat's queue and return at once (see ChatQueues).
  bot.use((ctx, next) => {
    const key = String(ctx.chat?.id ?? ctx.from?.id ?? "none");
    deps.queues.enqueue(key, async () => {
      try {
        await next();
      } catch (err) {
        await reportError(err, ctx, deps);
      }
    });
  });

  // A flood of the same message (or a double send) is answered once, and the repeats do not count towards the rate limit.
  // Per sender: in a group, someone else asking the same question is a question of their own.
  bot.use(async (ctx, next) => {
    const message = ctx.message;
    const words = message?.text ?? message?.caption;
    if (!message || !words || !isAddressedToBot(message, ctx.me)) return next();
    if (!deps.duplicates.isDuplicate(`${message.chat.id}:${message.from?.id ?? ""}`, words)) return next();
    deps.logger.info({ chatId: message.chat.id, userId: ctx.from?.id }, "repeated message ignored");
  });

  bot.use(async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined || !countsTowardsLimit(ctx)) return next();
    const decision = deps.limiter.check(userId);
    if (decision.allowed) return next();
    const notice = rateLimited(decision.retryAfterSeconds, deps.config.BOT_RATE_LIMIT_PER_MINUTE);
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: notice });
    else if (decision.notify) await ctx.reply(notice);
    deps.logger.info({ userId, chatId: ctx.chat?.id, notified: decision.notify }, "rate limited");
  });

  bot.command("start", (ctx) => startCommand(ctx, deps));
  bot.command("reset", (ctx) => resetCommand(ctx, deps));
  bot.command("help", (ctx) => helpCommand(ctx, deps));
  bot.command("ask", (ctx) => askCommand(ctx, deps));
  bot.command("units", (ctx) => unitsCommand(ctx, deps));
  bot.command("unit", (ctx) => unitCommand(ctx, deps));
  bot.command("outline", (ctx) => outlineCommand(ctx, deps));
  bot.command(
    "reload",
    adminOnly(deps, "/reload", (ctx) => reloadCommand(ctx, deps)),
  );
  bot.command(
    "stats",
    adminOnly(deps, "/stats", (ctx) => statsCommand(ctx, deps)),
  );

  bot.on("callback_query:data", (ctx) => handleCallback(ctx, deps));
  if (deps.config.BOT_INLINE_ENABLED) bot.on("inline_query", (ctx) => handleInlineQuery(ctx, deps));

  const privateChat = bot.chatType("private");
  privateChat.on(
    "message:document",
    adminOnly(deps, "上传文档", (ctx) => handleDocument(ctx, deps)),
  );
  bot.on("message:document", (ctx) => groupDocument(ctx, deps));
  bot.on("message:text", async (ctx) => {
    const question = questionOf(ctx.message, ctx.me);
    if (question) return answerQuestion(ctx, question, deps);
    if (isBareMention(ctx.message, ctx.me)) return promptForQuestion(ctx, deps);
    if (ctx.chat.type === "private" && ctx.message.text.startsWith("/")) await ctx.reply(TEXT.unknownCommand);
  });
  // A photo with a caption (a screenshot and its question): the caption is the question.
  bot.on("message:caption", async (ctx, next) => {
    const question = questionOf(ctx.message, ctx.me);
    if (question) return answerQuestion(ctx, question, deps);
    if (isBareMention(ctx.message, ctx.me)) return promptForQuestion(ctx, deps);
    return next();
  });
  bot.on(
    ["message:sticker", "message:photo", "message:voice", "message:video", "message:video_note", "message:audio", "message:animation", "message:location", "message:contact"],
    hintSendText,
  );
  bot.on("edited_message", hintEditedMessage);
  return bot;
}

/** A bare @mention in a group: what to ask, with examples to tap. */
async function promptForQuestion(ctx: Context, deps: BotDeps): Promise<void> {
  await ctx.reply(mentionPrompt(ctx.me.username), {
    reply_markup: examplesKeyboard(deps.service.exampleQuestions()),
    ...(ctx.message ? { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } } : {}),
  });
}

/**
 * A document in a group: an admin's readable file gets a pointer to send it
 * in a private chat (where it is checked and previewed before it changes the
 * corpus); anyone else's files are the group's business.
 */
async function groupDocument(ctx: Filter<Context, "message:document">, deps: BotDeps): Promise<void> {
  if (!isAdmin(ctx.from?.id, deps.config)) return;
  if (!isReadableFile(ctx.message.document.file_name ?? "")) return;
  await ctx.reply(TEXT.uploadInPrivate, {
    reply_markup: new InlineKeyboard().url("💬 私聊发送", `https://t.me/${ctx.me.username}`),
    reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
  });
}

/** Updates that make the bot work: anything in a private chat, buttons, and in groups only what is addressed to it. */
function countsTowardsLimit(ctx: Context): boolean {
  if (ctx.callbackQuery) return true;
  const message = ctx.message;
  if (!message) return false;
  return isAddressedToBot(message, ctx.me);
}
