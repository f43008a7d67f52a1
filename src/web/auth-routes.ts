import { Hono, type Context } from "hono";
import { z } from "zod";
import { type Accounts, DisplayNameSchema, PasswordSchema, UsernameSchema, type AccountProblem } from "../app/accounts.js";
import type { Config } from "../config/index.js";
import type { Logger } from "../log/index.js";
import type { PolicyService } from "../app/types.js";
import type { Account } from "../store/types.js";
import { clientAddress, crossOrigin, csrfTokenOf, requireRole, sameSecret, tooManyAttempts, type AuthEnv, type Sessions } from "./auth.js";
import { apiError } from "./http-errors.js";
import { readJsonBody } from "./json-body.js";

const LoginSchema = z.object({
  username: z.string().max(64),
  password: z.string().max(200),
  /** Scripts: answer with a bearer token instead of setting the cookie. */
  bearer: z.boolean().optional(),
});

const FirstAdminSchema = z.object({
  adminToken: z.string().max(500),
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  password: PasswordSchema,
});

/** What the pages know about the person signed in. */
export function publicAccount(account: Account) {
  return { id: account.id, username: account.username, displayName: account.displayName, role: account.role };
}

/** The Chinese message for an account change that was refused. */
export function accountProblemResponse(c: Context, problem: AccountProblem): Response {
  switch (problem) {
    case "username_taken":
      return apiError(c, 409, "username_taken", "这个用户名已被使用。", "That username is taken.");
    case "not_found":
      return apiError(c, 404, "not_found", "没有这个账号。", "No such account.");
    case "last_admin":
      return apiError(c, 409, "last_admin", "至少要保留一个可用的管理员账号。", "At least one enabled admin must remain.");
  }
}

/**
 * Signing in and out under `/api/auth`: the page's status (who is signed in,
 * the CSRF token, whether the first admin may be created), login (a cookie
 * for the pages, or a bearer token for scripts), logout, and creating the
 * first admin with `ADMIN_TOKEN` while no admin exists.
 */
export function authRoutes(deps: { service: PolicyService; accounts: Accounts; sessions: Sessions; config: Config; logger: Logger }): Hono<AuthEnv> {
  const { service, accounts, sessions, config, logger } = deps;
  const auth = new Hono<AuthEnv>();

  const refuseCrossSite = (c: Context) => (crossOrigin(c) ? apiError(c, 403, "csrf", "请求来源不正确。", "Cross-site request refused.") : undefined);

  auth.get("/status", (c) => {
    const session = sessions.resolve(c);
    return c.json({
      needsFirstAdmin: accounts.needsFirstAdmin(),
      firstAdminEnabled: Boolean(config.ADMIN_TOKEN) && accounts.needsFirstAdmin(),
      ...(session.ok
        ? { user: publicAccount(session.account), ...(session.kind === "cookie" ? { csrfToken: csrfTokenOf(session.token) } : {}) }
        : session.problem === "expired"
          ? { expired: true }
          : {}),
    });
  });

  auth.post("/login", async (c) => {
    const refused = refuseCrossSite(c);
    if (refused) return refused;
    const address = clientAddress(c);
    const blocked = tooManyAttempts(c, sessions.throttle, address);
    if (blocked) return blocked;
    const body = await readJsonBody(c, LoginSchema);
    if (!body.ok) return body.response;
    const { username, password, bearer } = body.value;
    const account = await accounts.authenticate(username, password);
    if (!account) {
      const { audit, suppressed } = sessions.throttle.fail(address);
      if (audit) {
        // Name only accounts that exist: a password typed into the name field must not reach the audit log.
        const known = service.accounts.byUsername(username.trim());
        const more = suppressed > 0 ? `；此前一分钟内另有 ${suppressed} 次失败` : "";
        service.audit(known?.username ?? "（未知用户名）", "auth.login_failed", `来自 ${address}${more}`);
        logger.warn({ address, suppressed }, "console sign-in refused");
      }
      return apiError(c, 401, "bad_credentials", "用户名或密码不正确，或账号已停用。", "Wrong username or password, or the account is disabled.");
    }
    sessions.throttle.succeed(address);
    const token = sessions.start(account, bearer ? "bearer" : "cookie");
    service.audit(account.username, "auth.login", `${bearer ? "API 令牌" : "网页"}，来自 ${clientAddress(c)}`);
    if (bearer) return c.json({ user: publicAccount(account), token, expiresInMinutes: config.SESSION_IDLE_MINUTES });
    sessions.setCookie(c, token);
    return c.json({ user: publicAccount(account), csrfToken: csrfTokenOf(token) });
  });

  auth.post("/first-admin", async (c) => {
    const refused = refuseCrossSite(c);
    if (refused) return refused;
    if (!config.ADMIN_TOKEN) {
      return apiError(c, 503, "first_admin_disabled", "未设置 ADMIN_TOKEN，无法创建首个管理员。", "ADMIN_TOKEN is not set.");
    }
    if (!accounts.needsFirstAdmin()) {
      return apiError(c, 409, "admin_exists", "已经有管理员账号，请用账号登录。", "An admin account already exists.");
    }
    const address = clientAddress(c);
    const blocked = tooManyAttempts(c, sessions.throttle, address);
    if (blocked) return blocked;
    const body = await readJsonBody(c, FirstAdminSchema);
    if (!body.ok) return body.response;
    const { adminToken, ...input } = body.value;
    if (!sameSecret(adminToken, config.ADMIN_TOKEN)) {
      const { audit } = sessions.throttle.fail(address);
      if (audit) service.audit(`web:${address}`, "auth.first_admin_refused", "管理令牌不正确");
      logger.warn({ address }, "first admin refused: wrong ADMIN_TOKEN");
      return apiError(c, 401, "bad_admin_token", "管理令牌（ADMIN_TOKEN）不正确。", "Wrong ADMIN_TOKEN.");
    }
    const created = await accounts.create({ ...input, role: "admin" });
    if (!created.ok) return accountProblemResponse(c, created.problem);
    service.audit(created.account.username, "account.first_admin", `${created.account.displayName}（${created.account.username}）`);
    const token = sessions.start(created.account, "cookie");
    sessions.setCookie(c, token);
    return c.json({ user: publicAccount(created.account), csrfToken: csrfTokenOf(token) }, 201);
  });

  auth.post("/logout", requireRole({ roles: ["staff", "admin"], sessions, audit: service.audit, logger }), (c) => {
    const session = sessions.resolve(c);
    if (session.ok) sessions.end(session.token);
    sessions.clearCookie(c);
    service.audit(c.get("actor"), "auth.logout", "");
    return c.json({ ok: true });
  });

  return auth;
}
