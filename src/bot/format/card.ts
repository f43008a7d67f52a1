import type { Citation } from "../../engine/answer-schema.js";
import { draftNote, formatPath, isDraftTitle, unitsLine } from "./answer.js";
import { escapeHtml } from "./escape.js";

/**
 * A measure as a card (an inline-mode result sent into any chat): its title
 * and place, the quoted sentences, 责任单位 in bold on its own line and the
 * draft note; every piece of corpus text escaped.
 */
export function formatCard(citation: Citation): string {
  const lines = [`<b>${escapeHtml(citation.title)}</b>`, `<i>《${escapeHtml(citation.document)}》 ${formatPath(citation.path)}</i>`];
  if (citation.quote) lines.push("", escapeHtml(citation.quote));
  if (citation.units.length > 0) lines.push("", `<b>${unitsLine(citation.units)}</b>`);
  if (isDraftTitle(citation.document)) lines.push("", draftNote(citation.document));
  return lines.join("\n");
}
