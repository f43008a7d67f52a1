import type { Context } from "grammy";
import { contextFrom, type Answer, type AnswerContext } from "../../engine/answer-schema.js";
import { checkQuestion } from "../../engine/question-check.js";
import type { BotDeps } from "../deps.js";
import { formatAnswer } from "../format/answer.js";
import { answerKeyboard } from "../keyboards.js";
import { withTyping } from "../reply.js";
import { StreamedAnswer } from "../streamed-answer.js";
import { questionProblemText } from "../texts.js";

/**
 * Answers one question in the current chat: checks it (the core's one check:
 * not empty, not too long, some words), asks the service with the turn it
 * continues (for follow-ups: the answer it replies to or whose button was
 * tapped, else the chat's latest), shows "typing…" meanwhile, replies in HTML
 * with the answer's buttons and stores the turn. `context` given by the
 * caller (a measure picked from a question back) replaces the stored turn.
 * With an LLM the answer is shown as it is written (see StreamedAnswer); the
 * final message is the same either way.
 */
export async function answerQuestion(ctx: Context, question: string, deps: BotDeps, context?: AnswerContext): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const checked = checkQuestion(question, deps.config.MAX_QUESTION_CHARS);
  if (!checked.ok) {
    await ctx.reply(questionProblemText(checked.problem));
    return;
  }
  const reply = new StreamedAnswer(ctx, deps.logger);
  const result = await withTyping(ctx, deps.logger, () =>
    deps.service.ask(checked.question, {
      channel: "telegram",
      context: context ?? deps.conversation.contextFor(chatId, anchorOf(ctx), { strict: ctx.callbackQuery !== undefined }),
      userRef: String(chatId),
      ...(deps.config.LLM_PROVIDER === "none" ? {} : { onPartialText: reply.onText }),
    }),
  ).catch(async (err: unknown) => {
    await reply.abandon();
    throw err;
  });
  const serviceExamples = deps.service.exampleQuestions();
  const refusalExamples = result.answer.parts.refusal?.examples ?? [];
  const examples = refusalExamples.length > 0 ? refusalExamples : serviceExamples;
  const keyboard = answerKeyboard(result, { botUsername: ctx.me.username, examples, serviceExamples });
  const sent = await reply.finish(formatAnswer(result.answer), keyboard);
  const turn = turnOf(result.answer);
  if (turn)
    deps.conversation.remember(
      chatId,
      sent.map((m) => m.message_id),
      turn,
    );
}

/**
 * What a later question continues from this answer: its question and cited
 * records; for a question back, the measures it offers, in the order of its
 * buttons. Nothing for a refusal.
 */
function turnOf(answer: Answer): AnswerContext | undefined {
  const choices = answer.parts.choices ?? [];
  if (choices.length > 0) return { previousQuestion: answer.question, previousCitationIds: choices.map((c) => c.id) };
  return answer.status === "answered" && answer.citations.length > 0 ? contextFrom(answer) : undefined;
}

/** The bot message a question continues: the one whose button was tapped, or the bot's message it replies to. */
function anchorOf(ctx: Context): number | undefined {
  if (ctx.callbackQuery) return ctx.callbackQuery.message?.message_id;
  const replied = ctx.message?.reply_to_message;
  return replied && replied.from?.id === ctx.me.id ? replied.message_id : undefined;
}
