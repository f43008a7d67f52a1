import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Logger } from "../log/index.js";
import type { Store } from "../store/types.js";
import { apiError } from "./http-errors.js";

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
 * logged and audited with the client address, never with what was presented.
 * Without a configured token the admin API is off (503).
 */
export function requireAdmin(options: { token: string | undefined; logger: Logger; store: Store }): MiddlewareHandler<AdminEnv> {
  const expected = options.token ? digest(options.token) : undefined;
  return async (c, next) => {
    if (!expected) {
      return apiError(c, 503, "admin_disabled", "管理功能未启用（未设置 ADMIN_TOKEN）。", "admin disabled: ADMIN_TOKEN is not set.");
    }
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    const presented = match?.[1] ?? "";
    const ok = presented !== "" && timingSafeEqual(digest(presented), expected);
    const address = clientAddress(c);
    if (!ok) {
      const reason = presented ? "wrong token" : "no token";
      options.logger.warn({ address, method: c.req.method, path: c.req.path, reason }, "admin request refused");
      options.store.audit(`web:${address}`, "auth.refused", `${c.req.method} ${c.req.path} (${reason})`);
      c.header("WWW-Authenticate", 'Bearer realm="admin"');
      return apiError(c, 401, "unauthorized", "管理令牌无效或缺失。", "Missing or invalid admin token.");
    }
    c.set("actor", `web-admin@${address}`);
    await next();
  };
}
