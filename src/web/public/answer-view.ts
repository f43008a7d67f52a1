import type { Answer, RecordRef } from "../../engine/answer-schema.js";
import { copyText, el } from "./dom.js";
import { feedbackControls } from "./feedback.js";
import { proposalControls } from "./proposal.js";
import { charCount, composeReply, composeSms, placeOf, roleNote, SMS_CHARS } from "./reply.js";
import { unitChips } from "./units.js";

/** What the answer card may ask the page to do. */
export interface AnswerActions {
  /** Opens a record's full text, marking the given sentences and units. */
  openRecord(id: string, highlight: { quotes: readonly string[]; units: readonly string[] }): void;
  /** Asks a question (an example offered on a refusal). */
  ask(question: string): void;
  /** Asks `question` again, answered from the measure picked from a question back (`context.chosenRecordId`). */
  choose(question: string, recordId: string): void;
  /** Shows the printable one-page notice of this answer. */
  print(answer: Answer): void;
}

export interface AnswerView {
  answer: Answer;
  /** The query-log id, for feedback; null for a curated answer served without one. */
  queryId: number | null;
  /** Below this confidence the answer is flagged for checking against the text. */
  lowConfidence: number;
  questionLimit: number;
  /** Whether the evidence starts unfolded (it does on a wide screen). */
  evidenceOpen: boolean;
  /** The responsible unit the question names (by name or alias), if any. */
  askedUnit?: string;
}

/** The units a question asked about: the unit of a unit look-up, or the one the server found named in it (`X-Asked-Unit`). */
export function askedUnits(view: Pick<AnswerView, "answer" | "askedUnit">): string[] {
  if (view.answer.parts.listing) return view.answer.parts.units.map((u) => u.name);
  return view.askedUnit ? [view.askedUnit] : [];
}

function badges(view: AnswerView): HTMLElement {
  const { answer } = view;
  const out = el("p", { class: "badges" });
  if (answer.source === "curated") out.append(el("span", { class: "badge curated" }, "精选答复"));
  if (answer.status === "out_of_scope") out.append(el("span", { class: "badge warn" }, "不在收录范围内"));
  else if (answer.source === "engine" && answer.confidence < view.lowConfidence) out.append(el("span", { class: "badge warn low-confidence" }, "匹配度较低，请核对原文"));
  if (answer.parts.draftNote) out.append(el("span", { class: "badge draft", title: answer.parts.draftNote }, "征求意见稿"));
  return out;
}

function copyButtons(view: AnswerView, actions: AnswerActions): HTMLElement[] {
  const { answer } = view;
  const status = el("span", { class: "copy-status", role: "status" });
  const sms = composeSms(answer);
  const smsBox = el(
    "div",
    { class: "sms", hidden: true },
    el("p", { class: "sms-text", id: "sms-text" }, sms),
    el("span", { class: "muted sms-count" }, `${charCount(sms)} 字${charCount(sms) <= SMS_CHARS ? "（一条短信）" : ""}`),
    el(
      "button",
      {
        type: "button",
        id: "copy-sms",
        class: "secondary small",
        onclick: async () => {
          status.textContent = (await copyText(sms)) ? "短信版已复制" : "复制失败，请手动选择文字";
        },
      },
      "复制短信",
    ),
  );
  const row = el(
    "div",
    { class: "actions" },
    el(
      "button",
      {
        type: "button",
        id: "copy-reply",
        class: "primary",
        onclick: async () => {
          status.textContent = (await copyText(composeReply(answer))) ? "已复制" : "复制失败，请手动选择文字";
        },
      },
      "复制答复",
    ),
    el(
      "button",
      {
        type: "button",
        id: "show-sms",
        class: "secondary",
        "aria-expanded": "false",
        onclick: (event: Event) => {
          smsBox.hidden = !smsBox.hidden;
          (event.currentTarget as HTMLElement).setAttribute("aria-expanded", String(!smsBox.hidden));
        },
      },
      "短信版",
    ),
    answer.status === "answered" ? el("button", { type: "button", id: "print-notice", class: "secondary", onclick: () => actions.print(answer) }, "打印告知单") : null,
    status,
  );
  return [row, smsBox];
}

function refList(refs: readonly RecordRef[], heading: string, actions: AnswerActions): HTMLElement | null {
  if (refs.length === 0) return null;
  return el(
    "div",
    { class: "refs", "data-why": refs[0]?.why },
    el("h4", {}, heading),
    el(
      "ul",
      { class: "plain" },
      ...refs.map((ref) =>
        el(
          "li",
          {},
          el(
            "button",
            { type: "button", class: "link", "data-record": ref.id, onclick: () => actions.openRecord(ref.id, { quotes: ref.quote ? [ref.quote] : [], units: [] }) },
            ref.citeAs || ref.title,
          ),
          ref.quote ? el("blockquote", { class: "quote" }, ref.quote) : null,
          ref.units.length ? el("span", { class: "muted small" }, `责任单位：${ref.units.join("、")}`) : null,
        ),
      ),
    ),
  );
}

