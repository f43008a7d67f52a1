import type { AuditEntry } from "../../../store/types.js";
import { byId, el, replace } from "../dom.js";
import { AUDIT_ACTION_LABELS, auditActionLabel, localTime, namesOf, personLabel } from "../labels.js";
import { call } from "../session.js";
import { accountsKnown } from "./accounts.js";

/** The 审计 tab: who did what, in Chinese, to the second; filter by person, action and date. */

function fillFilters(): void {
  const actor = byId<HTMLSelectElement>("audit-actor");
  const keep = actor.value;
  replace(actor, el("option", { value: "" }, "全部"), ...accountsKnown().map((a) => el("option", { value: a.username }, `${a.displayName}（${a.username}）`)));
  actor.value = keep;
  const action = byId<HTMLSelectElement>("audit-action");
  if (action.options.length <= 1) {
    for (const [code, label] of Object.entries(AUDIT_ACTION_LABELS)) action.append(el("option", { value: code }, label));
  }
}

export async function loadAudit(): Promise<void> {
  fillFilters();
  const params = new URLSearchParams({ limit: "500" });
  for (const [key, id] of [
    ["actor", "audit-actor"],
    ["action", "audit-action"],
    ["from", "audit-from"],
    ["to", "audit-to"],
  ] as const) {
    const value = byId<HTMLInputElement | HTMLSelectElement>(id).value;
    if (value) params.set(key, value);
  }
  const entries = await call<AuditEntry[]>(`/api/admin/audit?${params}`);
  const names = namesOf(accountsKnown());
  replace(
    byId("audit-body"),
    ...entries.map((e) =>
      el(
        "tr",
        { "data-action": e.action },
        el("td", { class: "nowrap" }, localTime(e.at)),
        el("td", { class: "nowrap" }, personLabel(e.actor, names)),
        el("td", { class: "nowrap" }, auditActionLabel(e.action)),
        el("td", { class: "wide" }, e.detail),
      ),
    ),
  );
}

export function initAudit(): void {
  byId<HTMLFormElement>("audit-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void loadAudit();
  });
}
