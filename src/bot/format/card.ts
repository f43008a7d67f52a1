import type { AnswerUnit, Citation } from "../../engine/answer-schema.js";
import { formatPath, unitsLine } from "./answer.js";
import { escapeHtml } from "./escape.js";

/** A citation's units with their roles, as the answer's parts give them. */
export function citationUnits(citation: Citation): AnswerUnit[] {
  if (citation.leadUnits.length === 0 && citation.supportUnits.length === 0) return citation.units.map((name) => ({ name, role: "responsible" }));
  return citation.units.map((name) => ({ name, role: citation.supportUnits.includes(name) ? "support" : citation.leadUnits.includes(name) ? "lead" : "responsible" }));
}

/**
 * A measure as a card (an inline-mode result sent into any chat): its title
 * and place, the quoted sentences, 责任单位 in bold on its own line and, for
 * a draft, the draft note; every piece of corpus text escaped.
 */
export function formatCard(citation: Citation): string {
  const lines = [`<b>${escapeHtml(citation.title)}</b>`, `<i>《${escapeHtml(citation.document)}》 ${formatPath(citation.path)}</i>`];
  if (citation.quote) lines.push("", escapeHtml(citation.quote));
  if (citation.units.length > 0) lines.push("", unitsLine(citationUnits(citation), citation.unitsComplete));
  if (citation.status === "draft") lines.push("", `<i>注：《${escapeHtml(citation.document)}》为征求意见稿，内容以正式印发文件为准。</i>`);
  return lines.join("\n");
}
