import { FEEDBACK_REASONS, type FeedbackReason } from "../../store/types.js";
import { el, submitOrCancel } from "./dom.js";
import { FEEDBACK_REASON_LABELS } from "./labels.js";
import { errorMessage } from "./messages.js";
import { call, jsonInit } from "./session.js";

const COMMENT_MAX = 500;

/**
 * 有帮助 / 没帮助 for one answer, with visible state: the chosen button stays
 * pressed and a line says what was recorded. 没帮助 asks for a reason (and
 * optional text) before it is sent, so it lands in the admin queue with it.
 */
export function feedbackControls(queryId: number, questionLimit: number): HTMLElement {
  const status = el("span", { class: "feedback-status", role: "status" });
  const up = el("button", { type: "button", class: "feedback", "aria-pressed": "false", "data-value": "up" }, "有帮助");
  const down = el("button", { type: "button", class: "feedback", "aria-pressed": "false", "data-value": "down", "aria-expanded": "false" }, "没帮助");
  const comment = el("textarea", { name: "comment", rows: "2", maxlength: String(COMMENT_MAX), placeholder: "补充说明（可选），例如应当是哪个单位" });
  const reasonForm = el(
    "form",
    { class: "feedback-reason", hidden: true },
    el(
      "fieldset",
      {},
      el("legend", {}, "哪里不对？"),
      ...FEEDBACK_REASONS.map((reason) =>
        el("label", { class: "reason" }, el("input", { type: "radio", name: "reason", value: reason, required: true }), FEEDBACK_REASON_LABELS[reason]),
      ),
    ),
    el("label", { class: "sr-only" }, "补充说明"),
    comment,
    submitOrCancel("提交反馈"),
  );

  const send = async (helpful: boolean, reason?: FeedbackReason): Promise<void> => {
    status.textContent = "正在提交…";
    status.classList.remove("error");
    const text = comment.value.trim();
    try {
      await call("/api/feedback", jsonInit("POST", { queryId, helpful, ...(reason ? { reason } : {}), ...(!helpful && text ? { comment: text } : {}) }));
      up.setAttribute("aria-pressed", String(helpful));
      down.setAttribute("aria-pressed", String(!helpful));
      reasonForm.hidden = true;
      down.setAttribute("aria-expanded", "false");
      const label = reason ? FEEDBACK_REASON_LABELS[reason] : undefined;
      status.textContent = helpful ? "已记录：有帮助。感谢反馈！" : `已记录：没帮助${label ? `（${label}）` : ""}，将转管理员处理。感谢反馈！`;
    } catch (err) {
      status.textContent = `反馈未能提交：${errorMessage(err, questionLimit)}`;
      status.classList.add("error");
    }
  };

  up.addEventListener("click", () => void send(true));
  down.addEventListener("click", () => {
    reasonForm.hidden = !reasonForm.hidden;
    down.setAttribute("aria-expanded", String(!reasonForm.hidden));
    if (!reasonForm.hidden) reasonForm.querySelector("input")?.focus();
  });
  reasonForm.querySelector("[data-action='cancel']")?.addEventListener("click", () => {
    reasonForm.hidden = true;
    down.setAttribute("aria-expanded", "false");
  });
  reasonForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = reasonForm.querySelector<HTMLInputElement>("input[name='reason']:checked")?.value;
    void send(
      false,
      FEEDBACK_REASONS.find((reason) => reason === chosen),
    );
  });

  return el("div", { class: "feedback-box" }, el("span", { class: "buttons" }, up, down), status, reasonForm);
}
