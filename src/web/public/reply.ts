import type { Answer, Citation } from "../../engine/answer-schema.js";

/** True when a cited document is a draft for comment, whose text may still change. */
export function isDraft(citation: Pick<Citation, "document">): boolean {
  return citation.document.includes("征求意见稿");
}

/** The place of a measure in its document, e.g. `三、工作措施 › （五）… › 2.注重知识产权品牌培育`. */
export function citationPath(citation: Citation): string {
  return citation.path.join(" › ");
}

const DRAFT_NOTE = "（注：以上依据为征求意见稿，最终以正式印发的文件为准。）";

/**
 * The text staff read out or paste into a message: a greeting, the answer as
 * the engine wrote it, then — for cited measures the answer text does not
 * already name (a curated answer names none) — document, place and
 * responsible units exactly as written, and a draft note if one is missing.
 * Adds no facts of its own.
 */
export function composeReply(answer: Answer): string {
  const text = answer.answer.trim();
  const lines: string[] = [`您好！关于“${answer.question}”：`, text];
  if (answer.status !== "answered") return lines.join("\n");
  const unnamed = answer.citations.filter((c) => !text.includes(c.title));
  if (unnamed.length > 0) {
    lines.push("", "政策依据：");
    unnamed.forEach((citation, i) => {
      lines.push(`${i + 1}. 《${citation.document}》${citationPath(citation)}`);
      lines.push(`   责任单位：${citation.units.length ? citation.units.join("、") : "文件未列明"}`);
    });
  }
  if (answer.citations.some(isDraft) && !text.includes("征求意见稿，")) lines.push("", DRAFT_NOTE);
  return lines.join("\n");
}
