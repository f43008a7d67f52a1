import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "../../src/bot/rate-limit.js";

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("SlidingWindowLimiter", () => {
  it("allows the configured number per minute, then refuses with ONE notice per window", () => {
    const c = clock();
    const limiter = new SlidingWindowLimiter(3, 60_000, c.now);
    const decisions = Array.from({ length: 30 }, () => limiter.check(7));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
    const refused = decisions.filter((d) => !d.allowed);
    expect(refused).toHaveLength(27);
    expect(refused.filter((d) => !d.allowed && d.notify)).toHaveLength(1);
  });

  it("answers again once the window has slid past the accepted requests", () => {
    const c = clock();
    const limiter = new SlidingWindowLimiter(2, 60_000, c.now);
    limiter.check(7);
    c.advance(30_000);
    limiter.check(7);
    const refused = limiter.check(7);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
    c.advance(30_000);
    expect(limiter.check(7).allowed).toBe(true);
    expect(limiter.check(7).allowed).toBe(false);
  });

  it("gives a new notice only in a later window", () => {
    const c = clock();
    const limiter = new SlidingWindowLimiter(1, 60_000, c.now);
    limiter.check(7);
    expect(limiter.check(7)).toMatchObject({ allowed: false, notify: true });
    c.advance(10_000);
    expect(limiter.check(7)).toMatchObject({ allowed: false, notify: false });
    c.advance(60_000);
    expect(limiter.check(7).allowed).toBe(true);
    expect(limiter.check(7)).toMatchObject({ allowed: false, notify: true });
  });

  it("counts users apart", () => {
    const limiter = new SlidingWindowLimiter(1, 60_000, clock().now);
    expect(limiter.check(1).allowed).toBe(true);
    expect(limiter.check(2).allowed).toBe(true);
    expect(limiter.check(1).allowed).toBe(false);
  });
});
