import type { Answer } from "../engine/answer-schema.js";

/** An answer as a terminal shows it: the text, then each citation with its units. */
export function formatAnswerForTerminal(answer: Answer): string {
  const lines = [answer.answer];
  if (answer.citations.length > 0) {
    lines.push("", "出处：");
    answer.citations.forEach((c, i) => {
      lines.push(`  [${i + 1}] ${c.path.join(" › ")}`);
      if (c.units.length > 0) lines.push(`      责任单位：${c.units.join("、")}`);
    });
  }
  return lines.join("\n");
}
