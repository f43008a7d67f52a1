import type { Answer } from "../engine/answer-schema.js";
import type { EvalItem } from "./dataset.js";

export interface ItemResult {
  item: EvalItem;
  answer: Answer;
  failures: string[];
}

export interface Scores {
  questions: number;
  top1: { hit: number; of: number };
  top3: { hit: number; of: number };
  unitsExact: { hit: number; of: number };
  unitLookups: { complete: number; precise: number; of: number };
  answerContains: { hit: number; of: number };
  outOfScopeRefused: { hit: number; of: number };
  falseRefusals: number;
  /** Who wrote the answers; with an LLM, `engine` counts the refusals and the fallbacks to the extractive answer. */
  sources: Record<Answer["source"], number>;
  failed: ItemResult[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;

/** Judges one answer against its expectations; each failure is a readable line. */
export function judge(item: EvalItem, answer: Answer): ItemResult {
  const { expect } = item;
  const failures: string[] = [];
  const first = answer.citations[0];
  if (expect.out_of_scope) {
    if (answer.status !== "out_of_scope") failures.push(`not refused (cited ${first?.title ?? "nothing"})`);
    return { item, answer, failures };
  }
  if (answer.status === "out_of_scope") failures.push("refused an in-scope question");
  if (expect.titles && !expect.titles.includes(first?.title ?? "")) failures.push(`top-1 ${first?.title ?? "none"} ∉ ${expect.titles.join(" | ")}`);
  if (expect.units && !sameSet(first?.units ?? [], expect.units)) failures.push(`units [${first?.units.join("、") ?? ""}] ≠ [${expect.units.join("、")}]`);
  if (expect.all_titles) {
    const cited = answer.citations.map((c) => c.title);
    const missing = expect.all_titles.filter((t) => !cited.includes(t));
    const extra = cited.filter((t) => !expect.all_titles!.includes(t));
    if (missing.length) failures.push(`unit look-up misses ${missing.join("、")}`);
    if (extra.length) failures.push(`unit look-up adds ${extra.join("、")}`);
  }
  for (const s of expect.answer_contains ?? []) if (!answer.answer.includes(s)) failures.push(`answer lacks “${s}”`);
  return { item, answer, failures };
}

export function score(results: readonly ItemResult[]): Scores {
  const s: Scores = {
    questions: results.length,
    top1: { hit: 0, of: 0 },
    top3: { hit: 0, of: 0 },
    unitsExact: { hit: 0, of: 0 },
    unitLookups: { complete: 0, precise: 0, of: 0 },
    answerContains: { hit: 0, of: 0 },
    outOfScopeRefused: { hit: 0, of: 0 },
    falseRefusals: 0,
    sources: { engine: 0, llm: 0, curated: 0 },
    failed: results.filter((r) => r.failures.length > 0),
  };
  for (const { item, answer } of results) {
    const { expect } = item;
    s.sources[answer.source]++;
    const titles = answer.citations.map((c) => c.title);
    if (expect.out_of_scope) {
      s.outOfScopeRefused.of++;
      if (answer.status === "out_of_scope") s.outOfScopeRefused.hit++;
      continue;
    }
    if (answer.status === "out_of_scope") s.falseRefusals++;
    if (expect.titles) {
      s.top1.of++;
      s.top3.of++;
      if (expect.titles.includes(titles[0] ?? "")) s.top1.hit++;
      if (titles.slice(0, 3).some((t) => expect.titles!.includes(t))) s.top3.hit++;
    }
    if (expect.units) {
      s.unitsExact.of++;
      if (sameSet(answer.citations[0]?.units ?? [], expect.units)) s.unitsExact.hit++;
    }
    if (expect.all_titles) {
      s.unitLookups.of++;
      if (expect.all_titles.every((t) => titles.includes(t))) s.unitLookups.complete++;
      if (titles.every((t) => expect.all_titles!.includes(t))) s.unitLookups.precise++;
    }
    if (expect.answer_contains) {
      s.answerContains.of++;
      if (expect.answer_contains.every((x) => answer.answer.includes(x))) s.answerContains.hit++;
    }
  }
  return s;
}

const pct = (hit: number, of: number) => (of === 0 ? "   n/a" : `${((100 * hit) / of).toFixed(1).padStart(5)}%`);

export function formatScores(label: string, s: Scores): string {
  return [
    `== ${label} (${s.questions} questions)`,
    `  top-1 measure        ${pct(s.top1.hit, s.top1.of)}  (${s.top1.hit}/${s.top1.of})`,
    `  top-3 measure        ${pct(s.top3.hit, s.top3.of)}  (${s.top3.hit}/${s.top3.of})`,
    `  units exact          ${pct(s.unitsExact.hit, s.unitsExact.of)}  (${s.unitsExact.hit}/${s.unitsExact.of})`,
    `  unit look-ups        complete ${pct(s.unitLookups.complete, s.unitLookups.of)}  precise ${pct(s.unitLookups.precise, s.unitLookups.of)}  (of ${s.unitLookups.of})`,
    `  answer contains      ${pct(s.answerContains.hit, s.answerContains.of)}  (${s.answerContains.hit}/${s.answerContains.of})`,
    `  out-of-scope refused ${pct(s.outOfScopeRefused.hit, s.outOfScopeRefused.of)}  (${s.outOfScopeRefused.hit}/${s.outOfScopeRefused.of})`,
    `  false refusals       ${s.falseRefusals}`,
    `  answers written by   engine ${s.sources.engine} · llm ${s.sources.llm} · curated ${s.sources.curated}`,
  ].join("\n");
}
