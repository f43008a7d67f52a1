import type { Account } from "../../../store/types.js";
import { byId, el, replace } from "../dom.js";
import { localTime, ROLE_LABELS } from "../labels.js";
import { call, jsonInit, type SignedIn } from "../session.js";

/** The 账号 tab: named staff and admin accounts; create, disable or enable, reset a password, change the role. */

let known: Account[] = [];
export const accountsKnown = () => known;

function status(text: string, error = false): void {
  const box = byId("accounts-status");
  box.textContent = text;
  box.classList.toggle("error", error);
}

async function change(a: Account, body: Record<string, unknown>, done: string): Promise<void> {
  try {
    await call(`/api/admin/accounts/${a.id}`, jsonInit("PATCH", body));
    status(done);
    await loadAccounts();
  } catch (err) {
    status((err as Error).message, true);
  }
}

function resetForm(a: Account): HTMLFormElement {
  const input = el("input", {
    type: "password",
    minlength: "10",
    maxlength: "200",
    required: true,
    autocomplete: "new-password",
    "aria-label": `${a.username} 的新密码`,
    placeholder: "新密码（至少 10 位）",
  });
  const form = el("form", { class: "inline-form reset-form" }, input, el("button", { type: "submit", class: "small" }, "确定"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await call(`/api/admin/accounts/${a.id}/password`, jsonInit("POST", { password: input.value }));
      status(`已重置 ${a.displayName} 的密码，其已登录的会话均已退出。`);
      form.remove();
    } catch (err) {
      status((err as Error).message, true);
    }
  });
  return form;
}

export async function loadAccounts(me?: SignedIn): Promise<void> {
  known = await call<Account[]>("/api/admin/accounts");
  replace(
    byId("accounts-body"),
    ...known.map((a) => {
      const cell = el("td", { class: "nowrap" });
      const reset = el("button", { type: "button", class: "link small" }, "重置密码");
      reset.addEventListener("click", () => {
        if (!cell.querySelector(".reset-form")) cell.append(resetForm(a));
      });
      const toggle = el("button", { type: "button", class: `link small${a.disabled ? "" : " danger"}` }, a.disabled ? "启用" : "停用");
      toggle.addEventListener("click", () => void change(a, { disabled: !a.disabled }, `${a.disabled ? "已启用" : "已停用"} ${a.displayName}`));
      const role = el("button", { type: "button", class: "link small" }, a.role === "admin" ? "改为窗口人员" : "设为管理员");
      role.addEventListener("click", () => void change(a, { role: a.role === "admin" ? "staff" : "admin" }, `已修改 ${a.displayName} 的角色`));
      cell.append(reset, " ", toggle, " ", role);
      return el(
        "tr",
        { "data-account": a.username },
        el("td", {}, a.username, me?.id === a.id ? el("span", { class: "muted" }, "（本人）") : null),
        el("td", {}, a.displayName),
        el("td", { class: "nowrap" }, ROLE_LABELS[a.role] ?? a.role),
        el("td", { class: `nowrap${a.disabled ? " warn" : ""}` }, a.disabled ? "已停用" : "正常"),
        el("td", { class: "nowrap" }, localTime(a.createdAt)),
        cell,
      );
    }),
  );
}

export function initAccounts(onChange: () => Promise<void>): void {
  byId<HTMLFormElement>("account-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const box = byId("account-form-status");
    box.classList.remove("error");
    const body = {
      username: byId<HTMLInputElement>("acc-username").value.trim(),
      displayName: byId<HTMLInputElement>("acc-name").value.trim(),
      role: byId<HTMLSelectElement>("acc-role").value,
      password: byId<HTMLInputElement>("acc-password").value,
    };
    try {
      await call("/api/admin/accounts", jsonInit("POST", body));
      box.textContent = `已创建账号 ${body.username}`;
      byId<HTMLFormElement>("account-form").reset();
      await loadAccounts();
      await onChange();
    } catch (err) {
      box.textContent = (err as Error).message;
      box.classList.add("error");
    }
  });
}
