import type { DocumentMeta, PolicyDocument } from "../corpus/types.js";
import type { QuestionAnalysis } from "./question.js";
import { asksHowToApply, rankedSpecifics } from "./specifics.js";

/**
 * Documents that set out details (办法, 细则, 标准, 通知, 指南, 规程, 解读):
 * they answer an amount, a deadline, materials or a procedure; a general
 * question about a topic belongs first with the plan that names the policy.
 */
const DETAIL_GENRE = /(办法|细则|标准|通知|指南|规程|解读|问答|须知|流程)(（[^）]*）)?$/;
/** What people call a document when they name it: 纲要 has …, 办法 says …. */
export const GENRE_WORDS = ["纲要", "办法", "细则", "方案", "意见", "规程", "解读", "清单", "通知", "标准", "指南", "规划"];

const DETAIL_WITHOUT_SPECIFICS = 0.85;
/** …and a question asking an amount, a deadline, a phone or an address (几个工作日, 收费吗) belongs first with the documents that set details out. */
const DETAIL_WITH_SPECIFICS = 1.15;
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

/** Words of a title that say nothing of what sets the document apart (its place, its kind, that it is an example). */
const GENERIC_TITLE_WORD = /^(关于|印发|通知|示例|泰安|泰安市|山东|山东省|国家|市|省|区|县|年度|开展|组织|工作|政策|实施|建设|加强|推进|知识|产权|知识产权|办公室|人民政府|政府)$/;
/** A question names a document by its title's own words when it holds this many of their characters. */
const TITLE_CHARS_NAMING = 5;
/** …and that document's records weigh this much more. */
const TITLED_DOCUMENT = 1.2;

/**
 * What sets each document's title apart from the others' (品牌机构, 培育项目 for an
 * application notice; 海外, 纠纷应对, 办事指南 for a guide): its words of two
 * characters or more that no more than a third of the titles share.
 */
export function distinctiveTitleWords(documents: readonly PolicyDocument[], wordsOf: (text: string) => string[]): Map<string, string[]> {
  const wordsBy = new Map(
    documents.map((d) => [d.id, [...new Set(wordsOf(d.meta.short))].filter((w) => [...w].length >= 2 && !GENERIC_TITLE_WORD.test(w) && !GENRE_WORDS.includes(w))]),
  );
  const titlesWith = new Map<string, number>();
  for (const words of wordsBy.values()) for (const w of words) titlesWith.set(w, (titlesWith.get(w) ?? 0) + 1);
  const most = Math.max(1, Math.floor(documents.length / 3));
  return new Map([...wordsBy].map(([id, words]) => [id, words.filter((w) => (titlesWith.get(w) ?? 0) <= most)]));
}

/**
 * Ids of the documents a question names by their titles' own words (品牌机构培育项目申报截止到什么时候):
 * those holding the most of them, at least {@link TITLE_CHARS_NAMING} characters.
 */
export function documentsTitled(question: string, distinctive: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const matched = [...distinctive].map(([id, words]) => ({ id, chars: new Set(words.filter((w) => question.includes(w)).flatMap((w) => [...w])).size }));
  const best = Math.max(0, ...matched.map((m) => m.chars));
  if (best < TITLE_CHARS_NAMING) return new Map();
  return new Map(matched.filter((m) => m.chars === best).map((m) => [m.id, TITLED_DOCUMENT]));
}

/** Whether a document sets out details (a 办法, 细则, 指南, 解读 …) rather than naming policies (a 纲要, 方案, 意见). */
export function isDetailGenre(meta: DocumentMeta): boolean {
  return DETAIL_GENRE.test(meta.short);
}

/** A document's weight by its kind: named documents first; detail documents after plans unless a detail is asked. */
export function genreWeight(meta: DocumentMeta, question: QuestionAnalysis, named: ReadonlySet<string>, documentId?: string): number {
  if (documentId && named.has(documentId)) return NAMED_DOCUMENT;
  if (named.size > 0) return 1;
  if (!DETAIL_GENRE.test(meta.short)) return 1;
  if (rankedSpecifics(question.specifics, question.text).length > 0 || asksHowToApply(question.text)) return DETAIL_WITH_SPECIFICS;
  // 「有没有奖励」 asks whether there is a policy: the plan that names it first, the terms after it.
  return question.specifics.includes("procedure") ? 1 : DETAIL_WITHOUT_SPECIFICS;
}
