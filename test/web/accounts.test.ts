import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, PASSWORD, bearerFor, createAccount, startTestConsole, type TestConsole } from "./support/console.js";

let app: TestConsole;

beforeAll(async () => {
  app = await startTestConsole();
});
afterAll(async () => {
  await app?.stop();
});

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});

/** A browser-like client: keeps the session cookie and the CSRF token. */
async function signIn(username: string, password = PASSWORD): Promise<{ cookie: string; csrf: string; setCookie: string }> {
  const response = await fetch(app.url + "/api/auth/login", json({ username, password }));
  expect(response.status).toBe(200);
  const setCookie = response.headers.get("set-cookie") ?? "";
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: setCookie.split(";")[0]!, csrf: csrfToken, setCookie };
}

const auditActions = () => app.service.auditLog(1000).map((e) => `${e.actor}:${e.action}`);

describe("the first admin", () => {
  it("is created with ADMIN_TOKEN while no admin exists, and only then", async () => {
    const status = (await (await fetch(app.url + "/api/auth/status")).json()) as { needsFirstAdmin: boolean; firstAdminEnabled: boolean };
    expect(status).toMatchObject({ needsFirstAdmin: true, firstAdminEnabled: true });

    const wrong = await fetch(app.url + "/api/auth/first-admin", json({ adminToken: "not-the-token-at-all", username: "li.admin", displayName: "李管理", password: PASSWORD }));
    expect(wrong.status).toBe(401);
    expect(auditActions()).toContain("web:127.0.0.1:auth.first_admin_refused");

    const made = await fetch(app.url + "/api/auth/first-admin", json({ adminToken: ADMIN_TOKEN, username: "li.admin", displayName: "李管理", password: PASSWORD }));
    expect(made.status).toBe(201);
    const cookie = made.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/ipbot_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);

    const again = await fetch(app.url + "/api/auth/first-admin", json({ adminToken: ADMIN_TOKEN, username: "other", displayName: "另一个", password: PASSWORD }));
    expect(again.status).toBe(409);
    expect(app.service.accounts.list().map((a) => a.username)).toEqual(["li.admin"]);
    expect(auditActions()).toContain("li.admin:account.first_admin");
  });
});

