import type { Answer, Citation } from "../../engine/answer-schema.js";
import { escapeHtml, truncate } from "./escape.js";

/** How a place in the outline is shown: the headings from the top, as written. */
export function formatPath(path: readonly string[]): string {
  return path.map(escapeHtml).join(" › ");
}

/** `责任单位：A、B、C`, the units exactly as the document writes them. */
export function unitsLine(units: readonly string[]): string {
  return `责任单位：${units.map(escapeHtml).join("、")}`;
}

/** True for a document that is still a draft for comment (its title says 征求意见稿). */
export function isDraftTitle(title: string): boolean {
  return title.includes("征求意见稿");
}

/** The note shown under anything cited from a draft for comment. */
export function draftNote(documentTitle: string): string {
  return `<i>注：《${escapeHtml(documentTitle)}》为征求意见稿，内容以正式印发文件为准。</i>`;
}

const SEE_ALSO_MAX = 3;

/**
 * An answer as a Telegram HTML message: the measure's title and its place in
 * the outline, the relevant sentences (the answer text), `责任单位：…` on its
 * own line, other cited measures, and the draft-status note when a cited
 * document is a draft for comment. Curated answers are marked as written by
 * staff. What the answer text already says (its own units line, related
 * measures, draft note, location lead-in) is not repeated. Every piece of
 * corpus and user text is escaped.
 */
export function formatAnswer(answer: Answer): string {
  const lines: string[] = [];
  const [first, ...others] = answer.citations;

  if (answer.source === "curated") lines.push("📌 <i>工作人员审定的答复</i>", "");
  if (answer.status === "out_of_scope" || !first) {
    // The refusal does not repeat the question; quoting it shows what was not understood.
    if (answer.status === "out_of_scope" && answer.question.trim()) lines.push(`<i>您问：${escapeHtml(truncate(answer.question.trim(), 80))}</i>`, "");
    lines.push(...bodyLines(answer.answer));
    if (answer.status === "out_of_scope") {
      lines.push("", "可以发送 /outline 浏览纲要的章节和措施，或 /units 查看各责任单位。");
    }
    return lines.join("\n");
  }

  const text = answer.answer;
  lines.push(`<b>${escapeHtml(first.title)}</b>`);
  lines.push(`<i>《${escapeHtml(first.document)}》${first.path.length > 0 ? " " + formatPath(first.path) : ""}</i>`);
  lines.push("", ...bodyLines(text, first));
  if (first.units.length > 0 && !text.includes(`责任单位：${first.units.join("、")}`)) {
    lines.push("", unitsLine(first.units));
  }

  const seeAlso = others.slice(0, SEE_ALSO_MAX);
  if (seeAlso.length > 0 && !text.includes("相关措施")) {
    lines.push("", "<b>相关措施</b>");
    for (const c of seeAlso) lines.push(seeAlsoLine(c));
  }

  const drafts = [...new Set(answer.citations.map((c) => c.document))].filter(isDraftTitle);
  const missingNotes = drafts.filter((title) => !text.includes(`《${title}》是征求意见稿`) && !text.includes(`《${title}》为征求意见稿`));
  if (missingNotes.length > 0) lines.push("", ...missingNotes.map(draftNote));
  return lines.join("\n");
}

/**
 * The answer text, escaped, line by line: notes in italics, and a lead-in line that only repeats the place shown in the header dropped.
 */
function bodyLines(text: string, first?: Citation): string[] {
  const place = first ? first.path.join(" › ") : undefined;
  return text
    .split("\n")
    .filter((line) => !(place && line.includes(place) && line.trimEnd().endsWith("：")))
    .map((line) => {
            if (line.startsWith("注：")) return `<i>${escapeHtml(line)}</i>`;
      return escapeHtml(line);
    });
}

function seeAlsoLine(c: Citation): string {
  const units = c.units.length > 0 ? `\n  ${unitsLine(c.units)}` : "";
  return `• ${escapeHtml(c.title)}（${formatPath(c.path.slice(0, -1))}）${units}`;
}
