import type { Context, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Logger } from "../log/index.js";
import { escapeHtml } from "./format/escape.js";
import { splitForTelegram } from "./format/split.js";
import { htmlOptions, replyHtml, sendParts, ThrottledEditor } from "./reply.js";

/** Edits of an answer being written are at least this far apart: Telegram allows about one message a second per chat. */
export const STREAM_EDIT_INTERVAL_MS = 1_000;

/** A draft keeps room under Telegram's 4,096 characters for the note below it. */
const DRAFT_MAX_CHARS = 3_900;

/** A draft: the verified text so far, escaped, and a note that the answer is still being written. */
export function formatDraft(textSoFar: string): string {
  const [head = "", ...rest] = splitForTelegram(escapeHtml(textSoFar), DRAFT_MAX_CHARS);
  return `${head}${rest.length > 0 ? "……" : ""}\n\n<i>✍️ 正在撰写回答……</i>`;
}

/**
 * An answer shown while an LLM writes it. The first verified text arrives as
 * a new message (the draft); later text edits that message, at most once per
 * interval; `finish` puts the final formatted answer and its buttons into it
 * (further parts of a long answer follow as new messages). Until text arrives
 * it does nothing, so an answer that does not stream is sent as usual.
 */
export class StreamedAnswer {
  private draft?: Promise<Message.TextMessage | undefined>;
  private editor?: ThrottledEditor;
  private latest = "";
  private finished = false;

  constructor(
    private readonly ctx: Context,
    private readonly logger: Logger,
    private readonly intervalMs = STREAM_EDIT_INTERVAL_MS,
  ) {}

  /** For `AskOptions.onPartialText`: shows the text so far. Never throws; sending happens in the background. */
  readonly onText = (textSoFar: string): void => {
    if (this.finished) return;
    const html = formatDraft(textSoFar);
    this.latest = html;
    if (this.editor) return this.editor.update(html);
    if (this.draft) return; // being sent; the latest text is shown once it is
    this.draft = this.ctx.reply(html, htmlOptions(this.ctx, { quote: true })).then(
      (message) => {
        this.editor = new ThrottledEditor((next) => this.edit(message, next), this.intervalMs);
        this.editor.shown(html);
        if (this.latest !== html) this.editor.update(this.latest);
        return message;
      },
      (err: unknown) => {
        this.logger.warn({ chatId: this.ctx.chat?.id, reason: String(err) }, "could not send the draft of a streamed answer");
        return undefined;
      },
    );
  };

  /**
   * Shows the final answer: in the draft when there is one, else (nothing
   * streamed, or the draft failed) as new messages like any other answer.
   * Resolves with the messages the answer now is.
   */
  async finish(html: string, keyboard?: InlineKeyboard): Promise<Message.TextMessage[]> {
    this.finished = true;
    const draft = await this.draft;
    if (!draft || !this.editor) return replyHtml(this.ctx, html, keyboard);
    await this.editor.settle();
    const parts = splitForTelegram(html);
    try {
      await this.edit(draft, parts[0]!, parts.length === 1 ? keyboard : undefined);
    } catch (err) {
      // The draft may have been deleted by the user; the answer must still arrive, and no stale draft stay behind.
      this.logger.warn({ chatId: draft.chat.id, reason: String(err) }, "could not put the final answer into its draft; sending it anew");
      await this.ctx.api.deleteMessage(draft.chat.id, draft.message_id).catch(() => undefined);
      return replyHtml(this.ctx, html, keyboard);
    }
    return [draft, ...(await sendParts(this.ctx, parts.slice(1), keyboard, false))];
  }

  /** Takes the draft away (the answer failed; the error handler apologises instead). Never throws. */
  async abandon(): Promise<void> {
    this.finished = true;
    const draft = await this.draft;
    if (!draft) return;
    await this.editor?.settle();
    await this.ctx.api.deleteMessage(draft.chat.id, draft.message_id).catch(() => undefined);
  }

  private edit(message: Message.TextMessage, html: string, keyboard?: InlineKeyboard): Promise<unknown> {
    return this.ctx.api.editMessageText(message.chat.id, message.message_id, html, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(keyboard ? { reply_markup: keyboard } : {}),
    });
  }
}
