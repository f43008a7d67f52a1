import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Logger } from "../log/index.js";
import { apiError } from "./http-errors.js";
import { LoginThrottle } from "./login-throttle.js";

/** Who performed an admin action, as the audit log records it (never the token). */
export type AdminEnv = { Variables: { actor: string } };

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Where a request came from, for logs and the audit trail. */
export function clientAddress(c: Parameters<MiddlewareHandler>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * Guards `/api/admin/*`: a request must carry `Authorization: Bearer <ADMIN_TOKEN>`.
 * The token is compared through SHA-256 digests with `timingSafeEqual`, so
 * neither its content nor its length leaks through timing. Refusals are
 * logged and audited with the client address, never with what was presented;
 * an address that keeps failing is throttled (429, not even checked) and its
 * failures are audited at most once a minute, with the count left out.
 * Without a configured token the admin API is off (503).
 */
export function requireAdmin(options: { token: string | undefined; logger: Logger; audit: (actor: string, action: string, detail: string) => void; throttle?: LoginThrottle }): MiddlewareHandler<AdminEnv> {
  const expected = options.token ? digest(options.token) : undefined;
  const throttle = options.throttle ?? new LoginThrottle();
  return async (c, next) => {
    if (!expected) {
      return apiError(c, 503, "admin_disabled", "管理功能未启用（未设置 ADMIN_TOKEN）。", "admin disabled: ADMIN_TOKEN is not set.");
    }
    const address = clientAddress(c);
    const wait = throttle.retryAfterSeconds(address);
    if (wait > 0) {
      c.header("Retry-After", String(wait));
      return apiError(c, 429, "too_many_attempts", `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试。`, `Too many failed sign-ins; retry in ${wait} s.`);
    }
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    const presented = match?.[1] ?? "";
    const ok = presented !== "" && timingSafeEqual(digest(presented), expected);
    if (!ok) {
      const reason = presented ? "wrong token" : "no token";
      const { audit, suppressed } = throttle.fail(address);
      if (audit) {
        options.logger.warn({ address, method: c.req.method, path: c.req.path, reason, suppressed }, "admin request refused");
        const more = suppressed > 0 ? `; ${suppressed} more refusals from this address since the last entry` : "";
        options.audit(`web:${address}`, "auth.refused", `${c.req.method} ${c.req.path} (${reason}${more})`);
      }
      c.header("WWW-Authenticate", 'Bearer realm="admin"');
      return apiError(c, 401, "unauthorized", "管理令牌无效或缺失。", "Missing or invalid admin token.");
    }
    throttle.succeed(address);
    c.set("actor", `web-admin@${address}`);
    await next();
  };
}
