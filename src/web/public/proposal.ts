import type { Answer } from "../../engine/answer-schema.js";
import { el, submitOrCancel } from "./dom.js";
import { errorMessage } from "./messages.js";
import { call, jsonInit } from "./session.js";

/** Longest curated answer the server takes (`POST /api/curated/proposals`). */
const ANSWER_MAX = 4000;

/** A question as the note names it: its first 30 characters. */
const shorten = (text: string) => ([...text].length > 30 ? `${[...text].slice(0, 30).join("")}…` : text);

/**
 * 提议为精选答复 under an answer: a window worker drafts the reply that a
 * question like this one should get from now on, resting on the answer's
 * first measure. It waits in the admin page's 精选答复 tab until an admin
 * adopts it; nothing changes for anyone before that.
 */
export function proposalControls(answer: Answer, questionLimit: number): HTMLElement | null {
  const [first] = answer.citations;
  if (!first || answer.status !== "answered" || answer.source === "curated") return null;
  const status = el("span", { class: "proposal-status", role: "status" });
  const text = el("textarea", { name: "answer", rows: "3", maxlength: String(ANSWER_MAX), required: true, "aria-label": "提议的答复" });
  text.value = answer.parts.spoken || answer.parts.lead;
  const toggle = el("button", { type: "button", class: "link small", "aria-expanded": "false" }, "提议为精选答复");
  const form = el(
    "form",
    { class: "proposal-form feedback-reason", hidden: true },
    el("p", { class: "muted small" }, `今后与“${shorten(answer.question)}”相近的提问将得到这段答复，并附上「${first.title}」的出处和责任单位；管理员采纳后生效。`),
    text,
    submitOrCancel("提交提议"),
  );
  const close = () => {
    form.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
  };
  toggle.addEventListener("click", () => {
    form.hidden = !form.hidden;
    toggle.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) text.focus();
  });
  form.querySelector("[data-action='cancel']")?.addEventListener("click", close);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.classList.remove("error");
    status.textContent = "正在提交…";
    try {
      await call("/api/curated/proposals", jsonInit("POST", { question: answer.question, answer: text.value.trim(), recordId: first.id }));
      close();
      toggle.disabled = true;
      status.textContent = "已提交，管理员采纳后生效。";
    } catch (err) {
      status.classList.add("error");
      status.textContent = `提议未能提交：${errorMessage(err, questionLimit)}`;
    }
  });
  return el("div", { class: "proposal-box" }, toggle, status, form);
}
