/** Within this time, the same text again from the same sender in a chat is the same message (a flood, a double tap). */
export const DUPLICATE_WINDOW_MS = 20_000;

/**
 * Drops a message that repeats the sender's previous one in a chat (the caller's key) word for word within
 * a short window, so that a flood of the same question is answered once. The
 * window runs from the latest repeat, so a flood that goes on stays dropped;
 * a different message in between, or a pause, lets the text through again.
 * Memory is bounded: chats quiet for a whole window are forgotten.
 */
export class DuplicateFilter {
  private readonly last = new Map<string, { text: string; at: number }>();
  private checks = 0;

  constructor(
    private readonly windowMs = DUPLICATE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `text` repeats the chat's previous message within the window (and should be dropped). */
  isDuplicate(chatKey: string, text: string): boolean {
    const now = this.now();
    if (++this.checks % 1000 === 0) this.forgetQuiet(now);
    const normalized = text.replace(/\s+/g, " ").trim();
    const previous = this.last.get(chatKey);
    this.last.set(chatKey, { text: normalized, at: now });
    return previous !== undefined && previous.text === normalized && now - previous.at <= this.windowMs;
  }

  private forgetQuiet(now: number): void {
    for (const [chat, entry] of this.last) if (now - entry.at > this.windowMs) this.last.delete(chat);
  }
}
