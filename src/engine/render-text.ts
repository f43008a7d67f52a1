import type { AnswerParts, AnswerUnit, QuestionKind } from "./answer-schema.js";

/**
 * `责任单位：A、B` or `牵头：A；配合：B、C`, with 等 kept when the text's
 * list is not exhaustive. One rendering of units for every plain-text use.
 */
export function unitsText(units: readonly AnswerUnit[], complete = true): string {
  if (units.length === 0) return "";
  const etc = complete ? "" : "等（文件未列全）";
  const lead = units.filter((u) => u.role === "lead").map((u) => u.name);
  const support = units.filter((u) => u.role === "support").map((u) => u.name);
  if (lead.length > 0 && support.length > 0) return `牵头：${lead.join("、")}；配合：${support.join("、")}${etc}`;
  return units.map((u) => u.name).join("、") + etc;
}

/** The section a record reference is listed under. */
const REF_HEADINGS = { detail: "具体规定", higher: "上级政策", related: "相关措施" } as const;

/**
 * The plain-text answer (CLI, copying, the LLM's fallback), rendered from the
 * parts: each fact once, in the order a reader needs them.
 */
export function renderAnswerText(parts: AnswerParts, kind: QuestionKind): string {
  const lines: string[] = [];
  if (parts.understoodAs) lines.push(parts.understoodAs);
  const units = unitsText(parts.units, parts.unitsComplete);
  const quote = parts.quotes.join("");
  const who = kind === "who_handles" && units && !parts.listing && !parts.refusal;
  // "负责「…」的是：A、B。" reads as one sentence; elsewhere the lead stands alone.
  lines.push(who ? `${parts.lead}${units}。` : parts.lead);
  if (parts.refusal) {
    lines.push(parts.refusal.reason + (parts.refusal.examples.length > 0 ? "您可以这样问：" : ""));
    lines.push(...parts.refusal.examples.map((e) => `· ${e}`));
    return lines.join("\n");
  }
  if (parts.choices) {
    parts.choices.forEach((choice, i) => lines.push(`${i + 1}. ${choice.citeAs}${choice.citeAs.includes(choice.title) ? "" : `「${choice.title}」`}`));
    lines.push("请回复序号（如「1」），或换个说法再问一次。");
  }
  if (parts.listing) {
    parts.listing.forEach((item, i) =>
      lines.push(
        `${i + 1}. ${item.citeAs}${item.citeAs.includes(item.title) ? "" : `「${item.title}」`}${item.role === "lead" ? "（牵头）" : item.role === "support" ? "（配合）" : ""}`,
      ),
    );
  }
  if (who) {
    if (quote) lines.push(`依据：${parts.place ?? ""}${parts.place ? "：" : ""}${quote}`);
  } else if (!parts.listing) {
    if (quote) lines.push(quote);
    if (units) lines.push(`责任单位：${units}`);
  }
  for (const why of ["detail", "higher", "related"] as const) {
    const refs = parts.refs.filter((r) => r.why === why);
    if (refs.length === 0) continue;
    if (why === "detail") refs.forEach((r) => lines.push(`${REF_HEADINGS.detail}见${r.citeAs}：${r.quote ?? ""}`));
    else lines.push(`${REF_HEADINGS[why]}：` + refs.map((r) => `${r.citeAs}${r.units.length ? `（责任单位：${r.units.join("、")}）` : ""}`).join("；"));
  }
  if (parts.notSpecified) lines.push(parts.notSpecified);
  if (parts.draftNote) lines.push(parts.draftNote);
  return lines.join("\n");
}
