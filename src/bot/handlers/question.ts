import type { Context } from "grammy";
import { contextFrom } from "../../engine/answer-schema.js";
import type { BotDeps } from "../deps.js";
import { formatAnswer } from "../format/answer.js";
import { answerKeyboard } from "../keyboards.js";
import { withTyping } from "../reply.js";
import { StreamedAnswer } from "../streamed-answer.js";
import { tooLong } from "../texts.js";

/**
 * Answers one question in the current chat: checks its length, asks the
 * service with the chat's previous turn (for follow-ups), shows "typing…"
 * meanwhile, replies in HTML with the answer's buttons and remembers the turn.
 * With an LLM the answer is shown as it is written (see StreamedAnswer); the
 * final message is the same either way.
 */
export async function answerQuestion(ctx: Context, question: string, deps: BotDeps): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const length = Array.from(question).length;
  if (length > deps.config.MAX_QUESTION_CHARS) {
    await ctx.reply(tooLong(length, deps.config.MAX_QUESTION_CHARS));
    return;
  }
  const reply = new StreamedAnswer(ctx, deps.logger);
  const result = await withTyping(ctx, deps.logger, () =>
    deps.service.ask(question, {
      channel: "telegram",
      context: deps.conversation.get(chatId),
      userRef: String(chatId),
      ...(deps.config.LLM_PROVIDER === "none" ? {} : { onPartialText: reply.onText }),
    }),
  ).catch(async (err: unknown) => {
    await reply.abandon();
    throw err;
  });
  if (result.answer.status === "answered" && result.answer.citations.length > 0) {
    deps.conversation.set(chatId, contextFrom(result.answer));
  }
  await reply.finish(formatAnswer(result.answer), answerKeyboard(result));
}
