import type { AnswerContext } from "../engine/answer-schema.js";

/** How long a previous turn still counts for a follow-up ("那找哪个部门？"). */
export const CONVERSATION_TTL_MS = 30 * 60_000;
/** How many chats' previous turns are kept; the least recently used go first. */
export const CONVERSATION_MAX_CHATS = 10_000;

/**
 * Each chat's previous turn, in memory: the `AnswerContext` of the last
 * answer, so that a follow-up question is understood. Expires after a TTL and
 * keeps at most `maxChats` chats (least recently used dropped first).
 */
export class ConversationMemory {
  private readonly turns = new Map<number, { context: AnswerContext; at: number }>();

  constructor(
    private readonly ttlMs = CONVERSATION_TTL_MS,
    private readonly maxChats = CONVERSATION_MAX_CHATS,
    private readonly now: () => number = Date.now,
  ) {}

  get(chatId: number): AnswerContext | undefined {
    const turn = this.turns.get(chatId);
    if (!turn) return undefined;
    if (this.now() - turn.at > this.ttlMs) {
      this.turns.delete(chatId);
      return undefined;
    }
    // Re-insert so that Map order is least recently used first.
    this.turns.delete(chatId);
    this.turns.set(chatId, turn);
    return turn.context;
  }

  set(chatId: number, context: AnswerContext): void {
    this.turns.delete(chatId);
    this.turns.set(chatId, { context, at: this.now() });
    while (this.turns.size > this.maxChats) {
      const oldest = this.turns.keys().next().value;
      if (oldest === undefined) break;
      this.turns.delete(oldest);
    }
  }

  get size(): number {
    return this.turns.size;
  }
}
