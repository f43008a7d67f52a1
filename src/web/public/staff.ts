import type { DocumentOutline } from "../../app/types.js";
import type { PolicyRecord, UnitEntry } from "../../corpus/types.js";
import type { Answer, AnswerContext, Citation } from "../../engine/answer-schema.js";
import { byId, copyText, el, fetchJson, replace } from "./dom.js";
import { outlineTree } from "./outline-tree.js";
import { citationPath, composeReply, isDraft } from "./reply.js";

/** The service-window page: ask, read the cited measures, copy a reply, browse by outline or unit. */

const form = byId<HTMLFormElement>("ask-form");
const input = byId<HTMLInputElement>("question");
const status = byId("status");
const answerBox = byId("answer");
const followUp = byId("follow-up");
const recordView = byId("record-view");

let previous: Answer | undefined;
let busy = false;

function contextForNext(): AnswerContext | undefined {
  if (!previous || previous.status !== "answered") return undefined;
  return { previousQuestion: previous.question, previousCitationIds: previous.citations.map((c) => c.id) };
}

function showFollowUp(): void {
  followUp.hidden = !contextForNext();
}

function unitChips(units: string[]): HTMLElement {
  if (units.length === 0) return el("span", { class: "muted" }, "文件未列明责任单位");
  return el("span", { class: "units" }, ...units.map((u) => el("mark", { class: "unit" }, u)));
}

function citationCard(citation: Citation): HTMLElement {
  return el(
    "section",
    { class: "citation", "data-record": citation.id },
    el("p", { class: "path" }, `《${citation.document}》 ${citationPath(citation)}`),
    el("h3", { class: "measure" }, citation.title),
    el("blockquote", { class: "quote" }, citation.quote),
    el("p", { class: "units-line" }, el("strong", {}, "责任单位："), unitChips(citation.units)),
    el("button", { type: "button", class: "link small", onclick: () => void openRecord(citation.id) }, "查看全文"),
  );
}

function renderAnswer(answer: Answer, queryId: string | null): void {
  const badges = el("p", { class: "badges" });
  if (answer.source === "curated") badges.append(el("span", { class: "badge curated" }, "精选答复"));
  if (answer.status === "out_of_scope") badges.append(el("span", { class: "badge warn" }, "不在纲要范围内"));
  else if (answer.confidence < 0.35) badges.append(el("span", { class: "badge warn" }, "匹配度较低，请核对原文"));
  if (answer.citations.some(isDraft)) {
    badges.append(el("span", { class: "badge draft", title: "内容以正式印发的文件为准" }, "依据为征求意见稿，以正式印发文件为准"));
  }

  const copyStatus = el("span", { class: "copy-status", role: "status" });
  const feedbackStatus = el("span", { class: "feedback-status", role: "status" });
  const sendFeedback = async (helpful: boolean) => {
    if (!queryId) return;
    try {
      await fetchJson("/api/feedback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ queryId: Number(queryId), helpful }),
      });
      feedbackStatus.textContent = "感谢反馈";
    } catch (err) {
      feedbackStatus.textContent = (err as Error).message;
    }
  };

  replace(
    answerBox,
    badges,
    el("p", { class: "question" }, "问：", answer.question),
    el("div", { class: "answer-text" }, answer.parts.spoken),
    ...answer.citations.map(citationCard),
    el(
      "div",
      { class: "actions" },
      el(
        "button",
        {
          type: "button",
          id: "copy-reply",
          class: "primary",
          onclick: async () => {
            copyStatus.textContent = (await copyText(composeReply(answer))) ? "已复制" : "复制失败，请手动选择文字";
          },
        },
        "复制答复",
      ),
      copyStatus,
      queryId ? el("button", { type: "button", class: "feedback", title: "这条答复有帮助", onclick: () => void sendFeedback(true) }, "有帮助") : null,
      queryId ? el("button", { type: "button", class: "feedback", title: "这条答复没有帮助", onclick: () => void sendFeedback(false) }, "没帮助") : null,
      feedbackStatus,
    ),
  );
  answerBox.hidden = false;
}

