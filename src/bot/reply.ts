import type { Context, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Logger } from "../log/index.js";
import { splitForTelegram } from "./format/split.js";

/**
 * Sends Telegram HTML, split into parts of at most 4,096 characters; the
 * keyboard goes with the last part. In a group the first part replies to the
 * question so that the asker sees it is theirs.
 */
export async function replyHtml(ctx: Context, html: string, keyboard?: InlineKeyboard): Promise<Message.TextMessage[]> {
  return sendParts(ctx, splitForTelegram(html), keyboard, true);
}

/** Sends parts already split as consecutive messages, returning them; `first` says whether the first of them starts the reply (and so quotes the question in a group). */
export async function sendParts(ctx: Context, parts: readonly string[], keyboard: InlineKeyboard | undefined, first: boolean): Promise<Message.TextMessage[]> {
  const sent: Message.TextMessage[] = [];
  for (const [i, part] of parts.entries()) {
    sent.push(await ctx.reply(part, htmlOptions(ctx, { quote: first && i === 0, keyboard: i === parts.length - 1 ? keyboard : undefined })));
  }
  return sent;
}

/** Options of an HTML message: no link previews, in a group a reply to the question when `quote`, and the keyboard if any. */
export function htmlOptions(ctx: Context, options: { quote?: boolean; keyboard?: InlineKeyboard } = {}) {
  const replyTo = options.quote && ctx.chat?.type !== "private" && ctx.message ? ctx.message.message_id : undefined;
  return {
    parse_mode: "HTML" as const,
    link_preview_options: { is_disabled: true },
    ...(replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    ...(options.keyboard ? { reply_markup: options.keyboard } : {}),
  };
}

/** Chat action is refreshed this often; Telegram shows it for about five seconds. */
const TYPING_REFRESH_MS = 4_000;

/** Shows "typing…" in the chat while `work` runs. A failed chat action never fails the answer. */
export async function withTyping<T>(ctx: Context, logger: Logger, work: () => Promise<T>): Promise<T> {
  const send = () => ctx.replyWithChatAction("typing").catch((err: unknown) => logger.debug({ chatId: ctx.chat?.id, reason: String(err) }, "chat action failed"));
  void send();
  const timer = setInterval(send, TYPING_REFRESH_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * Edits one message (a progress report, an answer being written) at most once
 * per `intervalMs`, because Telegram limits how often a chat may be written to.
 * A step that comes too soon is not lost: the latest one is shown when the
 * interval is over. `finish` shows the final text, also no sooner than that.
 */
export class ThrottledEditor {
  private lastEditAt = 0;
  private lastText = "";
  private pending?: string;
  private timer?: NodeJS.Timeout;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly edit: (html: string) => Promise<unknown>,
    private readonly intervalMs = 1_500,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that the message shows `html` as of now (it was just sent), so that the first edit waits a full interval. */
  shown(html: string): void {
    this.lastText = html;
    this.lastEditAt = this.now();
  }

  /** Shows `html` now if the last edit is old enough, else when it is (unless a newer step replaces it meanwhile). */
  update(html: string): void {
    this.pending = html;
    if (this.timer) return;
    const wait = this.lastEditAt + this.intervalMs - this.now();
    if (wait <= 0) return this.flush();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  /**
   * Waits for edits in flight and for the interval to pass, so that the
   * caller may write to the message itself (with a keyboard, say); nothing
   * pending is shown any more.
   */
  async settle(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    await this.inFlight;
    const wait = this.lastEditAt + this.intervalMs - this.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** Shows `html` as the final text, after edits in flight and no sooner than the interval allows. Never throws. */
  async finish(html: string): Promise<void> {
    await this.settle();
    if (html === this.lastText) return;
    this.lastText = html;
    this.lastEditAt = this.now();
    await this.edit(html).catch(() => undefined);
  }

  private flush(): void {
    const html = this.pending;
    this.pending = undefined;
    if (html === undefined || html === this.lastText) return;
    this.lastText = html;
    this.lastEditAt = this.now();
    this.inFlight = this.inFlight.then(() => this.edit(html)).catch(() => undefined);
  }
}
