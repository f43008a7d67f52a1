import type { Context, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Logger } from "../log/index.js";
import { splitForTelegram } from "./format/split.js";

/**
 * Sends Telegram HTML, split into parts of at most 4,096 characters; the
 * keyboard goes with the last part. In a group the first part replies to the
 * question so that the asker sees it is theirs.
 */
export async function replyHtml(ctx: Context, html: string, keyboard?: InlineKeyboard): Promise<Message.TextMessage | undefined> {
  const parts = splitForTelegram(html);
  const replyTo = ctx.chat?.type !== "private" && ctx.message ? ctx.message.message_id : undefined;
  let last: Message.TextMessage | undefined;
  for (const [i, part] of parts.entries()) {
    last = await ctx.reply(part, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(i === 0 && replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      ...(i === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
  return last;
}

/** Chat action is refreshed this often; Telegram shows it for about five seconds. */
const TYPING_REFRESH_MS = 4_000;

/** Shows "typing…" in the chat while `work` runs. A failed chat action never fails the answer. */
export async function withTyping<T>(ctx: Context, logger: Logger, work: () => Promise<T>): Promise<T> {
  const send = () =>
    ctx.replyWithChatAction("typing").catch((err: unknown) => logger.debug({ chatId: ctx.chat?.id, reason: String(err) }, "chat action failed"));
  void send();
  const timer = setInterval(send, TYPING_REFRESH_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * Edits a progress message at most once per `intervalMs` (Telegram limits
 * edits; a reload reports many steps). `finish` always shows the last text.
 */
export class ThrottledEditor {
  private lastEditAt = 0;
  private inFlight: Promise<unknown> = Promise.resolve();
  private lastText = "";

  constructor(
    private readonly edit: (html: string) => Promise<unknown>,
    private readonly intervalMs = 1_500,
    private readonly now: () => number = Date.now,
  ) {}

  /** Shows `html` if the last edit is old enough; otherwise drops it (a newer step follows). */
  update(html: string): void {
    const now = this.now();
    if (now - this.lastEditAt < this.intervalMs || html === this.lastText) return;
    this.lastEditAt = now;
    this.lastText = html;
    this.inFlight = this.inFlight.then(() => this.edit(html)).catch(() => undefined);
  }

  /** Waits for a pending edit, then shows `html`. */
  async finish(html: string): Promise<void> {
    await this.inFlight;
    if (html !== this.lastText) await this.edit(html).catch(() => undefined);
    this.lastText = html;
  }
}
