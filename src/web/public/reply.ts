import type { Answer, Citation } from "../../engine/answer-schema.js";

/** True when a cited document is a draft for comment, whose text may still change. */
export function isDraft(citation: Pick<Citation, "status">): boolean {
  return citation.status === "draft";
}

/** The place of a measure in its document, e.g. `三、工作措施 › （五）… › 2.注重知识产权品牌培育`. */
export function citationPath(citation: Citation): string {
  return citation.path.join(" › ");
}

/**
 * The text staff read out or paste into a message, from the answer's parts:
 * the short answer, the quoted text with where it stands, the responsible
 * units as written, what no document says and the draft note. A refusal
 * copies only its reason. Adds no facts of its own.
 */
export function composeReply(answer: Answer): string {
  const { parts } = answer;
  if (answer.status !== "answered") return ["您好！", parts.lead, parts.refusal?.reason ?? ""].filter(Boolean).join("\n");
  const lines: string[] = ["您好！", parts.spoken];
  const [first] = answer.citations;
  if (first && parts.quotes.length > 0) lines.push("", `依据：${first.citeAs}：${parts.quotes.join("")}`);
  for (const ref of parts.refs.filter((r) => r.why === "detail")) lines.push(`具体规定见${ref.citeAs}：${ref.quote ?? ""}`);
  if (parts.notSpecified) lines.push("", parts.notSpecified);
  if (parts.draftNote) lines.push("", parts.draftNote);
  return lines.join("\n");
}
