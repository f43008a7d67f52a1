import type { DocumentOutline, Health } from "../../app/types.js";
import type { PolicyRecord, UnitEntry } from "../../corpus/types.js";
import { type Answer, type AnswerContext, contextFrom } from "../../engine/answer-schema.js";
import type { ConsoleSettings } from "../api-routes.js";
import { type AnswerActions, answerCard, isQuestionBack } from "./answer-view.js";
import { ApiError, byId, el, fetchJson, replace } from "./dom.js";
import { clearHistory, type HistoryEntry, historyOf, keepPendingQuestion, loadHistory, remember, takePendingQuestion } from "./history.js";
import { errorMessage } from "./messages.js";
import { noticeSheet } from "./notice.js";
import { outlineTree } from "./outline-tree.js";
import { type Highlight, recordPanel } from "./record-view.js";
import { charCount } from "./reply.js";
import { authStatus, call, jsonInit, logout, request } from "./session.js";

/**
 * The service-window page, for a signed-in window worker or admin: ask
 * (questions typed while one runs are queued; a question back offers its
 * choices),
 * read the short answer and its evidence, copy a reply or a text message,
 * print a notice, give feedback, re-ask from this window's history, and browse
 * by outline or unit (refreshed when the corpus changes).
 */

const form = byId<HTMLFormElement>("ask-form");
const input = byId<HTMLTextAreaElement>("question");
const askButton = byId<HTMLButtonElement>("ask-button");
const counter = byId("counter");
const status = byId("status");
const answerBox = byId("answer");
const followUp = byId("follow-up");
const recordView = byId("record-view");
const earlier = byId<HTMLDetailsElement>("earlier");
const notice = byId("notice");

/** How often the page checks whether the corpus changed (and on focus). */
const HEALTH_POLL_MS = 30_000;
/** Wide screens show the evidence unfolded; phones fold it under the short answer. */
const wide = window.matchMedia("(min-width: 821px)");

/** The core's limits, from `GET /api/config`; until they arrive the server alone checks a question. */
let settings: ConsoleSettings = { maxQuestionChars: Number.POSITIVE_INFINITY, lowConfidence: 0 };
/** Turns of the current topic, oldest first; the last is the one on screen. */
let turns: { answer: Answer; queryId: number | null; askedUnit?: string }[] = [];
/** Questions submitted while one was running, asked in order afterwards. */
const queue: { question: string; mode: AskMode }[] = [];
let busy = false;
let indexVersion: string | undefined;

function contextForNext(): AnswerContext | undefined {
  const last = turns.at(-1)?.answer;
  // After a question back this carries its measures, so that a typed 「2」 or 「第二个」 picks one.
  if (!last || last.status !== "answered") return undefined;
  return contextFrom(last);
}

function setStatus(text: string, kind: "info" | "error" = "info"): void {
  status.textContent = text;
  status.classList.toggle("error", kind === "error");
}

function updateCounter(): void {
  const n = charCount(input.value.trim());
  counter.textContent = Number.isFinite(settings.maxQuestionChars) ? `${n} / ${settings.maxQuestionChars}` : "";
  counter.classList.toggle("over", n > settings.maxQuestionChars);
}

const actions: AnswerActions = {
  openRecord: (id, highlight) => void openRecord(id, highlight),
  ask: (question) => {
    input.value = question;
    updateCounter();
    submit(question);
  },
  choose: (question, recordId) => {
    input.value = question;
    updateCounter();
    submit(question, { chosenRecordId: recordId });
  },
  print: (answer) => {
    replace(notice, ...noticeSheet(answer, new Date()));
    window.print();
  },
};

function renderTurns(): void {
  const shown = turns.at(-1);
  const before = shown && !answerBox.classList.contains("error-card") ? turns.slice(0, -1) : turns;
  earlier.hidden = before.length === 0;
  byId("earlier-count").textContent = String(before.length);
  replace(
    byId("turns"),
    ...before.map((t) =>
      el("li", { class: "turn" }, el("p", { class: "turn-q" }, "问：", t.answer.question), el("p", { class: "turn-a" }, "答：", t.answer.parts.spoken || t.answer.parts.lead)),
    ),
  );
  followUp.hidden = !contextForNext();
}

function showAnswer(answer: Answer, queryId: number | null, askedUnit: string | undefined): void {
  answerBox.classList.remove("error-card");
  answerBox.removeAttribute("role");
  answerBox.dataset.kind = answer.kind;
  replace(
    answerBox,
    ...answerCard(
      { answer, queryId, lowConfidence: settings.lowConfidence, questionLimit: settings.maxQuestionChars, evidenceOpen: wide.matches, ...(askedUnit ? { askedUnit } : {}) },
      actions,
    ),
  );
  answerBox.hidden = false;
  document.body.classList.add("has-answer");
  // Ctrl+P prints the notice of the answer on screen, as 打印告知单 does.
  const printable = answer.status === "answered" && !isQuestionBack(answer);
  if (printable) replace(notice, ...noticeSheet(answer, new Date()));
  else replace(notice);
  document.body.classList.toggle("has-notice", printable);
}

