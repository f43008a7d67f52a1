import type { EditableLexicon } from "../../../app/lexicon-edit.js";
import type { HitTest } from "../../../app/types.js";
import { byId, el, replace } from "../dom.js";
import { splitWords } from "../labels.js";
import { call, jsonInit } from "../session.js";
import { reindex } from "./jobs.js";

/** The 词库 tab: synonyms and unit aliases edited as rows, validated by the server, saved atomically. */

function row(kind: "synonym" | "alias", left: string, right: string): HTMLTableRowElement {
  const remove = el("button", { type: "button", class: "link danger small" }, "删除");
  const tr = el(
    "tr",
    { class: `${kind}-row` },
    el("td", {}, el("input", { class: "left", value: left, "aria-label": kind === "synonym" ? "提问中的词" : "单位全称", maxlength: "400" })),
    el("td", {}, el("input", { class: "right", value: right, "aria-label": kind === "synonym" ? "补充检索词" : "别名", maxlength: "1000" })),
    el("td", {}, remove),
  );
  remove.addEventListener("click", () => tr.remove());
  return tr;
}

const values = (tr: Element) => [...tr.querySelectorAll("input")].map((i) => i.value.trim()) as [string, string];

export async function loadLexicon(): Promise<void> {
  const lexicon = await call<EditableLexicon>("/api/admin/lexicon");
  replace(byId("synonyms-body"), ...lexicon.synonyms.map((g) => row("synonym", g.when.join("、"), g.add.join("、"))));
  replace(byId("aliases-body"), ...Object.entries(lexicon.aliases).map(([unit, names]) => row("alias", unit, names.join("、"))));
}

/** Adds a synonym line drafted from a question of the query log: its words on the left, the right for the admin to fill. */
export async function draftSynonym(question: string): Promise<void> {
  let words: string[] = [];
  try {
    words = (await call<HitTest>(`/api/admin/hit-test?q=${encodeURIComponent(question)}`)).words;
  } catch {
    words = [];
  }
  const tr = row("synonym", (words.length ? words : [question]).join("、"), "");
  tr.classList.add("drafted");
  byId("synonyms-body").prepend(tr);
  byId("synonyms-status").textContent = `已根据“${question}”加入一行草稿：请删去无关的词，在右栏填上文件中的说法，然后保存。`;
  tr.querySelector<HTMLInputElement>("input.right")?.focus();
}

async function save(kind: "synonyms" | "aliases"): Promise<void> {
  const status = byId(`${kind}-status`);
  status.classList.remove("error");
  const rows = [...byId(`${kind}-body`).querySelectorAll("tr")].map(values).filter(([l, r]) => l || r);
  const body =
    kind === "synonyms"
      ? { synonyms: rows.map(([l, r]) => ({ when: splitWords(l), add: splitWords(r) })) }
      : { aliases: Object.fromEntries(rows.map(([l, r]) => [l, splitWords(r)])) };
  try {
    await call(`/api/admin/lexicon/${kind}`, jsonInit("PUT", body));
    status.textContent = "已保存。点“重新索引”后生效。";
    await loadLexicon();
  } catch (err) {
    status.textContent = (err as Error).message;
    status.classList.add("error");
  }
}

export function initLexicon(): void {
  byId("synonym-add").addEventListener("click", () => {
    const tr = row("synonym", "", "");
    byId("synonyms-body").prepend(tr);
    tr.querySelector("input")?.focus();
  });
  byId("alias-add").addEventListener("click", () => {
    const tr = row("alias", "", "");
    byId("aliases-body").prepend(tr);
    tr.querySelector("input")?.focus();
  });
  byId("synonyms-save").addEventListener("click", () => void save("synonyms"));
  byId("aliases-save").addEventListener("click", () => void save("aliases"));
  for (const button of document.querySelectorAll(".reindex-now")) button.addEventListener("click", () => void reindex());
}
