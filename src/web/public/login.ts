import { ApiError, byId, fetchJson } from "./dom.js";
import { authStatus, logout, rememberCsrf, type SignedIn } from "./session.js";
import { ROLE_LABELS } from "./labels.js";

/** The login page: sign in, or create the first admin with ADMIN_TOKEN while none exists. */

const params = new URLSearchParams(location.search);
/** Only a path of this site: never an open redirect. */
const next = /^\/[a-z]*$/.test(params.get("next") ?? "") ? params.get("next")! : "";

function landing(user: SignedIn): string {
  if (user.role === "admin") return next || "/admin";
  return next === "/admin" || !next ? "/" : next;
}

function showSignedIn(user: SignedIn): void {
  byId("login").hidden = true;
  byId("first-admin").hidden = true;
  byId("signed-in").hidden = false;
  byId("signed-in-as").textContent = `${user.displayName}（${user.username}，${ROLE_LABELS[user.role]}）`;
  byId("go-admin").hidden = user.role !== "admin";
}

const messageOf = (err: unknown) => (err instanceof ApiError ? err.message.replace(/\s+[A-Z][^\u4e00-\u9fff]*$/, "") : "出错了，请稍后再试。");

/**
 * A form that signs someone in: while it runs the status says `pending`; on success the session's CSRF
 * token is kept and the page goes where `next` says; on failure the status says why, in Chinese.
 */
function signInForm(
  formId: string,
  statusId: string,
  pending: string,
  url: string,
  body: () => Record<string, string>,
  next: (user: SignedIn) => string,
  onError?: () => void,
): void {
  byId<HTMLFormElement>(formId).addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = byId(statusId);
    status.textContent = pending;
    try {
      const { data } = await fetchJson<{ user: SignedIn; csrfToken: string }>(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body()),
      });
      rememberCsrf(data.csrfToken);
      status.textContent = "";
      location.assign(next(data.user));
    } catch (err) {
      onError?.();
      status.textContent = messageOf(err);
    }
  });
}

const fieldValue = (id: string) => byId<HTMLInputElement>(id).value;

signInForm(
  "login-form",
  "login-status",
  "正在登录…",
  "/api/auth/login",
  () => ({ username: fieldValue("username"), password: fieldValue("password") }),
  landing,
  () => {
    byId<HTMLInputElement>("password").value = "";
  },
);

signInForm(
  "first-admin-form",
  "first-admin-status",
  "正在创建…",
  "/api/auth/first-admin",
  () => ({ adminToken: fieldValue("fa-token"), username: fieldValue("fa-username"), displayName: fieldValue("fa-name"), password: fieldValue("fa-password") }),
  () => "/admin",
);

byId("logout").addEventListener("click", () => void logout());

void authStatus().then((status) => {
  if (status.user) return showSignedIn(status.user);
  byId("expired").hidden = !(params.get("expired") === "1" || status.expired);
  if (status.needsFirstAdmin) {
    byId("first-admin").hidden = !status.firstAdminEnabled;
    byId("no-admin").hidden = status.firstAdminEnabled;
  }
  byId("username").focus();
});
