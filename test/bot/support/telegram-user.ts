import type { TelegramClient } from "telegram-test-api/lib/modules/telegramClient.js";
import type { BotMessage, FakeTelegram } from "./fake-telegram.js";
import { eventually } from "./bot-process.js";

/**
 * A Telegram user in a private chat with the bot, through the emulator's
 * client API. `next` waits for the bot's next message to this chat.
 */
export class TelegramUser {
  private readonly client: TelegramClient;
  private seen = 0;

  constructor(
    private readonly telegram: FakeTelegram,
    token: string,
    readonly id: number,
    firstName: string,
  ) {
    this.client = telegram.emulator.getClient(token, { userId: id, chatId: id, firstName, userName: `user${id}` });
  }

  async say(text: string): Promise<void> {
    if (text.startsWith("/")) await this.client.sendCommand(this.client.makeCommand(text));
    else await this.client.sendMessage(this.client.makeMessage(text));
  }

  /** Sends a message with extra fields (a document, a sticker) and no text. */
  async sendWithout(extra: Record<string, unknown>): Promise<void> {
    const message = this.client.makeMessage("", extra) as unknown as Record<string, unknown>;
    delete message.text;
    await this.client.sendMessage(message as unknown as ReturnType<TelegramClient["makeMessage"]>);
  }

  /** Taps an inline button of one of the bot's messages. */
  async press(message: BotMessage, label: string | RegExp): Promise<void> {
    const button = message.buttons.flat().find((b) => (typeof label === "string" ? b.text.includes(label) : label.test(b.text)));
    if (!button?.data) throw new Error(`no button ${String(label)} on: ${message.text.slice(0, 60)}`);
    await this.client.sendCallback(this.client.makeCallbackQuery(button.data, { message: { message_id: message.messageId } }));
  }

  /** Every message the bot sent this user so far. */
  messages(): BotMessage[] {
    return this.telegram.botMessages(this.id);
  }

  /** Waits for the bot's next message (optionally the next one matching), and moves past it. */
  async next(match?: (m: BotMessage) => boolean, timeoutMs = 20_000): Promise<BotMessage> {
    return eventually(`a reply to user ${this.id}${match ? " matching" : ""}`, () => {
      const fresh = this.messages().slice(this.seen);
      const index = match ? fresh.findIndex(match) : 0;
      const found = index >= 0 ? fresh[index] : undefined;
      if (found) this.seen += index + 1;
      return found;
    }, timeoutMs);
  }

  /** Waits until a message the bot already sent satisfies `match` (e.g. after edits). */
  async current(messageId: number, match: (m: BotMessage) => boolean, timeoutMs = 20_000): Promise<BotMessage> {
    return eventually(`message ${messageId} to change`, () => this.messages().find((m) => m.messageId === messageId && match(m)), timeoutMs);
  }
}
