import type { DocumentOutline } from "../../../app/types.js";
import type { CuratedAnswer } from "../../../store/types.js";
import { byId, el, replace } from "../dom.js";
import { localTime } from "../labels.js";
import { recordChoices } from "../outline-tree.js";
import { call, jsonInit } from "../session.js";

/** The 精选答复 tab: curated answers, staff proposals waiting for approval, and the form. */

let recordLabels = new Map<string, string>();
let editing: number | undefined;

export async function loadRecords(): Promise<void> {
  const outline = await call<DocumentOutline[]>("/api/outline");
  const choices = recordChoices(outline);
  recordLabels = new Map(choices.map((c) => [c.recordId, c.label]));
  const select = byId<HTMLSelectElement>("curated-record");
  const keep = select.value;
  replace(select, el("option", { value: "" }, "选择所依据的措施…"), ...choices.map((c) => el("option", { value: c.recordId }, c.label)));
  select.value = keep;
}

function rowOf(item: CuratedAnswer): HTMLTableRowElement {
  const remove = async () => {
    await call(`/api/admin/curated/${item.id}`, { method: "DELETE" });
    await loadCurated();
  };
  return el(
    "tr",
    { "data-curated": String(item.id) },
    el("td", {}, item.question),
    el("td", { class: "pre wide" }, item.answer),
    el("td", {}, recordLabels.get(item.recordId) ?? `${item.recordId}（已不在语料中）`),
    el("td", { class: "nowrap" }, item.author ?? "—"),
    el("td", { class: "nowrap" }, localTime(item.updatedAt)),
    el(
      "td",
      { class: "nowrap" },
      el("button", { type: "button", class: "link small", onclick: () => editCurated(item) }, item.status === "proposed" ? "审核采纳" : "编辑"),
      " ",
      el("button", { type: "button", class: "link small danger", onclick: () => void remove() }, "删除"),
    ),
  );
}

export async function loadCurated(): Promise<void> {
  const [items, proposals] = await Promise.all([call<CuratedAnswer[]>("/api/admin/curated"), call<CuratedAnswer[]>("/api/admin/curated?status=proposed")]);
  replace(byId("curated-body"), ...items.map(rowOf));
  replace(
    byId("proposals"),
    proposals.length
      ? el(
          "div",
          { class: "proposals" },
          el("h3", {}, `待采纳的提议（${proposals.length}）`),
          el("div", { class: "scroll" }, el("table", { class: "data" }, el("tbody", {}, ...proposals.map(rowOf)))),
        )
      : null,
  );
}

export function editCurated(item?: CuratedAnswer, question?: string, recordId?: string): void {
  editing = item?.id;
  byId("curated-form-title").textContent = item ? (item.status === "proposed" ? `审核提议 #${item.id}（保存即采纳）` : `编辑精选答复 #${item.id}`) : "新增精选答复";
  byId<HTMLInputElement>("curated-question").value = item?.question ?? question ?? "";
  byId<HTMLTextAreaElement>("curated-answer").value = item?.answer ?? "";
  byId<HTMLSelectElement>("curated-record").value = item?.recordId ?? recordId ?? "";
  byId("curated-cancel").hidden = !item;
  byId("curated-status").textContent = "";
  byId("curated-question").focus();
}

export function initCurated(): void {
  byId("curated-cancel").addEventListener("click", () => editCurated());
  byId<HTMLFormElement>("curated-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {
      question: byId<HTMLInputElement>("curated-question").value,
      answer: byId<HTMLTextAreaElement>("curated-answer").value,
      recordId: byId<HTMLSelectElement>("curated-record").value,
    };
    const status = byId("curated-status");
    try {
      if (editing) await call(`/api/admin/curated/${editing}`, jsonInit("PUT", body));
      else await call("/api/admin/curated", jsonInit("POST", body));
      editCurated();
      status.textContent = "已保存";
      await loadCurated();
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  });
}
