import type { TelegramClient } from "telegram-test-api/lib/modules/telegramClient.js";
import type { BotMessage, FakeTelegram } from "./fake-telegram.js";
import { eventually } from "./bot-process.js";

/** The emulator's bot (getMe answers with this id), as the author of the messages whose buttons are tapped. */
const EMULATED_BOT = { id: 666, is_bot: true, first_name: "Test First name", username: "TestNameBot" };

/**
 * A Telegram user talking to the bot through the emulator's client API: in a
 * private chat by default, or in a group (`chat`). `next` waits for the bot's
 * next message to that chat.
 */
export class TelegramUser {
  private readonly client: TelegramClient;
  private seen = 0;
  readonly chatId: number;

  constructor(
    private readonly telegram: FakeTelegram,
    token: string,
    readonly id: number,
    firstName: string,
    chat?: { id: number; type: "group" | "supergroup"; title: string },
  ) {
    this.chatId = chat?.id ?? id;
    this.client = telegram.emulator.getClient(token, {
      userId: id,
      chatId: this.chatId,
      firstName,
      userName: `user${id}`,
      ...(chat ? { type: chat.type, chatTitle: chat.title } : {}),
    });
  }

  async say(text: string, extra: Record<string, unknown> = {}): Promise<void> {
    if (text.startsWith("/")) await this.client.sendCommand(this.client.makeCommand(text, extra));
    else await this.client.sendMessage(this.client.makeMessage(text, extra));
  }

  /** Sends a message with extra fields (a document, a sticker) and no text. */
  async sendWithout(extra: Record<string, unknown>): Promise<void> {
    const message = this.client.makeMessage("", extra) as unknown as Record<string, unknown>;
    delete message.text;
    await this.client.sendMessage(message as unknown as ReturnType<TelegramClient["makeMessage"]>);
  }

  /**
   * Taps an inline button of one of the bot's messages, as Telegram does: the
   * callback carries that message with its text and keyboard. Resolves with
   * the callback query id, to find the toast the bot answers with.
   */
  async press(message: BotMessage, label: string | RegExp): Promise<string> {
    const button = message.buttons.flat().find((b) => (typeof label === "string" ? b.text.includes(label) : label.test(b.text)));
    if (!button?.data) throw new Error(`no button ${String(label)} on: ${message.text.slice(0, 60)}`);
    return this.pressData(message, button.data);
  }

  /** Sends callback data as if a button carrying it had been tapped (e.g. a button of an older bot version). */
  async pressData(message: BotMessage, data: string): Promise<string> {
    // The emulator numbers callback queries itself and keeps the counter private; tests tap one button at a time.
    const id = String((this.telegram.emulator as unknown as { callbackId: number }).callbackId);
    const inline_keyboard = message.buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data })));
    const query = this.client.makeCallbackQuery(data);
    // Replaced, not merged: the emulator's query shares one `from` object between the query and its message.
    const tapped = { ...query.message, message_id: message.messageId, from: EMULATED_BOT, text: message.text, reply_markup: { inline_keyboard } };
    await this.client.sendCallback({ ...query, message: tapped } as typeof query);
    return id;
  }

  /** Waits for the bot to answer a callback query; resolves with the toast text ("" when there is none). */
  async toast(callbackQueryId: string, timeoutMs = 20_000): Promise<string> {
    const answer = await eventually(
      `an answer to callback query ${callbackQueryId}`,
      () => this.telegram.callbackAnswers.find((a) => a.callbackQueryId === callbackQueryId),
      timeoutMs,
    );
    return answer.text ?? "";
  }

  /** Every message the bot sent to this chat so far. */
  messages(): BotMessage[] {
    return this.telegram.botMessages(this.chatId);
  }

  /** Waits for the bot's next message (optionally the next one matching), and moves past it. */
  async next(match?: (m: BotMessage) => boolean, timeoutMs = 20_000): Promise<BotMessage> {
    return eventually(
      `a reply to user ${this.id}${match ? " matching" : ""}`,
      () => {
        const fresh = this.messages().slice(this.seen);
        const index = match ? fresh.findIndex(match) : 0;
        const found = index >= 0 ? fresh[index] : undefined;
        if (found) this.seen += index + 1;
        return found;
      },
      timeoutMs,
    );
  }

  /** The bot's messages not yet taken by `next`, without moving past them. */
  unread(): BotMessage[] {
    return this.messages().slice(this.seen);
  }

  /** Waits until a message the bot already sent satisfies `match` (e.g. after edits). */
  async current(messageId: number, match: (m: BotMessage) => boolean, timeoutMs = 20_000): Promise<BotMessage> {
    return eventually(`message ${messageId} to change`, () => this.messages().find((m) => m.messageId === messageId && match(m)), timeoutMs);
  }
}
