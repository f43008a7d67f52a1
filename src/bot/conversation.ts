import type { AnswerContext } from "../engine/answer-schema.js";
import type { ConversationTurns } from "../store/types.js";

/**
 * The bot's conversations, kept in the store so that a follow-up ("那找哪个部门？")
 * is understood after a restart: each answer's turn (question and cited
 * records) is saved under its chat and under each message the answer was
 * sent as. A question that replies to an older answer, or taps a button under
 * it, continues THAT answer's turn; any other continues the chat's latest.
 * A question back ("您是想问……") is a turn too, its measures as the cited
 * records in the order offered, so that a tap on one of its buttons (or a
 * typed 「2」) picks from them. Turns older than the TTL no longer count;
 * `/reset` forgets a chat's turns.
 */
export class BotConversations {
  constructor(
    private readonly turns: ConversationTurns,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The turn a question continues: that of the bot message `anchorMessageId`
   * when it has one, else the chat's latest. With `strict` (a button under an
   * answer) only the anchor's own turn counts: once it has expired, a newer
   * answer's measure must not stand in for it.
   */
  contextFor(chatId: number, anchorMessageId?: number, options: { strict?: boolean } = {}): AnswerContext | undefined {
    const now = this.now();
    if (anchorMessageId !== undefined) {
      const anchored = this.turns.get(messageKey(chatId, anchorMessageId), this.ttlMs, now);
      if (anchored || options.strict) return anchored;
    }
    return this.turns.get(chatKey(chatId), this.ttlMs, now);
  }

  /** Makes `context` the chat's latest turn and the turn of the messages the answer was sent as. */
  remember(chatId: number, messageIds: readonly number[], context: AnswerContext): void {
    const keys = [chatKey(chatId), ...messageIds.map((id) => messageKey(chatId, id))];
    this.turns.save(keys, chatKey(chatId), context, this.ttlMs, this.now());
  }

  /** Forgets every turn of the chat (/reset); true when there was one. */
  reset(chatId: number): boolean {
    return this.turns.clear(chatKey(chatId)) > 0;
  }
}

const chatKey = (chatId: number) => `tg:${chatId}`;
const messageKey = (chatId: number, messageId: number) => `tg:${chatId}:${messageId}`;
