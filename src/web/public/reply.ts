import type { Answer, Citation } from "../../engine/answer-schema.js";
import { unitsText } from "../../engine/render-text.js";

/** True when a cited document is a draft for comment, whose text may still change. */
export function isDraft(citation: Pick<Citation, "status">): boolean {
  return citation.status === "draft";
}

/** The place of a measure in its document, e.g. `三、工作措施 › （五）… › 2.注重知识产权品牌培育`. */
export function citationPath(citation: Citation): string {
  return citation.path.join(" › ");
}

/** Where the first citation stands, as the answer's parts give it (or the citation's own path for a curated answer). */
export function placeOf(answer: Answer): string | undefined {
  const [first] = answer.citations;
  return answer.parts.place ?? (first ? `《${first.document}》 ${citationPath(first)}` : undefined);
}

/** Characters as people count them (a CJK character is one). */
export const charCount = (text: string) => [...text].length;

/** A text message should fit one SMS: 70 characters of Chinese. */
export const SMS_CHARS = 70;

/**
 * The text staff read out or paste into a message, from the answer's parts:
 * the short answer, the quoted text with where it stands, the text that gives
 * a detail, what no document says and the draft note. The caller's question
 * is never quoted back; a refusal copies its reason, not the example list.
 * Adds no facts of its own.
 */
export function composeReply(answer: Answer): string {
  const { parts } = answer;
  if (answer.status !== "answered") return ["您好！", parts.lead, parts.refusal?.reason ?? ""].filter(Boolean).join("\n");
  const lines: string[] = ["您好！", parts.spoken];
  const [first] = answer.citations;
  if (parts.listing) parts.listing.forEach((item, i) => lines.push(`${i + 1}. ${item.title}${roleNote(item.role)}`));
  else if (first && parts.quotes.length > 0) lines.push("", `依据：${first.citeAs || first.title}：${parts.quotes.join("")}`);
  for (const ref of parts.refs.filter((r) => r.why === "detail")) lines.push(`具体规定见${ref.citeAs}：${ref.quote ?? ""}`);
  if (parts.notSpecified) lines.push("", parts.notSpecified);
  if (parts.draftNote) lines.push("", parts.draftNote);
  return lines.join("\n");
}

/** `（牵头）` / `（配合）` after a measure a unit leads or supports. */
export function roleNote(role: "lead" | "support" | "responsible"): string {
  return role === "lead" ? "（牵头）" : role === "support" ? "（配合）" : "";
}

/**
 * A text message of at most {@link SMS_CHARS} characters where the parts
 * allow: the short answer (`spoken`) with a greeting, else without it, else
 * whom to contact and the measure's title, else whom to contact; cut with …
 * only when even that is too long.
 */
export function composeSms(answer: Answer): string {
  const { parts } = answer;
  const [first] = answer.citations;
  const units = unitsText(parts.units, parts.unitsComplete);
  const candidates = [
    `您好！${parts.spoken}`,
    parts.spoken,
    answer.status === "answered" && units && first && !parts.listing ? `请联系${units}（${first.title}）。` : "",
    answer.status === "answered" && units && !parts.listing ? `请联系${units}。` : "",
  ].filter(Boolean);
  const fits = candidates.find((text) => charCount(text) <= SMS_CHARS);
  if (fits) return fits;
  const shortest = candidates.at(-1) ?? parts.lead;
  return `${[...shortest].slice(0, SMS_CHARS - 1).join("")}…`;
}
