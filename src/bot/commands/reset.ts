import type { Context } from "grammy";
import type { BotDeps } from "../deps.js";
import { TEXT } from "../texts.js";

/** /reset: starts a new topic; the chat's previous turns no longer count for follow-ups. */
export async function resetCommand(ctx: Context, deps: BotDeps): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const had = deps.conversation.reset(chatId);
  deps.logger.info({ chatId, had }, "conversation reset");
  await ctx.reply(had ? TEXT.reset : TEXT.resetNothing);
}