/** A failed request replaces whatever was on screen: the old answer and an open full text go. */
function showError(question: string, message: string, mode: AskMode): void {
  answerBox.classList.add("error-card");
  answerBox.setAttribute("role", "alert");
  answerBox.dataset.kind = "error";
  replace(
    answerBox,
    el("p", { class: "question" }, "问：", question),
    el("p", { class: "error-message" }, message),
    el("button", { type: "button", class: "secondary", onclick: () => submit(question, mode) }, "重新查询"),
  );
  answerBox.hidden = false;
  closeRecord();
  replace(notice);
  document.body.classList.remove("has-notice");
}

function setLoading(on: boolean): void {
  askButton.disabled = on;
  answerBox.classList.toggle("stale", on);
  answerBox.setAttribute("aria-busy", String(on));
  form.setAttribute("aria-busy", String(on));
}

/** How a question is asked: `fresh` as a new topic (no follow-up context), `chosenRecordId` as the pick from a question back. */
interface AskMode {
  fresh?: boolean;
  chosenRecordId?: string;
}

/** Asks a question now, or after the one running. */
function submit(raw: string, mode: AskMode = {}): void {
  const question = raw.trim();
  if (!question) {
    setStatus("请输入问题。", "error");
    input.focus();
    return;
  }
  if (charCount(question) > settings.maxQuestionChars) {
    setStatus(`问题过长（${charCount(question)} 字），最多 ${settings.maxQuestionChars} 个字，请精简后再查询。`, "error");
    return;
  }
  if (busy) {
    queue.push({ question, mode });
    setStatus(`正在查询上一个问题，已排队 ${queue.length} 个，稍后自动查询：${question}`);
    return;
  }
  void run(question, mode);
}

async function run(question: string, mode: AskMode): Promise<void> {
  if (mode.fresh) startNewTopic();
  busy = true;
  setLoading(true);
  setStatus(queue.length ? `正在查询…（另有 ${queue.length} 个问题排队）` : "正在查询…");
  renderHistory(remember(question));
  try {
    const context = mode.chosenRecordId ? { chosenRecordId: mode.chosenRecordId } : contextForNext();
    const { data, response } = await request<Answer>("/api/ask", jsonInit("POST", context ? { question, context } : { question }));
    const id = Number(response.headers.get("X-Query-Id"));
    const named = response.headers.get("X-Asked-Unit");
    const turn = { answer: data, queryId: Number.isInteger(id) && id > 0 ? id : null, ...(named ? { askedUnit: decodeURIComponent(named) } : {}) };
    // A pick (clicked, or typed 「2」) answers the question back: it takes that turn's place rather than following it.
    const previous = turns.at(-1)?.answer;
    if (previous && isQuestionBack(previous) && !isQuestionBack(data) && data.question === previous.question) turns.pop();
    turns.push(turn);
    closeRecord();
    showAnswer(data, turn.queryId, turn.askedUnit);
    setStatus("");
    if (input.value.trim() === question) input.select();
  } catch (err) {
    // Signed out meanwhile: the page is going to the login page; the question waits in this tab for the return.
    if (err instanceof ApiError && err.status === 401) keepPendingQuestion(input.value || question);
    showError(question, errorMessage(err, settings.maxQuestionChars), mode);
    setStatus("");
  } finally {
    busy = false;
    setLoading(false);
    renderTurns();
    const next = queue.shift();
    if (next) void run(next.question, next.mode);
  }
}

function startNewTopic(): void {
  turns = [];
  answerBox.hidden = true;
  document.body.classList.remove("has-answer");
  replace(answerBox);
  closeRecord();
  replace(notice);
  document.body.classList.remove("has-notice");
  renderTurns();
  setStatus("");
}

function closeRecord(): void {
  recordView.hidden = true;
  replace(recordView);
}

async function openRecord(id: string, highlight: Highlight = { quotes: [], units: [] }): Promise<void> {
  try {
    const { data } = await request<{ record: PolicyRecord; related: PolicyRecord[] }>(`/api/records/${encodeURIComponent(id)}`);
    replace(recordView, ...recordPanel(data.record, data.related, highlight, { open: (next) => void openRecord(next), close: closeRecord }));
    recordView.hidden = false;
    recordView.scrollIntoView({ block: "start" });
    byId("record-title").focus({ preventScroll: true });
  } catch (err) {
    replace(
      recordView,
      el(
        "header",
        { class: "panel-head" },
        el("h2", { id: "record-heading" }, "措施全文"),
        el("button", { type: "button", id: "close-record", class: "small", onclick: closeRecord }, "关闭"),
      ),
      el("p", { class: "error" }, errorMessage(err, settings.maxQuestionChars)),
    );
    recordView.hidden = false;
  }
}

