import type { PolicyRecord } from "../corpus/types.js";
import { splitSentences } from "../index/chunks.js";
import { Tokenizer } from "../index/tokenizer.js";
import type { Answer, Citation, QuestionKind } from "./answer-schema.js";
import type { QuestionAnalysis } from "./question.js";
import { givesSpecific, SPECIFIC_NAMES } from "./specifics.js";

/** Verbs that only name a direction of work, not a rule an enterprise can apply under. */
const DIRECTION_ONLY = /^(不断|进一步|积极|加快|持续|大力|深入|着力|稳步|逐步)?(完善|健全|建立|推进|推动|加大|加强|探索|鼓励|支持|引导|优化|提高|提升|强化|深化|培育|组织|实施|构建|拓展|整合|激励|突出|落实|开展|围绕|聚焦)/;

/** Picks the sentences of a record that answer the question, in the record's order. */
export function relevantSentences(record: PolicyRecord, question: QuestionAnalysis, max = 2): string[] {
  // A table row is one statement, header and all ("项目：发明专利授权；资助标准：每件…"): never cut at its ；.
  const sentences = record.table ? record.text.split("\n") : splitSentences(record.text);
  if (sentences.length <= max) return sentences;
  const words = [...new Set([...question.words, ...question.expansions])].filter((w) => w.length >= 2);
  const scored = sentences.map((sentence, i) => {
    const s = Tokenizer.normalize(sentence);
    let score = 0;
    for (const w of words) if (s.includes(w)) score += question.words.includes(w) ? 1 + w.length / 4 : 0.5;
    if (question.asksTarget && /\d/.test(sentence)) score += 1.5;
    return { i, score };
  });
  const best = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.i - b.i).slice(0, max);
  const chosen = best.length > 0 ? best.map((s) => s.i) : [0];
  return chosen.sort((a, b) => a - b).map((i) => sentences[i]!);
}

/** Sentences run on as in the text; table rows stay one to a line. */
export function joinQuote(record: PolicyRecord, sentences: readonly string[]): string {
  return sentences.join(record.table ? "\n" : "");
}

export function citationFor(record: PolicyRecord, quote: string): Citation {
  return { id: record.id, document: record.document, path: record.path, title: record.title, units: record.units, quote };
}

function unitsLine(record: PolicyRecord): string {
  if (record.unitRoles && record.unitRoles.support.length > 0) {
    return `责任单位：牵头单位 ${record.unitRoles.lead.join("、")}；配合单位 ${record.unitRoles.support.join("、")}`;
  }
  return record.units.length > 0 ? `责任单位：${record.units.join("、")}` : "";
}

function placeOf(record: PolicyRecord): string {
  return `《${record.document}》${record.path.length > 1 || record.path[0] !== record.document ? " " + record.path.join(" › ") : ""}`;
}

function draftNote(records: readonly PolicyRecord[]): string {
  const draft = records.find((r) => r.document.includes("征求意见稿"));
  return draft ? `注：《${draft.document}》是征求意见稿，内容以正式印发的文件为准。` : "";
}

/** What the text does not give, said plainly, with whom to ask. */
function notSpecifiedNote(record: PolicyRecord, question: QuestionAnalysis, quoted: string): string {
  const missing = question.specifics.filter((s) => !givesSpecific(record.text, s));
  if (missing.length === 0) return "";
  const what = missing.map((s) => SPECIFIC_NAMES[s]).join("、");
  // "Only a direction" is said of money and procedures: the outline names policies to make, not their terms.
  const asksTerms = missing.some((s) => s === "amount" || s === "procedure");
  const directionOnly = asksTerms && splitSentences(quoted).every((s) => DIRECTION_ONLY.test(s));
  const who = record.units.length > 0 ? `请向责任单位（${record.units.join("、")}）咨询` : "请向相关主管部门咨询";
  const source = record.document.includes("纲要") ? "纲要" : "该文件";
  return directionOnly
    ? `${source}在这方面只提出了工作方向，没有规定${what}；${who}，以其发布的具体政策为准。`
    : `${source}没有规定${what}；${who}。`;
}

/** How many sentences to quote: a general question about a section ("工作原则有哪几条") gets the section whole, if short. */
function sentencesFor(record: PolicyRecord, question: QuestionAnalysis): number {
  if (question.asksGeneral && record.kind === "section" && record.text.length <= 400) return 8;
  return question.asksTarget ? 3 : 2;
}

export interface Composition {
  question: string;
  kind: QuestionKind;
  analysis: QuestionAnalysis;
  primary: PolicyRecord;
  related: PolicyRecord[];
  confidence: number;
}

/**
 * The extractive answer: the measure's place and title, the sentences that
 * answer, its responsible units, what the text does not say, related
 * measures, and the draft-status note. Deterministic; never adds a fact.
 */
export function composeAnswer(c: Composition): Answer {
  const { primary, analysis } = c;
  const sentences = relevantSentences(primary, analysis, sentencesFor(primary, analysis));
  const quote = joinQuote(primary, sentences);
  const lines: string[] = [];
  const units = unitsLine(primary);

  if (c.kind === "who_handles" && primary.units.length > 0) {
    lines.push(`负责「${primary.title}」的是：${primary.units.join("、")}。`);
    lines.push(`依据：${placeOf(primary)}：${quote}`);
  } else {
    // The path usually ends in the measure's own heading; name the title only when it does not.
    const named = primary.path.at(-1)?.endsWith(primary.title) ? "" : `「${primary.title}」`;
    lines.push(`${placeOf(primary)}${named}：`);
    lines.push(quote);
    if (units) lines.push(units);
  }
  const note = notSpecifiedNote(primary, analysis, quote);
  if (note) lines.push(note);
  if (c.related.length > 0) {
    lines.push("相关措施：" + c.related.map((r) => `「${r.title}」${r.units.length ? `（责任单位：${r.units.join("、")}）` : ""}`).join("；"));
  }
  const draft = draftNote([primary, ...c.related]);
  if (draft) lines.push(draft);

  return {
    question: c.question,
    status: "answered",
    answer: lines.join("\n"),
    citations: [citationFor(primary, quote), ...c.related.map((r) => citationFor(r, joinQuote(r, relevantSentences(r, analysis, 1))))],
    kind: c.kind,
    confidence: c.confidence,
    source: "engine",
  };
}

/** Every measure a unit is responsible for, in the outline's order. */
export function composeUnitDuties(question: string, unit: string, records: readonly PolicyRecord[]): Answer {
  const lines = [`${unit}在以下 ${records.length} 项措施中是责任单位：`];
  records.forEach((r, i) => lines.push(`${i + 1}. 「${r.title}」（${r.path.join(" › ")}）`));
  const draft = draftNote(records);
  if (draft) lines.push(draft);
  return {
    question,
    status: "answered",
    answer: lines.join("\n"),
    citations: records.map((r) => citationFor(r, splitSentences(r.text)[0] ?? "")),
    kind: "unit_duties",
    confidence: 1,
    source: "engine",
  };
}

/** A polite refusal with what can be asked instead. */
export function composeOutOfScope(question: string, kind: QuestionKind, reason: string, examples: readonly string[], documents: readonly string[]): Answer {
  const scope = documents.length > 0 ? `目前收录的是${documents.map((d) => `《${d}》`).join("、")}等知识产权政策文件` : "目前收录的是泰安市知识产权政策文件";
  const lines = [reason, `本助手只回答知识产权政策方面的问题，${scope}。您可以这样问：`, ...examples.map((e) => `· ${e}`)];
  return { question, status: "out_of_scope", answer: lines.join("\n"), citations: [], kind, confidence: 0, source: "engine" };
}
