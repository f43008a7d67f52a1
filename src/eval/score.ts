import type { Answer, Citation } from "../engine/answer-schema.js";
import type { EvalItem } from "./dataset.js";

export interface ItemResult {
  item: EvalItem;
  answer: Answer;
  failures: string[];
}

/** What judging needs besides the answer: the corpus's own text, to tell an invented number from a quoted one. */
export interface JudgeContext {
  corpusText?: string;
}

type Ratio = { hit: number; of: number };

export interface Scores {
  questions: number;
  top1: Ratio;
  top3: Ratio;
  unitsExact: Ratio;
  /** Units exact among the questions whose top-1 was right. */
  unitsOnCorrect: Ratio;
  document: Ratio;
  unitLookups: { complete: number; precise: number; of: number };
  answerContains: Ratio;
  /** Messages with several questions: every part among the first three citations. */
  allPartsTop3: Ratio;
  noInvent: Ratio;
  smallTalk: Ratio;
  outOfScopeRefused: Ratio;
  falseRefusals: number;
  /** Who wrote the answers; with an LLM, `engine` counts the refusals and the fallbacks to the extractive answer. */
  sources: Record<Answer["source"], number>;
  failed: ItemResult[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;

const MARKER =
  /^(第[一二三四五六七八九十百零〇两\d]+[章节条步]|第[一二三四五六七八九十百零〇两\d]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.．、])\s*/;
const normalize = (t: string) => t.replace(/^问[：:]\s*/, "").replace(/[？?。！!\s\u3000：:]/g, "");

/** A table's caption as the last place of a row's citation (表1泰安市知识产权资助奖励标准表, 附表：…). */
const CAPTION = /^(?:附)?表\s*[\d一二三四五六七八九十]*|表$/;

/**
 * The names a citation answers to: its title, its heading as written, and that heading without its number;
 * for a row of a table, also the heading the table stands under (a row of 第六条's table is part of 第六条).
 */
function namesOf(c: Citation): string[] {
  const heading = c.path.at(-1) ?? "";
  const headings = CAPTION.test(heading) && c.path.length > 1 ? [heading, c.path.at(-2) ?? ""] : [heading];
  return [c.title, ...headings.flatMap((h) => [h, h.replace(MARKER, ""), MARKER.exec(h)?.[1] ?? ""])].filter(Boolean).map(normalize);
}

/** Whether a citation is one of the expected records, by title or by its heading as the document writes it. */
export function citationIs(c: Citation | undefined, titles: readonly string[]): boolean {
  if (!c) return false;
  const names = namesOf(c);
  return titles.some((t) => names.includes(normalize(t)));
}

function documentIs(c: Citation | undefined, document: string): boolean {
  if (!c) return false;
  const want = normalize(document.replace(/^《([^《》]*)》$/, "$1"));
  return [c.document, c.documentShort].some((d) => d && normalize(d) === want);
}

/** Numbers, dates, phone numbers in an answer that the corpus does not contain. */
export function inventedFigures(answer: string, corpusText: string): string[] {
  const figures = answer.match(/\d[\d\-－.．]*\d|\d/g) ?? [];
  const corpus = corpusText.replace(/\s+/g, "");
  // List numbering ("1. ") and counts of the answer's own list are the answer's layout, not facts.
  const layout = new Set((answer.match(/^\s*(\d+)[.、]/gm) ?? []).map((m) => m.replace(/\D/g, "")));
  return [...new Set(figures)].filter((f) => !layout.has(f) && !corpus.includes(f));
}

const isSmallTalk = (a: Answer) => a.status === "answered" && a.citations.length === 0 && a.kind === "small_talk";

/** Judges one answer against its expectations; each failure is a readable line. */
export function judge(item: EvalItem, answer: Answer, context: JudgeContext = {}): ItemResult {
  const { expect } = item;
  const failures: string[] = [];
  const first = answer.citations[0];
  if (expect.out_of_scope) {
    if (answer.status !== "out_of_scope") failures.push(`not refused (cited ${first?.title ?? "nothing"}, kind ${answer.kind})`);
    return { item, answer, failures };
  }
  if (expect.greeting || expect.human) {
    if (!isSmallTalk(answer)) failures.push(`not small talk (status ${answer.status}, kind ${answer.kind}, cited ${first?.title ?? "nothing"})`);
    return { item, answer, failures };
  }
  if (answer.status === "out_of_scope") failures.push("refused an in-scope question");
  if (expect.titles && !citationIs(first, expect.titles)) failures.push(`top-1 ${first?.title ?? "none"} (${first?.path.at(-1) ?? ""}) ∉ ${expect.titles.join(" | ")}`);
  if (expect.document && !documentIs(first, expect.document)) failures.push(`document ${first?.documentShort || first?.document || "none"} ≠ ${expect.document}`);
  if (expect.units && !sameSet(first?.units ?? [], expect.units)) failures.push(`units [${first?.units.join("、") ?? ""}] ≠ [${expect.units.join("、")}]`);
  if (expect.titles_all_top3) {
    const top3 = answer.citations.slice(0, 3);
    const missing = expect.titles_all_top3.filter((t) => !top3.some((c) => citationIs(c, [t])));
    if (missing.length) failures.push(`not in top 3: ${missing.join("、")} (cited ${top3.map((c) => c.title).join("、")})`);
  }
  if (expect.all_titles) {
    const missing = expect.all_titles.filter((t) => !answer.citations.some((c) => citationIs(c, [t])));
    const extra = answer.citations.filter((c) => !citationIs(c, expect.all_titles!)).map((c) => c.title);
    if (missing.length) failures.push(`unit look-up misses ${missing.join("、")}`);
    if (extra.length) failures.push(`unit look-up adds ${extra.join("、")}`);
  }
  for (const s of expect.answer_contains ?? []) if (!answer.answer.includes(s)) failures.push(`answer lacks “${s}”`);
  if (expect.no_invent && context.corpusText !== undefined) {
    const invented = inventedFigures(answer.answer, context.corpusText);
    if (invented.length) failures.push(`invents ${invented.join("、")}`);
  }
  return { item, answer, failures };
}

export function score(results: readonly ItemResult[], context: JudgeContext = {}): Scores {
  const r = (): Ratio => ({ hit: 0, of: 0 });
  const s: Scores = {
    questions: results.length,
    top1: r(),
    top3: r(),
    unitsExact: r(),
    unitsOnCorrect: r(),
    document: r(),
    unitLookups: { complete: 0, precise: 0, of: 0 },
    answerContains: r(),
    allPartsTop3: r(),
    noInvent: r(),
    smallTalk: r(),
    outOfScopeRefused: r(),
    falseRefusals: 0,
    sources: { engine: 0, llm: 0, curated: 0 },
    failed: results.filter((x) => x.failures.length > 0),
  };
  const count = (ratio: Ratio, hit: boolean) => {
    ratio.of++;
    if (hit) ratio.hit++;
  };
  for (const { item, answer } of results) {
    const { expect } = item;
    s.sources[answer.source]++;
    const first = answer.citations[0];
    if (expect.out_of_scope) {
      count(s.outOfScopeRefused, answer.status === "out_of_scope");
      continue;
    }
    if (expect.greeting || expect.human) {
      count(s.smallTalk, isSmallTalk(answer));
      continue;
    }
    if (answer.status === "out_of_scope") s.falseRefusals++;
    const right = expect.titles ? citationIs(first, expect.titles) : undefined;
    if (expect.titles) {
      count(s.top1, right!);
      count(
        s.top3,
        answer.citations.slice(0, 3).some((c) => citationIs(c, expect.titles!)),
      );
    }
    if (expect.units) {
      const exact = sameSet(first?.units ?? [], expect.units);
      count(s.unitsExact, exact);
      if (right) count(s.unitsOnCorrect, exact);
    }
    if (expect.document) count(s.document, documentIs(first, expect.document));
    if (expect.titles_all_top3)
      count(
        s.allPartsTop3,
        expect.titles_all_top3.every((t) => answer.citations.slice(0, 3).some((c) => citationIs(c, [t]))),
      );
    if (expect.all_titles) {
      s.unitLookups.of++;
      if (expect.all_titles.every((t) => answer.citations.some((c) => citationIs(c, [t])))) s.unitLookups.complete++;
      if (answer.citations.every((c) => citationIs(c, expect.all_titles!))) s.unitLookups.precise++;
    }
    if (expect.answer_contains)
      count(
        s.answerContains,
        expect.answer_contains.every((x) => answer.answer.includes(x)),
      );
    if (expect.no_invent && context.corpusText !== undefined) count(s.noInvent, inventedFigures(answer.answer, context.corpusText).length === 0);
  }
  return s;
}

const pct = (hit: number, of: number) => (of === 0 ? "   n/a" : `${((100 * hit) / of).toFixed(1).padStart(5)}%`);
const line = (label: string, x: Ratio) => (x.of === 0 ? [] : [`  ${label.padEnd(21)}${pct(x.hit, x.of)}  (${x.hit}/${x.of})`]);

export function formatScores(label: string, s: Scores): string {
  return [
    `== ${label} (${s.questions} questions)`,
    `  top-1 measure        ${pct(s.top1.hit, s.top1.of)}  (${s.top1.hit}/${s.top1.of})`,
    `  top-3 measure        ${pct(s.top3.hit, s.top3.of)}  (${s.top3.hit}/${s.top3.of})`,
    `  units exact          ${pct(s.unitsExact.hit, s.unitsExact.of)}  (${s.unitsExact.hit}/${s.unitsExact.of})`,
    ...line("units on correct", s.unitsOnCorrect),
    ...line("document", s.document),
    `  unit look-ups        complete ${pct(s.unitLookups.complete, s.unitLookups.of)}  precise ${pct(s.unitLookups.precise, s.unitLookups.of)}  (of ${s.unitLookups.of})`,
    `  answer contains      ${pct(s.answerContains.hit, s.answerContains.of)}  (${s.answerContains.hit}/${s.answerContains.of})`,
    ...line("all parts in top 3", s.allPartsTop3),
    ...line("no invented figure", s.noInvent),
    ...line("small talk", s.smallTalk),
    `  out-of-scope refused ${pct(s.outOfScopeRefused.hit, s.outOfScopeRefused.of)}  (${s.outOfScopeRefused.hit}/${s.outOfScopeRefused.of})`,
    `  false refusals       ${s.falseRefusals}`,
    `  answers written by   engine ${s.sources.engine} · llm ${s.sources.llm} · curated ${s.sources.curated}`,
  ].join("\n");
}
