import { BotError, type Context } from "grammy";
import { redactSecrets } from "../log/index.js";
import type { BotDeps } from "./deps.js";
import { TEXT } from "./texts.js";

/**
 * The bot's one error handler: logs what failed with its context (update,
 * chat, user; never a token) and tells the user with an apology instead of
 * silence. It never throws, so no update can bring the process down.
 */
export async function reportError(error: unknown, ctx: Context, deps: Pick<BotDeps, "logger" | "secrets">): Promise<void> {
  const cause = error instanceof BotError ? error.error : error;
  const redact = (s: string) => redactSecrets(s, deps.secrets);
  deps.logger.error(
    {
      updateId: ctx.update.update_id,
      chatId: ctx.chat?.id,
      userId: ctx.from?.id,
      error: {
        name: cause instanceof Error ? cause.name : typeof cause,
        message: redact(cause instanceof Error ? cause.message : String(cause)),
        stack: cause instanceof Error && cause.stack ? redact(cause.stack) : undefined,
      },
    },
    "bot update failed",
  );
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: TEXT.apology });
    else if (ctx.chat) await ctx.reply(TEXT.apology);
  } catch (replyError) {
    deps.logger.warn({ updateId: ctx.update.update_id, reason: redact(String(replyError)) }, "could not send the apology");
  }
}
