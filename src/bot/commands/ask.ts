import type { CommandContext, Context } from "grammy";
import type { BotDeps } from "../deps.js";
import { answerQuestion } from "../handlers/question.js";
import { TEXT } from "../texts.js";

/** /ask 问题: asks a question; the way to ask in a group. */
export async function askCommand(ctx: CommandContext<Context>, deps: BotDeps): Promise<void> {
  const question = ctx.match.trim();
  if (!question) {
    await ctx.reply(TEXT.askUsage);
    return;
  }
  await answerQuestion(ctx, question, deps);
}
