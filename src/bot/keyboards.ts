import { InlineKeyboard } from "grammy";
import type { AskResult } from "../app/types.js";
import type { PolicyRecord } from "../corpus/types.js";
import { encodeAction, recordRef } from "./callback-data.js";
import { truncate } from "./format/escape.js";

/** Buttons under an answer: full text and related measures of the first citation, and 👍 / 👎. */
export function answerKeyboard(result: AskResult): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const first = result.answer.citations[0];
  if (first) {
    const ref = recordRef(first.id);
    keyboard
      .text("📄 查看原文", encodeAction({ kind: "source", ref }))
      .text("🔗 相关措施", encodeAction({ kind: "related", ref }))
      .row();
  }
  return keyboard
    .text("👍 有帮助", encodeAction({ kind: "feedback", queryId: result.queryId, helpful: true }))
    .text("👎 没帮助", encodeAction({ kind: "feedback", queryId: result.queryId, helpful: false }));
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

/** Example questions that are asked when tapped. */
export function examplesKeyboard(questions: readonly string[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  questions.forEach((q, index) => keyboard.text(`💬 ${truncate(q, 30)}`, encodeAction({ kind: "example", index })).row());
  return keyboard;
}
