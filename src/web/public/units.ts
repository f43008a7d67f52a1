import type { AnswerUnit } from "../../engine/answer-schema.js";
import { el } from "./dom.js";

const ROLE_LABEL = { lead: "牵头", support: "配合", responsible: "" } as const;

/**
 * Responsible units as chips, each once, with 牵头/配合 where the text gives
 * roles; the units the question asked about are marked `asked`.
 */
export function unitChips(units: readonly AnswerUnit[], options: { asked?: readonly string[]; complete?: boolean } = {}): HTMLElement {
  if (units.length === 0) return el("span", { class: "muted" }, "文件未列明责任单位");
  const asked = new Set(options.asked ?? []);
  return el(
    "span",
    { class: "units" },
    ...units.map((u) =>
      el(
        "mark",
        { class: asked.has(u.name) ? "unit asked" : "unit", "data-role": u.role, title: asked.has(u.name) ? "所问的单位" : undefined },
        u.name,
        ROLE_LABEL[u.role] ? el("small", { class: "role" }, ROLE_LABEL[u.role]) : null,
      ),
    ),
    options.complete === false ? el("span", { class: "muted" }, "等（文件未列全）") : null,
  );
}

/** Plain unit names as chips (a record seen on its own, whose roles the page does not know). */
export function nameChips(names: readonly string[], asked: readonly string[] = []): HTMLElement {
  return unitChips(
    names.map((name) => ({ name, role: "responsible" as const })),
    { asked },
  );
}