function evidence(view: AnswerView, actions: AnswerActions): HTMLElement | null {
  const { answer } = view;
  const { parts } = answer;
  const [first] = answer.citations;
  if (!first || parts.listing || answer.status !== "answered" || isQuestionBack(answer)) return null;
  const asked = askedUnits(view);
  const open = () => actions.openRecord(first.id, { quotes: parts.quotes, units: asked });
  return el(
    "details",
    { class: "evidence", open: view.evidenceOpen },
    el("summary", {}, "依据与原文"),
    el(
      "section",
      { class: "citation", "data-record": first.id },
      el("p", { class: "path" }, placeOf(answer) ?? ""),
      el("h3", { class: "measure" }, first.title),
      parts.quotes.length ? el("blockquote", { class: "quote" }, ...parts.quotes.map((q) => el("span", { class: "sentence" }, q))) : null,
      el("p", { class: "units-line" }, el("strong", {}, "责任单位："), unitChips(parts.units, { asked, complete: parts.unitsComplete })),
      ...asked.filter((name) => !parts.units.some((u) => u.name === name)).map((name) => el("p", { class: "not-listed muted" }, `所问的${name}不在该措施列明的责任单位中。`)),
      el("button", { type: "button", class: "link small open-record", onclick: open }, "查看措施全文"),
    ),
    parts.notSpecified ? el("p", { class: "not-specified" }, parts.notSpecified) : null,
    refList(
      parts.refs.filter((r) => r.why === "detail"),
      "具体规定",
      actions,
    ),
    refList(
      parts.refs.filter((r) => r.why === "higher"),
      "上级政策",
      actions,
    ),
    refList(
      parts.refs.filter((r) => r.why === "related"),
      "相关措施",
      actions,
    ),
  );
}

function listing(view: AnswerView, actions: AnswerActions): HTMLElement | null {
  const { parts } = view.answer;
  if (!parts.listing) return null;
  const asked = askedUnits(view);
  return el(
    "section",
    { class: "listing-box" },
    el("p", { class: "units-line" }, el("strong", {}, "所查单位："), unitChips(parts.units, { asked })),
    el(
      "ol",
      { class: "listing" },
      ...parts.listing.map((item) =>
        el(
          "li",
          { "data-record": item.id },
          el("button", { type: "button", class: "link", onclick: () => actions.openRecord(item.id, { quotes: [], units: asked }) }, item.title),
          roleNote(item.role) ? el("span", { class: "role-note" }, roleNote(item.role)) : null,
        ),
      ),
    ),
  );
}

/** Where a choice stands, without repeating its title: its citation when that adds something, else its document. */
function choiceWhere(choice: NonNullable<Answer["parts"]["choices"]>[number]): string {
  if (choice.citeAs && !choice.citeAs.includes(choice.title)) return choice.citeAs;
  return choice.documentShort ? `《${choice.documentShort}》` : "";
}

/**
 * A question back's choices ("您是想问……"), best first: each with where it is written and its units (the
 * question back cites its choices), and a click asks the same question again, answered from that measure.
 */
function choices(view: AnswerView, actions: AnswerActions): HTMLElement | null {
  const { answer } = view;
  const offered = answer.parts.choices;
  if (!offered?.length) return null;
  const unitsOf = (id: string) => answer.citations.find((c) => c.id === id)?.units ?? [];
  return el(
    "ol",
    { class: "choices", "aria-label": "请选择要问的措施" },
    ...offered.map((choice) =>
      el(
        "li",
        { "data-record": choice.id },
        el(
          "button",
          { type: "button", class: "choice", onclick: () => actions.choose(answer.question, choice.id) },
          el("span", { class: "choice-title" }, choice.title),
          choiceWhere(choice) ? el("span", { class: "choice-where muted small" }, choiceWhere(choice)) : null,
          unitsOf(choice.id).length ? el("span", { class: "choice-units muted small" }, `责任单位：${unitsOf(choice.id).join("、")}`) : null,
        ),
      ),
    ),
  );
}

function refusal(view: AnswerView, actions: AnswerActions): HTMLElement | null {
  const { refusal } = view.answer.parts;
  if (!refusal) return null;
  return el(
    "section",
    { class: "refusal" },
    refusal.reason !== shortAnswer(view.answer) ? el("p", { class: "refusal-reason" }, refusal.reason) : null,
    refusal.examples.length
      ? el(
          "p",
          { class: "examples" },
          el("span", { class: "muted" }, "您可以这样问："),
          ...refusal.examples.map((q) => el("button", { type: "button", class: "chip", onclick: () => actions.ask(q) }, q)),
        )
      : null,
  );
}

/** A question back asks which measure is meant: nothing to copy, print or rate until one is picked. */
export const isQuestionBack = (answer: Answer) => answer.kind === "clarify" || Boolean(answer.parts.choices?.length);

/**
 * The line shown first: the spoken version to read out, or the lead (a refusal's). A question back shows
 * its question (您是想问哪一项？), with the measures as buttons under it rather than named in a sentence.
 */
const shortAnswer = (answer: Answer) => (isQuestionBack(answer) ? answer.parts.lead : answer.parts.spoken || answer.parts.lead);

/**
 * One answer as the window worker reads it: the short answer to read aloud
 * first, then copy / text-message / print and feedback, then the evidence
 * folded beneath (place, quoted sentences, units once), or the unit's list
 * of measures, or the reason for a refusal; a question back lists its
 * choices under it. Laid out from the answer's parts
 * only; each fact appears once.
 */
export function answerCard(view: AnswerView, actions: AnswerActions): HTMLElement[] {
  const { answer, queryId } = view;
  const asking = isQuestionBack(answer);
  return [
    badges(view),
    el("p", { class: "question" }, "问：", answer.question),
    answer.parts.understoodAs ? el("p", { class: "understood muted" }, answer.parts.understoodAs) : null,
    el("div", { class: "answer-text" }, shortAnswer(answer)),
    choices(view, actions),
    ...(asking ? [] : copyButtons(view, actions)),
    queryId && !asking ? feedbackControls(queryId, view.questionLimit) : null,
    asking ? null : proposalControls(answer, view.questionLimit),
    refusal(view, actions),
    listing(view, actions),
    evidence(view, actions),
  ].filter((node): node is HTMLElement => node !== null);
}
