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

byId<HTMLFormElement>("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = byId("login-status");
  status.textContent = "正在登录…";
  try {
    const { data } = await fetchJson<{ user: SignedIn; csrfToken: string }>("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: byId<HTMLInputElement>("username").value, password: byId<HTMLInputElement>("password").value }),
    });
    rememberCsrf(data.csrfToken);
    status.textContent = "";
    location.assign(landing(data.user));
  } catch (err) {
    byId<HTMLInputElement>("password").value = "";
    status.textContent = messageOf(err);
  }
});

byId<HTMLFormElement>("first-admin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = byId("first-admin-status");
  status.textContent = "正在创建…";
  try {
    const { data } = await fetchJson<{ user: SignedIn; csrfToken: string }>("/api/auth/first-admin", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        adminToken: byId<HTMLInputElement>("fa-token").value,
        username: byId<HTMLInputElement>("fa-username").value,
        displayName: byId<HTMLInputElement>("fa-name").value,
        password: byId<HTMLInputElement>("fa-password").value,
      }),
    });
    rememberCsrf(data.csrfToken);
    location.assign("/admin");
  } catch (err) {
    status.textContent = messageOf(err);
  }
});

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