async function ask(question: string): Promise<void> {
  if (busy) return;
  busy = true;
  status.textContent = "正在查询…";
  try {
    const context = contextForNext();
    const { data, response } = await fetchJson<Answer>("/api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(context ? { question, context } : { question }),
    });
    previous = data;
    renderAnswer(data, response.headers.get("X-Query-Id"));
    status.textContent = "";
    input.select();
  } catch (err) {
    status.textContent = (err as Error).message;
  } finally {
    busy = false;
    showFollowUp();
  }
}

async function openRecord(id: string): Promise<void> {
  try {
    const { data } = await fetchJson<{ record: PolicyRecord; related: PolicyRecord[] }>(`/api/records/${encodeURIComponent(id)}`);
    const { record, related } = data;
    replace(
      recordView,
      el("p", { class: "path" }, `《${record.document}》 ${record.path.join(" › ")}`),
      el("h3", { class: "measure", tabindex: "-1", id: "record-title" }, record.title),
      el("div", { class: "record-text" }, record.text),
      record.table
        ? el(
            "table",
            {},
            el("thead", {}, el("tr", {}, ...record.table.header.map((h) => el("th", {}, h)))),
            el("tbody", {}, ...record.table.rows.map((row) => el("tr", {}, ...row.map((cell) => el("td", {}, cell))))),
          )
        : null,
      el("p", { class: "units-line" }, el("strong", {}, "责任单位："), unitChips(record.units)),
      related.length
        ? el(
            "div",
            { class: "related" },
            el("strong", {}, "相关措施："),
            ...related.map((r) => el("button", { type: "button", class: "link small", onclick: () => void openRecord(r.id) }, r.title)),
          )
        : null,
    );
    recordView.hidden = false;
    byId("record-title").focus();
  } catch (err) {
    replace(recordView, el("p", { class: "error" }, (err as Error).message));
    recordView.hidden = false;
  }
}

async function loadOutline(): Promise<void> {
  const { data } = await fetchJson<DocumentOutline[]>("/api/outline");
  replace(byId("outline"), outlineTree(data, (id) => void openRecord(id)));
}

async function loadUnits(): Promise<void> {
  const { data } = await fetchJson<UnitEntry[]>("/api/units");
  const select = byId<HTMLSelectElement>("unit-filter");
  const sorted = [...data].sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  replace(
    select,
    el("option", { value: "" }, `选择责任单位（共 ${data.length} 个）`),
    ...sorted.map((u) => el("option", { value: u.name }, `${u.name}（${u.recordIds.length}）`)),
  );
  select.addEventListener("change", () => void showUnit(select.value));
}

async function showUnit(name: string): Promise<void> {
  const list = byId("unit-measures");
  if (!name) return replace(list);
  try {
    const { data } = await fetchJson<{ entry: UnitEntry; records: PolicyRecord[] }>(`/api/units/${encodeURIComponent(name)}`);
    replace(
      list,
      ...data.records.map((r) =>
        el(
          "li",
          {},
          el("button", { type: "button", class: "link", "data-record": r.id, onclick: () => void openRecord(r.id) }, r.title),
          el("span", { class: "path muted" }, r.path.slice(0, -1).join(" › ")),
        ),
      ),
    );
  } catch (err) {
    replace(list, el("li", { class: "error" }, (err as Error).message));
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const question = input.value.trim();
  if (question) void ask(question);
});

byId("new-topic").addEventListener("click", () => {
  previous = undefined;
  showFollowUp();
  input.value = "";
  input.focus();
});

document.addEventListener("keydown", (event) => {
  // "/" jumps to the search box from anywhere, as on many sites.
  if (event.key === "/" && document.activeElement !== input && !(document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement)) {
    event.preventDefault();
    input.focus();
  }
});

async function loadExamples(): Promise<void> {
  const { data } = await fetchJson<string[]>("/api/examples");
  replace(
    byId("examples"),
    ...data.slice(0, 6).map((q) =>
      el("button", { type: "button", class: "chip", onclick: () => { input.value = q; void ask(q); } }, q),
    ),
  );
}

Promise.all([loadOutline(), loadUnits(), loadExamples()]).catch((err: unknown) => {
  status.textContent = (err as Error).message;
});