describe("signing in", () => {
  it("audits failures under the account's name, never the password typed", async () => {
    const typed = "a-wrong-password-typed-here";
    // Failures from one address are audited at most once a minute: start a fresh minute.
    app.advanceClock(61_000);
    expect((await fetch(app.url + "/api/auth/login", json({ username: "li.admin", password: typed }))).status).toBe(401);
    // Failures from one address are audited at most once a minute.
    app.advanceClock(61_000);
    expect((await fetch(app.url + "/api/auth/login", json({ username: typed, password: typed }))).status).toBe(401);
    const failures = app.service.auditLog({ action: "auth.login_failed" });
    expect(failures.map((e) => e.actor)).toEqual(expect.arrayContaining(["li.admin", "（未知用户名）"]));
    expect(JSON.stringify(app.service.auditLog(1000))).not.toContain(typed);
    expect(app.logText()).not.toContain(typed);
    expect(app.logText()).not.toContain(PASSWORD);
    // The hash is scrypt with its own salt, never the password.
    const stored = app.service.accounts.byUsername("li.admin")!.passwordHash;
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain(PASSWORD);
  });

  it("needs the CSRF token and this site's origin for a change made with the cookie", async () => {
    const { cookie, csrf } = await signIn("li.admin");
    expect((await fetch(app.url + "/api/admin/documents", { headers: { Cookie: cookie } })).status).toBe(200);
    const reindex = (headers: Record<string, string>) => fetch(app.url + "/api/admin/reindex", { method: "POST", headers: { Cookie: cookie, ...headers } });
    const missing = await reindex({});
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("csrf");
    expect((await reindex({ "X-CSRF-Token": "forged" })).status).toBe(403);
    expect((await reindex({ "X-CSRF-Token": csrf, Origin: "https://evil.example" })).status).toBe(403);
    const host = new URL(app.url).host;
    expect((await reindex({ "X-CSRF-Token": csrf, Origin: `http://${host}` })).status).toBe(202);
    // A login from another site is refused too.
    expect((await fetch(app.url + "/api/auth/login", json({ username: "li.admin", password: PASSWORD }, { Origin: "https://evil.example" }))).status).toBe(403);
  });

  it("does not log a login when a page is loaded", async () => {
    const { cookie } = await signIn("li.admin");
    const before = app.service.auditLog(1000).length;
    for (let i = 0; i < 3; i++) {
      expect((await fetch(app.url + "/admin", { headers: { Cookie: cookie } })).status).toBe(200);
      await fetch(app.url + "/api/auth/status", { headers: { Cookie: cookie } });
    }
    expect(app.service.auditLog(1000).length).toBe(before);
  });

  it("ends a session on logout", async () => {
    const { cookie, csrf } = await signIn("li.admin");
    const out = await fetch(app.url + "/api/auth/logout", { method: "POST", headers: { Cookie: cookie, "X-CSRF-Token": csrf } });
    expect(out.status).toBe(200);
    expect((await fetch(app.url + "/api/admin/documents", { headers: { Cookie: cookie } })).status).toBe(401);
    expect(auditActions()).toContain("li.admin:auth.logout");
  });

  it("expires a session after SESSION_IDLE_MINUTES idle and SESSION_MAX_HOURS in all", async () => {
    const idle = await signIn("li.admin");
    app.advanceClock((app.config.SESSION_IDLE_MINUTES + 1) * 60_000);
    const expired = await fetch(app.url + "/api/admin/documents", { headers: { Cookie: idle.cookie } });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe("session_expired");
    const page = await fetch(app.url + "/admin", { headers: { Cookie: idle.cookie }, redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login?next=%2Fadmin");

    const busy = await signIn("li.admin");
    const step = (app.config.SESSION_IDLE_MINUTES - 1) * 60_000;
    let elapsed = 0;
    while (elapsed + step < app.config.SESSION_MAX_HOURS * 3_600_000) {
      app.advanceClock(step);
      elapsed += step;
      expect((await fetch(app.url + "/api/admin/documents", { headers: { Cookie: busy.cookie } })).status).toBe(200);
    }
    app.advanceClock(step);
    expect((await fetch(app.url + "/api/admin/documents", { headers: { Cookie: busy.cookie } })).status).toBe(401);
  });
});

describe("roles", () => {
  it("keeps a staff account out of the admin page and every admin API (403), and audits the attempt", async () => {
    await createAccount(app, "zhao.staff", "staff", "赵窗口");
    const staff = await bearerFor(app, "zhao.staff");
    for (const path of [
      "/api/admin/documents",
      "/api/admin/accounts",
      "/api/admin/queries",
      "/api/admin/audit",
      "/api/admin/lexicon",
      "/api/admin/hit-test?q=x",
      "/api/admin/queries/export?format=xlsx",
    ]) {
      expect((await fetch(app.url + path, { headers: staff })).status, path).toBe(403);
    }
    expect((await fetch(app.url + "/api/admin/reindex", { method: "POST", headers: staff })).status).toBe(403);
    expect((await fetch(app.url + "/api/admin/accounts", json({ username: "x1", displayName: "x", role: "admin", password: PASSWORD }, staff))).status).toBe(403);
    const { cookie } = await signIn("zhao.staff");
    const page = await fetch(app.url + "/admin", { headers: { Cookie: cookie } });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("无权访问");
    expect(auditActions()).toContain("zhao.staff:auth.forbidden");
  });

  it("lets staff propose a curated answer that waits for an admin", async () => {
    const staff = await bearerFor(app, "zhao.staff");
    const recordId = app.service.unit("市公安局")!.records[0]!.id;
    const proposed = await fetch(app.url + "/api/curated/proposals", json({ question: "侵权假冒找谁举报？", answer: "请联系市公安局。", recordId }, staff));
    expect(proposed.status).toBe(201);
    expect(app.service.listCurated()).toEqual([]);
    const admin = await bearerFor(app, "li.admin");
    const proposals = (await (await fetch(app.url + "/api/admin/curated?status=proposed", { headers: admin })).json()) as { id: number; author: string }[];
    expect(proposals).toHaveLength(1);
    expect(proposals[0]!.author).toBe("zhao.staff");
    const approved = await fetch(`${app.url}/api/admin/curated/${proposals[0]!.id}`, {
      method: "PUT",
      headers: { ...admin, "Content-Type": "application/json" },
      body: JSON.stringify({ question: "侵权假冒找谁举报？", answer: "请联系市公安局。", recordId }),
    });
    expect(approved.status).toBe(200);
    expect(app.service.listCurated().map((c) => c.question)).toEqual(["侵权假冒找谁举报？"]);
    expect(auditActions()).toEqual(expect.arrayContaining(["zhao.staff:curated.propose", "li.admin:curated.approve"]));
  });
});

describe("managing accounts", () => {
  it("creates, disables and re-enables an account, resets a password and keeps the last admin", async () => {
    const admin = await bearerFor(app, "li.admin");
    const made = await fetch(app.url + "/api/admin/accounts", json({ username: "sun.staff", displayName: "孙窗口", role: "staff", password: PASSWORD }, admin));
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: number };
    expect((await fetch(app.url + "/api/admin/accounts", json({ username: "SUN.staff", displayName: "重名", role: "staff", password: PASSWORD }, admin))).status).toBe(409);
    expect((await fetch(app.url + "/api/admin/accounts", json({ username: "short.pw", displayName: "短密码", role: "staff", password: "123" }, admin))).status).toBe(400);

    const session = await bearerFor(app, "sun.staff");
    const patch = (body: unknown) =>
      fetch(`${app.url}/api/admin/accounts/${id}`, { method: "PATCH", headers: { ...admin, "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect((await patch({ disabled: true })).status).toBe(200);
    expect((await fetch(app.url + "/api/curated/proposals", json({}, session))).status).toBe(401);
    expect((await fetch(app.url + "/api/auth/login", json({ username: "sun.staff", password: PASSWORD }))).status).toBe(401);
    expect((await patch({ disabled: false })).status).toBe(200);

    const reset = await fetch(`${app.url}/api/admin/accounts/${id}/password`, json({ password: "a-brand-new-password" }, admin));
    expect(reset.status).toBe(200);
    expect((await fetch(app.url + "/api/auth/login", json({ username: "sun.staff", password: PASSWORD }))).status).toBe(401);
    expect((await fetch(app.url + "/api/auth/login", json({ username: "sun.staff", password: "a-brand-new-password" }))).status).toBe(200);

    const me = app.service.accounts.byUsername("li.admin")!;
    const last = await fetch(`${app.url}/api/admin/accounts/${me.id}`, {
      method: "PATCH",
      headers: { ...admin, "Content-Type": "application/json" },
      body: JSON.stringify({ disabled: true }),
    });
    expect(last.status).toBe(409);
    expect(auditActions()).toEqual(expect.arrayContaining(["li.admin:account.create", "li.admin:account.disable", "li.admin:account.enable", "li.admin:account.password_reset"]));
    expect(JSON.stringify(app.service.auditLog(1000))).not.toContain("a-brand-new-password");
  });
});

describe("feedback reasons", () => {
  it("stores a reason and a comment with a thumbs-down, under the person who gave it", async () => {
    const staff = await bearerFor(app, "zhao.staff");
    const asked = await fetch(app.url + "/api/ask", json({ question: "专利质押融资找谁？" }, staff));
    const queryId = Number(asked.headers.get("x-query-id"));
    const sent = await fetch(app.url + "/api/feedback", json({ queryId, helpful: false, reason: "wrong_unit", comment: "应是银保监分局" }, staff));
    expect(sent.status).toBe(200);
    expect(app.service.queries({ limit: 1 })[0]).toMatchObject({
      id: queryId,
      askedBy: "zhao.staff",
      feedback: -1,
      feedbackReason: "wrong_unit",
      feedbackComment: "应是银保监分局",
      feedbackBy: "zhao.staff",
    });
    expect((await fetch(app.url + "/api/feedback", json({ queryId, helpful: false, reason: "bogus" }, staff))).status).toBe(400);
  });
});
