import type { Answer } from "../../engine/answer-schema.js";
import { unitsText } from "../../engine/render-text.js";
import { el } from "./dom.js";
import { charCount, placeOf } from "./reply.js";

/** The longest question the notice repeats as its topic; longer ones are named by the measure instead. */
const TOPIC_CHARS = 40;

/** 2026年12月1日 */
export function chineseDate(date: Date): string {
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`;
}

/**
 * The 一次性告知单: one printable page telling an enterprise, in writing, the
 * answer and where it is written: topic, short answer, basis (document, place,
 * quoted text), responsible units, what the text does not say, the draft note
 * and the date. Printed by the print stylesheet, which shows only this.
 */
export function noticeSheet(answer: Answer, today: Date): HTMLElement[] {
  const { parts } = answer;
  const [first] = answer.citations;
  const topic = charCount(answer.question) <= TOPIC_CHARS ? answer.question : (first?.title ?? `${[...answer.question].slice(0, TOPIC_CHARS).join("")}…`);
  const units = unitsText(parts.units, parts.unitsComplete);
  const row = (label: string, ...value: (string | HTMLElement | null)[]) => el("tr", {}, el("th", { scope: "row" }, label), el("td", {}, ...value));
  return [
    el("h1", {}, "知识产权政策咨询一次性告知单"),
    el(
      "table",
      { class: "notice-table" },
      el(
        "tbody",
        {},
        row("咨询事项", topic),
        row("答复", parts.spoken || parts.lead),
        parts.listing ? row("相关措施", el("ol", {}, ...parts.listing.map((item) => el("li", {}, item.citeAs || item.title)))) : null,
        first && !parts.listing ? row("依据", placeOf(answer) ?? "", parts.quotes.length ? el("blockquote", {}, parts.quotes.join("")) : null) : null,
        ...parts.refs.filter((r) => r.why === "detail").map((r) => row("具体规定", r.citeAs, r.quote ? el("blockquote", {}, r.quote) : null)),
        units ? row("责任单位", units) : null,
        parts.notSpecified ? row("说明", parts.notSpecified) : null,
        parts.draftNote ? row("注意", parts.draftNote) : null,
        row("告知日期", chineseDate(today)),
      ),
    ),
    el("p", { class: "notice-sign" }, "经办窗口：________________　　经办人：____________"),
    el("p", { class: "notice-foot" }, "本告知单依据已收录的政策文件原文，不含文件未写明的金额、期限、电话、地址或办事流程。"),
  ];
}