function renderHistory(entries: HistoryEntry[]): void {
  const time = (iso: string) => new Date(iso).toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit" });
  replace(
    byId("history"),
    ...entries.map((e) =>
      el(
        "li",
        {},
        el(
          "button",
          {
            type: "button",
            class: "link history-ask",
            title: "重新查询（作为新话题）",
            onclick: () => {
              input.value = e.question;
              updateCounter();
              submit(e.question, { fresh: true });
            },
          },
          e.question,
        ),
        el("span", { class: "muted small" }, time(e.at)),
      ),
    ),
  );
  byId("history-empty").hidden = entries.length > 0;
  byId("clear-history").hidden = entries.length === 0;
}

async function loadOutline(): Promise<void> {
  const data = await call<DocumentOutline[]>("/api/outline");
  replace(
    byId("outline"),
    outlineTree(data, (id) => void openRecord(id)),
  );
}

const unitSelect = byId<HTMLSelectElement>("unit-filter");

async function loadUnits(): Promise<void> {
  const data = await call<UnitEntry[]>("/api/units");
  const chosen = unitSelect.value;
  const sorted = [...data].sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  replace(
    unitSelect,
    el("option", { value: "" }, `选择责任单位（共 ${data.length} 个）`),
    ...sorted.map((u) => el("option", { value: u.name }, `${u.name}（${u.recordIds.length}）`)),
  );
  const stillThere = sorted.some((u) => u.name === chosen);
  unitSelect.value = stillThere ? chosen : "";
  if (chosen) await showUnit(unitSelect.value);
}

async function showUnit(name: string): Promise<void> {
  const list = byId("unit-measures");
  if (!name) return replace(list);
  try {
    const data = await call<{ entry: UnitEntry; records: PolicyRecord[] }>(`/api/units/${encodeURIComponent(name)}`);
    replace(
      list,
      ...data.records.map((r) =>
        el(
          "li",
          {},
          el("button", { type: "button", class: "link", "data-record": r.id, onclick: () => void openRecord(r.id, { quotes: [], units: [data.entry.name] }) }, r.title),
          el("span", { class: "path muted" }, r.path.slice(0, -1).join(" › ")),
        ),
      ),
    );
  } catch (err) {
    replace(list, el("li", { class: "error" }, errorMessage(err, settings.maxQuestionChars)));
  }
}

async function loadExamples(): Promise<void> {
  const data = await call<string[]>("/api/examples");
  replace(byId("examples"), ...data.slice(0, 6).map((q) => el("button", { type: "button", class: "chip", onclick: () => actions.ask(q) }, q)));
}

/** Reloads the outline, units and examples when the index changed (a document added, replaced or removed). */
async function refreshIfCorpusChanged(): Promise<void> {
  try {
    const { data } = await fetchJson<Health>("/api/health");
    if (indexVersion !== undefined && data.indexVersion !== indexVersion) {
      await Promise.all([loadOutline(), loadUnits(), loadExamples()]);
      document.body.dataset.indexVersion = data.indexVersion;
    }
    indexVersion = data.indexVersion;
    document.body.dataset.indexVersion = data.indexVersion;
  } catch {
    // The next poll tries again; a question asked meanwhile reports its own error.
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  submit(input.value);
});

input.addEventListener("keydown", (event) => {
  // Enter sends, Shift+Enter starts a new line; Enter that confirms an IME composition does neither.
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    submit(input.value);
  }
});
input.addEventListener("input", () => {
  updateCounter();
  if (status.classList.contains("error")) setStatus("");
});

byId("new-topic").addEventListener("click", () => {
  startNewTopic();
  input.value = "";
  updateCounter();
  input.focus();
});

byId("clear-history").addEventListener("click", () => {
  clearHistory();
  renderHistory([]);
});

unitSelect.addEventListener("change", () => void showUnit(unitSelect.value));

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !recordView.hidden) {
    closeRecord();
    input.focus();
    return;
  }
  // "/" jumps to the question box from anywhere, as on many sites.
  const active = document.activeElement;
  if (event.key === "/" && !(active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement)) {
    event.preventDefault();
    input.focus();
  }
});

window.addEventListener("focus", () => void refreshIfCorpusChanged());
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") void refreshIfCorpusChanged();
});
setInterval(() => void refreshIfCorpusChanged(), HEALTH_POLL_MS);

/** Who is signed in (the page is served only to a signed-in person), then the page's data. */
async function start(): Promise<void> {
  const { user } = await authStatus();
  if (!user) {
    location.assign("/login?next=%2F");
    return;
  }
  byId("whoami").textContent = `${user.displayName}（${user.username}）`;
  byId("go-admin").hidden = user.role !== "admin";
  byId("logout").addEventListener("click", () => void logout());
  historyOf(user.username);
  renderHistory(loadHistory());
  const pending = takePendingQuestion();
  if (pending) input.value = pending;
  await Promise.all([
    call<ConsoleSettings>("/api/config").then((data) => {
      settings = data;
      updateCounter();
    }),
    loadOutline(),
    loadUnits(),
    loadExamples(),
    refreshIfCorpusChanged(),
  ]);
  document.body.classList.add("ready");
}

start().catch((err: unknown) => setStatus(errorMessage(err, settings.maxQuestionChars), "error"));
