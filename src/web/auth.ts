import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Config } from "../config/index.js";
import type { Logger } from "../log/index.js";
import type { Account, AccountStore, Role } from "../store/types.js";
import { apiError } from "./http-errors.js";
import type { LoginThrottle } from "./login-throttle.js";

/** Who is making a request, set by {@link requireRole}. `actor` is what the audit log records (the username). */
export type AuthEnv = { Variables: { user: Account; actor: string } };

export const SESSION_COOKIE = "ipbot_session";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();
const hashOf = (token: string) => sha256(token).toString("hex");

/** Compares two strings in constant time (through digests, so their lengths do not leak either). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/** Where a request came from, for logs and the audit trail. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** Why a presented session does not count. */
export type SessionProblem = "none" | "unknown" | "expired" | "disabled";

export type ResolvedSession = { ok: true; account: Account; kind: "cookie" | "bearer"; token: string } | { ok: false; problem: SessionProblem };

/**
 * Console sign-ins: a random token per session, kept in the database only as
 * its SHA-256. A session ends after `SESSION_IDLE_MINUTES` without a request
 * and `SESSION_MAX_HOURS` after it began, and when its account is disabled,
 * changes role or has its password reset.
 */
export class Sessions {
  private readonly idleMs: number;
  private readonly maxMs: number;

  constructor(
    private readonly accounts: AccountStore,
    private readonly config: Config,
    private readonly now: () => number,
    /** Failed sign-ins and unknown bearer tokens, per address: past the allowance an address gets 429. */
    readonly throttle: LoginThrottle,
  ) {
    this.idleMs = config.SESSION_IDLE_MINUTES * 60_000;
    this.maxMs = config.SESSION_MAX_HOURS * 3_600_000;
  }

  start(account: Account, kind: "cookie" | "bearer"): string {
    const token = randomBytes(32).toString("base64url");
    this.accounts.createSession(hashOf(token), account.id, kind, this.now());
    return token;
  }

  /** The session a request carries (cookie, or `Authorization: Bearer` for scripts), renewed on use. */
  resolve(c: Context): ResolvedSession {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization")?.trim() ?? "")?.[1];
    const token = bearer ?? getCookie(c, SESSION_COOKIE);
    if (!token) return { ok: false, problem: "none" };
    const key = hashOf(token);
    const session = this.accounts.session(key);
    if (!session || (bearer ? session.kind !== "bearer" : session.kind !== "cookie")) return { ok: false, problem: "unknown" };
    const now = this.now();
    if (now - session.lastSeenAt > this.idleMs || now - session.createdAt > this.maxMs) {
      this.accounts.removeSession(key);
      return { ok: false, problem: "expired" };
    }
    const account = this.accounts.get(session.userId);
    if (!account || account.disabled) {
      this.accounts.removeSession(key);
      return { ok: false, problem: "disabled" };
    }
    this.accounts.touchSession(key, now);
    return { ok: true, account, kind: session.kind, token };
  }

  end(token: string): void {
    this.accounts.removeSession(hashOf(token));
  }

  setCookie(c: Context, token: string): void {
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      secure: this.config.COOKIE_SECURE,
      path: "/",
      maxAge: this.config.SESSION_MAX_HOURS * 3600,
    });
  }

  clearCookie(c: Context): void {
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: this.config.COOKIE_SECURE });
  }
}

/**
 * The CSRF token of a cookie session: derived from the session's secret, so
 * it needs no storage and another site cannot know it. The page reads it from
 * `GET /api/auth/status` and sends it as `X-CSRF-Token` on every change.
 */
export function csrfTokenOf(sessionToken: string): string {
  return sha256(`csrf:${sessionToken}`).toString("base64url");
}

/** A request whose `Origin` names another site (browsers send it on every cross-site POST). */
export function crossOrigin(c: Context): boolean {
  const origin = c.req.header("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host !== c.req.header("host");
  } catch {
    return true;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Guards a group of routes: the request must carry a live session of one of
 * `roles`. 401 without one (`session_expired` when it timed out), 403 for a
 * signed-in person of another role (audited), and for a cookie session a
 * change must come from this site and carry its CSRF token. Bearer sessions
 * (scripts) need no CSRF token: a browser never adds that header by itself.
 */
export function requireRole(options: {
  roles: readonly Role[];
  sessions: Sessions;
  audit: (actor: string, action: string, detail: string) => void;
  logger: Logger;
}): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const address = clientAddress(c);
    const blocked = tooManyAttempts(c, options.sessions.throttle, address);
    if (blocked) return blocked;
    const session = options.sessions.resolve(c);
    if (!session.ok) {
      if (session.problem === "expired") {
        return apiError(c, 401, "session_expired", "登录已过期，请重新登录。", "The session expired; sign in again.");
      }
      if (session.problem === "unknown") {
        // A guessed or stale token: counted like a failed sign-in, logged at most once a minute per address.
        const { audit, suppressed } = options.sessions.throttle.fail(address);
        if (audit) options.logger.warn({ address, method: c.req.method, path: c.req.path, suppressed }, "console request with an unknown session");
      }
      return apiError(c, 401, "unauthorized", "请先登录。", "Sign in first.");
    }
    const { account } = session;
    if (!SAFE_METHODS.has(c.req.method) && session.kind === "cookie") {
      const presented = c.req.header("x-csrf-token") ?? "";
      if (crossOrigin(c) || !presented || !sameSecret(presented, csrfTokenOf(session.token))) {
        options.logger.warn({ address: clientAddress(c), method: c.req.method, path: c.req.path, user: account.username }, "request refused: CSRF check failed");
        return apiError(c, 403, "csrf", "页面已过期，请刷新后再试。", "CSRF check failed; reload the page.");
      }
    }
    if (!options.roles.includes(account.role)) {
      options.audit(account.username, "auth.forbidden", `${c.req.method} ${c.req.path}`);
      return apiError(c, 403, "forbidden", "您的账号没有管理权限。", "This account may not use this function.");
    }
    c.set("user", account);
    c.set("actor", account.username);
    await next();
  };
}

/** 429 with `Retry-After` while `address` is blocked for failing too often; undefined when it may try. */
export function tooManyAttempts(c: Context, throttle: LoginThrottle, address: string): Response | undefined {
  const wait = throttle.retryAfterSeconds(address);
  if (wait <= 0) return undefined;
  c.header("Retry-After", String(wait));
  return apiError(c, 429, "too_many_attempts", `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试。`, `Too many failed sign-ins; retry in ${wait} s.`);
}
