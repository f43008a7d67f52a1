import type { DocumentMeta, PolicyDocument } from "../corpus/types.js";
import type { QuestionAnalysis } from "./question.js";

/**
 * Documents that set out details (办法, 细则, 标准, 通知, 指南, 规程, 解读):
 * they answer an amount, a deadline, materials or a procedure; a general
 * question about a topic belongs first with the plan that names the policy.
 */
const DETAIL_GENRE = /(办法|细则|标准|通知|指南|规程|解读|问答|须知|流程)(（[^）]*）)?$/;
/** What people call a document when they name it: 纲要 has …, 办法 says …. */
const GENRE_WORDS = ["纲要", "办法", "细则", "方案", "意见", "规程", "解读", "清单", "通知", "标准", "指南", "规划"];

const DETAIL_WITHOUT_SPECIFICS = 0.85;
const NAMED_DOCUMENT = 1.3;

/** Ids of the documents a question names by their kind (纲要有要求吗), when that picks out a few of them. */
export function documentsNamed(question: string, documents: readonly PolicyDocument[]): Set<string> {
  const named = new Set<string>();
  for (const word of GENRE_WORDS) {
    if (!question.includes(word)) continue;
    const matching = documents.filter((d) => d.meta.short.includes(word));
    if (matching.length > 0 && matching.length <= Math.max(1, documents.length / 2)) matching.forEach((d) => named.add(d.id));
  }
  return named;
}

/** A document's weight by its kind: named documents first; detail documents after plans unless a detail is asked. */
export function genreWeight(meta: DocumentMeta, question: QuestionAnalysis, named: ReadonlySet<string>, documentId?: string): number {
  if (documentId && named.has(documentId)) return NAMED_DOCUMENT;
  if (named.size > 0) return 1;
  return question.specifics.length === 0 && DETAIL_GENRE.test(meta.short) ? DETAIL_WITHOUT_SPECIFICS : 1;
}
