import type { Answer, AnswerUnit, RecordRef } from "../../engine/answer-schema.js";
import { escapeHtml, truncate } from "./escape.js";

/** How a place in the outline is shown: the headings from the top, as written. */
export function formatPath(path: readonly string[]): string {
  return path.map(escapeHtml).join(" › ");
}

/** `<b>责任单位：A、B</b>` on a line of its own, or `<b>责任单位：牵头：A；配合：B</b>` where the text tells them apart; units exactly as written. */
export function unitsLine(units: readonly AnswerUnit[], complete = true): string {
  const names = (role?: AnswerUnit["role"]) =>
    units
      .filter((u) => !role || u.role === role)
      .map((u) => escapeHtml(u.name))
      .join("、");
  const etc = complete ? "" : "等（文件未列全）";
  const lead = names("lead");
  const support = names("support");
  if (lead && support) return `<b>责任单位：牵头：${lead}；配合：${support}${etc}</b>`;
  return `<b>责任单位：${names()}${etc}</b>`;
}

const REF_HEADINGS: Record<RecordRef["why"], string> = { detail: "具体规定", higher: "上级政策", related: "相关措施" };
const SEE_ALSO_MAX = 3;

/**
 * An answer as a Telegram HTML message, laid out from the answer's parts:
 * the measure's title and place, the quoted sentences, 责任单位 in bold on
 * its own line, the text of another document that gives the detail asked,
 * higher-level and related measures, what no document says, and the draft
 * note only for drafts. Each fact once; every piece of text escaped.
 */
export function formatAnswer(answer: Answer): string {
  const { parts } = answer;
  const lines: string[] = [];
  const [first] = answer.citations;

  if (answer.source === "curated") lines.push("📌 <i>工作人员审定的答复</i>", "");
  if (parts.understoodAs) lines.push(`<i>${escapeHtml(parts.understoodAs)}</i>`, "");
  if (parts.choices && parts.choices.length > 0) return [...lines, ...questionBackLines(answer, parts.choices)].join("\n");
  if (answer.status === "out_of_scope" || !first) {
    if (answer.status === "out_of_scope" && answer.question.trim()) lines.push(`<i>您问：${escapeHtml(truncate(answer.question.trim(), 80))}</i>`, "");
    lines.push(escapeHtml(parts.lead));
    if (parts.refusal) lines.push(escapeHtml(parts.refusal.reason));
    if (parts.listing)
      parts.listing.forEach((item, i) => lines.push(`${i + 1}. ${escapeHtml(item.citeAs)}${item.citeAs.includes(item.title) ? "" : `「${escapeHtml(item.title)}」`}`));
    if (answer.status === "out_of_scope") lines.push("", "可以发送 /outline 浏览收录文件的章节和措施，或 /units 查看各责任单位。");
    return lines.join("\n");
  }

  if (parts.listing) {
    lines.push(`<b>${escapeHtml(parts.lead)}</b>`, ...listingLines(answer));
    if (parts.draftNote) lines.push("", `<i>${escapeHtml(parts.draftNote)}</i>`);
    return lines.join("\n");
  }

  lines.push(`<b>${escapeHtml(first.title)}</b>`);
  lines.push(`<i>《${escapeHtml(first.document)}》${first.path.length > 0 ? " " + formatPath(first.path) : ""}</i>`);
  // A model's or staff's text is the answer itself; the engine's answer is the quoted text.
  if (answer.source === "curated" || answer.source === "llm") lines.push("", escapeHtml(parts.lead));
  else if (parts.quotes.length > 0) lines.push("", escapeHtml(parts.quotes.join("")));
  if (parts.units.length > 0) lines.push("", unitsLine(parts.units, parts.unitsComplete));

  for (const why of ["detail", "higher", "related"] as const) {
    const refs = parts.refs.filter((r) => r.why === why).slice(0, SEE_ALSO_MAX);
    if (refs.length === 0) continue;
    lines.push("", `<b>${REF_HEADINGS[why]}</b>`);
    for (const ref of refs) {
      lines.push(`• ${escapeHtml(ref.citeAs)}${ref.quote ? `：${escapeHtml(ref.quote)}` : ""}`);
      if (ref.units.length > 0 && why !== "detail") lines.push(`  责任单位：${ref.units.map(escapeHtml).join("、")}`);
    }
  }
  if (parts.notSpecified) lines.push("", escapeHtml(parts.notSpecified));
  if (parts.draftNote) lines.push("", `<i>${escapeHtml(parts.draftNote)}</i>`);
  return lines.join("\n");
}

/**
 * A question back ("您是想问……"): the engine's words, then the measures it
 * offers, numbered as their buttons are, each named as it is cited
 * (《纲要》「建立知识产权运营机制」, 《办法》第八条「…」).
 */
function questionBackLines(answer: Answer, choices: NonNullable<Answer["parts"]["choices"]>): string[] {
  const { parts } = answer;
  const lines = [`<b>${escapeHtml(parts.lead)}</b>`];
  if (parts.refusal?.reason && parts.refusal.reason !== parts.lead) lines.push(escapeHtml(parts.refusal.reason));
  lines.push("");
  choices.forEach((choice, i) => {
    const where = choice.citeAs || (choice.documentShort ? `《${choice.documentShort}》` : "");
    lines.push(`${i + 1}. ${escapeHtml(where)}${where.includes(choice.title) ? "" : `「${escapeHtml(choice.title)}」`}`);
  });
  lines.push("", "请点下面的按钮选择（或回复序号，如「1」），我按那项措施回答。");
  if (parts.draftNote) lines.push("", `<i>${escapeHtml(parts.draftNote)}</i>`);
  return lines;
}

const ROLES = { lead: "（牵头）", support: "（配合）", responsible: "" } as const;

/**
 * A unit's measures, grouped under their document so that its name is shown
 * once, numbered across documents; the unit's role in each where the text gives it.
 */
function listingLines(answer: Answer): string[] {
  const documentOf = new Map(answer.citations.map((c) => [c.id, c.document]));
  const lines: string[] = [];
  let current: string | undefined;
  (answer.parts.listing ?? []).forEach((item, i) => {
    const document = documentOf.get(item.id);
    if (document !== undefined && document !== current) lines.push("", `《${escapeHtml(document)}》`);
    current = document;
    const label = document !== undefined ? escapeHtml(item.title) : escapeHtml(item.citeAs || item.title);
    lines.push(`${i + 1}. ${label}${ROLES[item.role]}`);
  });
  return lines;
}
