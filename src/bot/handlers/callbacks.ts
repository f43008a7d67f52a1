import type { Context, Filter } from "grammy";
import { InlineKeyboard } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import { decodeAction, encodeAction, recordRef } from "../callback-data.js";
import { showOutline } from "../commands/outline.js";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format/escape.js";
import { formatRecord, recordListLine } from "../format/record.js";
import { FOLLOW_UPS, recordButtons } from "../keyboards.js";
import { findRecord } from "../records.js";
import { replyHtml } from "../reply.js";
import { TEXT } from "../texts.js";
import { answerQuestion } from "./question.js";

/** How many related measures 相关措施 lists. */
const RELATED_MAX = 5;

/** Every inline button of the bot: full text, related measures, feedback, example questions, follow-ups, a question back's measures, outline browsing. */
export async function handleCallback(ctx: Filter<Context, "callback_query:data">, deps: BotDeps): Promise<void> {
  const action = decodeAction(ctx.callbackQuery.data);
  if (!action) {
    await ctx.answerCallbackQuery({ text: TEXT.gone });
    return;
  }
  switch (action.kind) {
    case "source": {
      const record = findRecord(action.ref, deps.service);
      if (!record) return void (await ctx.answerCallbackQuery({ text: TEXT.gone }));
      await ctx.answerCallbackQuery();
      const keyboard = new InlineKeyboard().text("🔗 相关措施", encodeAction({ kind: "related", ref: recordRef(record.id) }));
      await replyHtml(ctx, formatRecord(record, deps.service.documentMeta(record.documentId)), keyboard);
      return;
    }
    case "related": {
      const record = findRecord(action.ref, deps.service);
      if (!record) return void (await ctx.answerCallbackQuery({ text: TEXT.gone }));
      await ctx.answerCallbackQuery();
      const related = deps.service.related(record.id, RELATED_MAX);
      if (related.length === 0) {
        await replyHtml(ctx, `没有找到与「${escapeHtml(record.title)}」相关的其他措施。`);
        return;
      }
      const lines = [`与「${escapeHtml(record.title)}」相关的措施：`, "", ...related.map(recordListLine)];
      await replyHtml(ctx, lines.join("\n"), recordButtons(related));
      return;
    }
    case "feedback": {
      const stored = deps.service.feedback(action.queryId, action.helpful);
      await ctx.answerCallbackQuery({ text: stored ? TEXT.thanks : TEXT.feedbackLost });
      if (stored) await dropFeedbackButtons(ctx, deps);
      return;
    }
    case "example": {
      const question = deps.service.exampleQuestions()[action.index];
      await ctx.answerCallbackQuery();
      if (question) await answerQuestion(ctx, question, deps);
      return;
    }
    case "ask":
      await ctx.answerCallbackQuery();
      await answerQuestion(ctx, action.question, deps);
      return;
    case "followup": {
      // Asked about the answer the button is under (its stored turn), whatever was asked since.
      const followUp = FOLLOW_UPS[action.index];
      await ctx.answerCallbackQuery();
      if (followUp) await answerQuestion(ctx, followUp.question, deps);
      return;
    }
    case "choice":
      await answerChoice(ctx, action.index, deps);
      return;
    case "outline":
      await showOutline(ctx, deps, action.document, action.node);
      return;
  }
}

/**
 * A measure picked from a question back: the question back's turn (kept in
 * the conversation store under its message) holds the question and the
 * measures offered; the question is asked again from the one picked. A
 * question back that has expired or was forgotten by /reset, or a measure no
 * longer in the corpus, says so.
 */
async function answerChoice(ctx: Filter<Context, "callback_query:data">, index: number, deps: BotDeps): Promise<void> {
  const chatId = ctx.chat?.id;
  const messageId = ctx.callbackQuery.message?.message_id;
  const turn = chatId !== undefined && messageId !== undefined ? deps.conversation.contextFor(chatId, messageId, { strict: true }) : undefined;
  if (!turn?.previousQuestion) return void (await ctx.answerCallbackQuery({ text: TEXT.questionBackGone }));
  const chosenRecordId = turn.previousCitationIds?.[index];
  if (!chosenRecordId || !deps.service.record(chosenRecordId)) return void (await ctx.answerCallbackQuery({ text: TEXT.gone }));
  await ctx.answerCallbackQuery();
  await answerQuestion(ctx, turn.previousQuestion, deps, { chosenRecordId });
}

/** After feedback, the 👍 / 👎 row is removed so that it is given once; the other buttons stay. */
async function dropFeedbackButtons(ctx: Filter<Context, "callback_query:data">, deps: BotDeps): Promise<void> {
  const markup: InlineKeyboardMarkup | undefined = ctx.callbackQuery.message?.reply_markup;
  if (!markup) return;
  const rows = markup.inline_keyboard.map((row) => row.filter((b) => !("callback_data" in b && b.callback_data?.startsWith("f|")))).filter((row) => row.length > 0);
  try {
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: rows } });
  } catch (err) {
    deps.logger.debug({ reason: String(err) }, "could not remove the feedback buttons");
  }
}
