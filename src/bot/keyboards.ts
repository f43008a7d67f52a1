import { InlineKeyboard } from "grammy";
import type { AskResult } from "../app/types.js";
import type { PolicyRecord } from "../corpus/types.js";
import { CALLBACK_DATA_MAX_BYTES, encodeAction, recordRef, type ButtonAction } from "./callback-data.js";
import { shareLink } from "./deep-link.js";
import { truncate } from "./format/escape.js";

/**
 * Follow-ups offered under an answer, asked about that answer when tapped
 * (the button's message is the turn they continue). `skipFor` names the kinds
 * of answer that already say it.
 */
export const FOLLOW_UPS: readonly { label: string; question: string; skipFor: readonly string[] }[] = [
  { label: "🏢 找哪个部门", question: "那找哪个部门？", skipFor: ["who_handles", "unit_duties"] },
  { label: "📋 需要什么材料", question: "办理需要什么材料？", skipFor: ["unit_duties"] },
];

/**
 * Buttons under an answer. With a citation: the follow-ups to tap, full text,
 * related measures and a share link of the first citation, and 👍 / 👎. A
 * refusal (nothing cited) gets its example questions to tap instead, and a
 * question back the measures it offers; neither has feedback buttons: there
 * is no answer to judge.
 */
export function answerKeyboard(result: AskResult, options: { botUsername?: string; examples: readonly string[]; serviceExamples: readonly string[] }): InlineKeyboard {
  const choices = result.answer.parts.choices ?? [];
  if (choices.length > 0) return choicesKeyboard(choices);
  const first = result.answer.citations[0];
  if (!first) return examplesKeyboard(options.examples, options.serviceExamples);
  const listing = result.answer.parts.listing ?? [];
  if (listing.length > 0) {
    // A unit's measures: one full-text button each, as /unit gives them.
    const keyboard = new InlineKeyboard();
    for (const item of listing.slice(0, LISTING_BUTTONS_MAX)) {
      keyboard.text(`📄 ${truncate(item.title, LABEL_MAX)}`, encodeAction({ kind: "source", ref: recordRef(item.id) })).row();
    }
    return feedbackRow(keyboard, result.queryId);
  }
  const keyboard = new InlineKeyboard();
  const followUps = FOLLOW_UPS.map((f, index) => ({ ...f, index })).filter((f) => !f.skipFor.includes(result.answer.kind));
  for (const f of followUps) keyboard.text(f.label, encodeAction({ kind: "followup", index: f.index }));
  if (followUps.length > 0) keyboard.row();
  const ref = recordRef(first.id);
  keyboard.text("📄 查看原文", encodeAction({ kind: "source", ref })).text("🔗 相关措施", encodeAction({ kind: "related", ref }));
  if (options.botUsername) keyboard.url("📤 分享", shareUrl(options.botUsername, first.id, first.title));
  return feedbackRow(keyboard.row(), result.queryId);
}

/**
 * A question back's measures, one a row, best first: a tap asks the question
 * again from that measure. The button carries only the measure's place among
 * the choices; the question and the measures' ids are in the conversation store.
 */
export function choicesKeyboard(choices: readonly { title: string }[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  choices.forEach((choice, index) => keyboard.text(`${index + 1}. ${truncate(choice.title, LABEL_MAX)}`, encodeAction({ kind: "choice", index })).row());
  return keyboard;
}

/** Full-text buttons under a listing, at most (Telegram allows 100 buttons; a long list is for /unit). */
const LISTING_BUTTONS_MAX = 20;

function feedbackRow(keyboard: InlineKeyboard, queryId: number): InlineKeyboard {
  // An answer the query log could not record (queryId 0) has nothing to attach feedback to.
  if (queryId === 0) {
    while (keyboard.inline_keyboard.at(-1)?.length === 0) keyboard.inline_keyboard.pop();
    return keyboard;
  }
  return keyboard.text("👍 有帮助", encodeAction({ kind: "feedback", queryId, helpful: true })).text("👎 没帮助", encodeAction({ kind: "feedback", queryId, helpful: false }));
}

/** Telegram's share dialog, prefilled with the link that opens the measure in the bot. */
export function shareUrl(botUsername: string, recordId: string, title: string): string {
  return `https://t.me/share/url?url=${encodeURIComponent(shareLink(botUsername, recordId))}&text=${encodeURIComponent(`「${title}」`)}`;
}

/** Label length of a button naming a measure. */
const LABEL_MAX = 28;

/** One "full text" button per record, one per row. */
export function recordButtons(records: readonly PolicyRecord[], max = 20): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const record of records.slice(0, max)) {
    keyboard.text(`📄 ${truncate(record.title, LABEL_MAX)}`, encodeAction({ kind: "source", ref: recordRef(record.id) })).row();
  }
  return keyboard;
}

/**
 * Example questions that are asked when tapped, one a row. A question travels
 * in the button when it fits Telegram's 64 bytes, else as its place among the
 * service's examples; one that can do neither gets no button.
 */
export function examplesKeyboard(questions: readonly string[], serviceExamples: readonly string[] = questions): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const question of questions) {
    const action = exampleAction(question, serviceExamples);
    if (action) keyboard.text(`💬 ${truncate(question, 30)}`, encodeAction(action)).row();
  }
  return keyboard;
}

function exampleAction(question: string, serviceExamples: readonly string[]): ButtonAction | undefined {
  const index = serviceExamples.indexOf(question);
  if (index >= 0) return { kind: "example", index };
  return Buffer.byteLength(`a|${question}`, "utf8") <= CALLBACK_DATA_MAX_BYTES ? { kind: "ask", question } : undefined;
}
