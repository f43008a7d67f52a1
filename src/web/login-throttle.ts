/**
 * Slows down guessing: counts failed sign-ins per client address in a
 * sliding window and, past the allowance, refuses that address for a while
 * without even checking what it presents. Also decides which failures are
 * worth an audit row, so a flood of wrong tokens cannot flood the audit log.
 * Knows nothing of HTTP; the admin guard (and any later sign-in) uses it.
 */
export interface LoginThrottleOptions {
  /** Failures allowed per address within `windowMs` before it is blocked. */
  maxFailures?: number;
  windowMs?: number;
  /** How long a blocked address is refused. */
  blockMs?: number;
  /** At most one audit row per address per this interval. */
  auditIntervalMs?: number;
  /** Addresses tracked at once; the oldest are forgotten beyond it. */
  maxAddresses?: number;
  now?: () => number;
}

interface AddressState {
  failures: number[];
  blockedUntil: number;
  lastAudit: number;
  /** Failures not audited since the last audit row. */
  unaudited: number;
}

export class LoginThrottle {
  private readonly states = new Map<string, AddressState>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly blockMs: number;
  private readonly auditIntervalMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.blockMs = options.blockMs ?? 5 * 60_000;
    this.auditIntervalMs = options.auditIntervalMs ?? 60_000;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Seconds until `address` may try again, or 0 when it may try now. */
  retryAfterSeconds(address: string): number {
    const state = this.states.get(address);
    const left = state ? state.blockedUntil - this.now() : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /**
   * Records a failed attempt. Returns whether it should be audited, and how
   * many failures of this address went unaudited before it (0 for the first).
   */
  fail(address: string): { audit: boolean; suppressed: number } {
    const now = this.now();
    const state = this.stateOf(address);
    state.failures = state.failures.filter((at) => at > now - this.windowMs);
    state.failures.push(now);
    if (state.failures.length >= this.maxFailures) {
      state.blockedUntil = now + this.blockMs;
      state.failures = [];
    }
    if (now - state.lastAudit >= this.auditIntervalMs) {
      const suppressed = state.unaudited;
      state.lastAudit = now;
      state.unaudited = 0;
      return { audit: true, suppressed };
    }
    state.unaudited++;
    return { audit: false, suppressed: 0 };
  }

  /** A successful sign-in clears the address's failures. */
  succeed(address: string): void {
    const state = this.states.get(address);
    if (state && state.blockedUntil <= this.now()) this.states.delete(address);
  }

  private stateOf(address: string): AddressState {
    let state = this.states.get(address);
    if (!state) {
      if (this.states.size >= this.maxAddresses) {
        const oldest = this.states.keys().next().value;
        if (oldest !== undefined) this.states.delete(oldest);
      }
      state = { failures: [], blockedUntil: 0, lastAudit: -Infinity, unaudited: 0 };
      this.states.set(address, state);
    }
    return state;
  }
}
