import { Bot, type Context } from "grammy";
import { adminOnly } from "./guard.js";
import { autoRetry } from "./auto-retry.js";
import { askCommand } from "./commands/ask.js";
import { helpCommand } from "./commands/help.js";
import { outlineCommand } from "./commands/outline.js";
import { reloadCommand } from "./commands/reload.js";
import { startCommand } from "./commands/start.js";
import { statsCommand } from "./commands/stats.js";
import { unitCommand } from "./commands/unit.js";
import { unitsCommand } from "./commands/units.js";
import type { BotDeps } from "./deps.js";
import { reportError } from "./errors.js";
import { isAddressedToBot, questionOf } from "./group-rules.js";
import { handleCallback } from "./handlers/callbacks.js";
import { handleDocument } from "./handlers/document.js";
import { hintEditedMessage, hintSendText } from "./handlers/non-text.js";
import { answerQuestion } from "./handlers/question.js";
import { rateLimited, TEXT } from "./texts.js";

/** The commands shown in Telegram's menu. */
export const COMMANDS = [
  { command: "start", description: "开始：我能回答什么" },
  { command: "help", description: "使用帮助" },
  { command: "ask", description: "提问（群聊中使用）" },
  { command: "outline", description: "按章节浏览纲要" },
  { command: "units", description: "全部责任单位" },
  { command: "unit", description: "某单位负责的措施，如 /unit 市监局" },
];

/**
 * Composes the bot: retries on 429, the one error handler, per-chat queues,
 * the rate limit, then commands, buttons, documents, questions and hints, in
 * that order. Holds no answering logic: everything is asked of the service.
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
  bot.command("help", (ctx) => helpCommand(ctx, deps));
  bot.command("ask", (ctx) => askCommand(ctx, deps));
  bot.command("units", (ctx) => unitsCommand(ctx, deps));
  bot.command("unit", (ctx) => unitCommand(ctx, deps));
  bot.command("outline", (ctx) => outlineCommand(ctx, deps));
  bot.command("reload", adminOnly(deps, "/reload", (ctx) => reloadCommand(ctx, deps)));
  bot.command("stats", adminOnly(deps, "/stats", (ctx) => statsCommand(ctx, deps)));

  bot.on("callback_query:data", (ctx) => handleCallback(ctx, deps));

  const privateChat = bot.chatType("private");
  privateChat.on("message:document", adminOnly(deps, "upload document", (ctx) => handleDocument(ctx, deps)));
  bot.on("message:text", async (ctx) => {
    const question = questionOf(ctx.message, ctx.me);
    if (question) return answerQuestion(ctx, question, deps);
    if (ctx.chat.type === "private" && ctx.message.text.startsWith("/")) await ctx.reply(TEXT.unknownCommand);
  });
  bot.on(["message:sticker", "message:photo", "message:voice", "message:video", "message:video_note", "message:audio", "message:animation", "message:location", "message:contact"], hintSendText);
  bot.on("edited_message", hintEditedMessage);
  return bot;
}

/** Updates that make the bot work: anything in a private chat, buttons, and in groups only what is addressed to it. */
function countsTowardsLimit(ctx: Context): boolean {
  if (ctx.callbackQuery) return true;
  const message = ctx.message;
  if (!message) return false;
  return isAddressedToBot(message, ctx.me);
}
