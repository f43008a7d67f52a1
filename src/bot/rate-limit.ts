/** The window `BOT_RATE_LIMIT_PER_MINUTE` counts over. */
export const RATE_WINDOW_MS = 60_000;

/** What the limiter decided for one request. */
export type RateDecision =
  | { allowed: true }
  /** `notify` is true for the first refusal of a window only: one friendly notice, not one per flooded message. */
  | { allowed: false; notify: boolean; retryAfterSeconds: number };

/**
 * Per-user sliding-window rate limit: at most `limit` accepted requests in
 * any `windowMs`. Refused requests do not count, so a user who stops flooding
 * is answered again one window after their earliest accepted request. Memory
 * is bounded: users idle for a whole window are forgotten.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<number, { times: number[]; noticeAt?: number }>();
  private checks = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = RATE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  check(userId: number): RateDecision {
    const now = this.now();
    if (++this.checks % 1000 === 0) this.forgetIdle(now);
    const entry = this.hits.get(userId) ?? { times: [] };
    this.hits.set(userId, entry);
    entry.times = entry.times.filter((t) => now - t < this.windowMs);
    if (entry.times.length < this.limit) {
      entry.times.push(now);
      return { allowed: true };
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((entry.times[0]! + this.windowMs - now) / 1000));
    const notify = entry.noticeAt === undefined || now - entry.noticeAt >= this.windowMs;
    if (notify) entry.noticeAt = now;
    return { allowed: false, notify, retryAfterSeconds };
  }

  private forgetIdle(now: number): void {
    for (const [user, entry] of this.hits) {
      const last = Math.max(entry.times.at(-1) ?? 0, entry.noticeAt ?? 0);
      if (now - last >= this.windowMs) this.hits.delete(user);
    }
  }
}
