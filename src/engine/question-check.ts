import { hasWords } from "../corpus/clean.js";

/** Why a question is not taken. Each adapter maps the reason to its own words. */
export type QuestionProblem = { reason: "empty" } | { reason: "too_long"; length: number; max: number } | { reason: "no_words" };

export type QuestionCheck = { ok: true; question: string } | { ok: false; problem: QuestionProblem };

/** A question's length as people count it: code points, so a CJK character or an emoji is one. */
export function questionLength(text: string): number {
  return [...text].length;
}

/** The question as the engine reads it: runs of whitespace made one space, the ends trimmed. */
export function normalizeQuestion(raw: string): string {
  return raw.replace(/\s+/g, " ").trim();
}

/**
 * The one check every way in (bot, console, CLI) applies before a question
 * is answered: not empty, at most `maxChars` characters, and some letter or
 * digit (not only punctuation or emoji). Returns the normalised question, or
 * the reason it is refused.
 */
export function checkQuestion(raw: string, maxChars: number): QuestionCheck {
  const question = normalizeQuestion(raw);
  if (!question) return { ok: false, problem: { reason: "empty" } };
  const length = questionLength(question);
  if (length > maxChars) return { ok: false, problem: { reason: "too_long", length, max: maxChars } };
  if (!hasWords(question)) return { ok: false, problem: { reason: "no_words" } };
  return { ok: true, question };
}
