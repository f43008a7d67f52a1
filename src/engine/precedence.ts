import type { PolicyRecord } from "../corpus/types.js";
import type { DocumentLookup } from "./compose.js";
import { isDetailGenre } from "./genre.js";
import { type HomeJurisdiction, isHome, type LevelFocus } from "./jurisdiction.js";
import type { QuestionAnalysis } from "./question.js";
import { type RankedRecord, setsTargets } from "./retrieve.js";
import { detailsGiven, detailsReallyAsked, rankedSpecifics } from "./specifics.js";

/**
 * Which record answers first when more than scores decides: the home city's before a higher
 * level's, the plan's measure before the 办法 article for a general question.
 */

/** A home measure with units replaces a higher-level first hit for a question that names no level when it scores this share of it. */
const HOME_FIRST_SHARE = 0.55;
/** …or this share when it names the question's topic outright. */
const HOME_NAMING_SHARE = 0.25;
/** A plan's measure that names the topic answers a general question before a detail document's record scoring up to 1 / this… */
const PLAN_SHARE = 0.5;
/** …among the first this many. */
const PLAN_WITHIN = 6;

/**
 * With no level asked (or the city's), a Tai'an enterprise is never answered with a higher
 * level's units alone: a home measure with units that scores near the top, or that names the
 * question's topic outright (大力推行知识产权保险 for 知识产权保险是怎么回事), comes first, and the
 * higher one follows it.
 */
export function homeFirst(
  ranked: RankedRecord[],
  focus: LevelFocus | undefined,
  question: QuestionAnalysis,
  documents: DocumentLookup,
  homeOf: HomeJurisdiction,
  isRare: (word: string) => boolean,
): RankedRecord[] {
  const top = ranked[0];
  const atHome = (r: RankedRecord) => isHome(documents.meta(r.record.documentId), homeOf);
  // A level asked above the city goes to that level; the city asked (泰安这边谁管) or none, home first.
  // …and a place other than home named outright (肥城这边), that place.
  if (!top || (focus && (focus.level !== "municipal" || (focus.region !== undefined && focus.region !== homeOf.city))) || atHome(top)) return ranked;
  const home = ranked.find(
    (r) =>
      atHome(r) &&
      r.record.units.length > 0 &&
      (r.score >= top.score * HOME_FIRST_SHARE ||
        (r.score >= top.score * HOME_NAMING_SHARE && (namesTopic(r.record, question) || saysAsMuch(r.record, top.record, question, isRare)))),
  );
  // 「跨境电商专项执法行动是几月到几月」: the higher level's measure that gives the date asked answers it, not a home one that does not.
  const details = rankedSpecifics(question.specifics, question.text);
  const gives = (r: PolicyRecord) => detailsGiven(r.text, details, question.text).length > 0;
  if (home && details.length > 0 && gives(top.record) && !gives(home.record)) return ranked;
  // 「到2027年覆盖率要达到多少」: the same for a target, when only the higher level sets one.
  if (home && question.asksTarget && setsTargets(top.record) && !setsTargets(home.record)) return ranked;
  return home ? [home, ...ranked.filter((r) => r !== home)] : ranked;
}

/**
 * 「植物新品种有奖励吗」 asks whether there is a policy: the plan's measure that names the topic, with its
 * units, answers before the 办法 article or schedule row that sets the amount (which the answer then
 * quotes as where the detail is). A question that asks a detail (补多少, 截止到哪天) is left as ranked.
 */
export function planFirst(
  ranked: RankedRecord[],
  question: QuestionAnalysis,
  documents: DocumentLookup,
  homeOf: HomeJurisdiction,
  isRare: (word: string) => boolean,
): RankedRecord[] {
  const top = ranked[0];
  if (!top || detailsReallyAsked(question.specifics, question.text).length > 0) return ranked;
  const isDetail = (r: PolicyRecord) => r.kind === "table" || isDetailGenre(documents.meta(r.documentId));
  if (!isDetail(top.record) || top.record.units.length > 0) return ranked;
  const home = isHome(documents.meta(top.record.documentId), homeOf);
  // Where the question only asks whether there is a policy and names no topic precisely (申请专利有没有资助或奖励政策),
  // a measure that holds as much of it as the detail record names it well enough.
  const byWords = ASKS_FOR_POLICY.test(question.text) && preciseTopics(question).length === 0;
  const plan = ranked
    .slice(1, PLAN_WITHIN)
    .find(
      (r) =>
        !isDetail(r.record) &&
        r.record.units.length > 0 &&
        isHome(documents.meta(r.record.documentId), homeOf) === home &&
        r.score >= top.score * PLAN_SHARE &&
        (namesTopic(r.record, question) || (byWords && saysAsMuch(r.record, top.record, question, isRare))),
    );
  return plan ? [plan, ...ranked.filter((r) => r !== plan)] : ranked;
}

/** Asking whether there is a policy at all: 有没有资助或奖励政策, 有什么支持. */
const ASKS_FOR_POLICY = /(?:有没有|有无|是否有|有什么|有哪些|有啥)[^，。？?]{0,8}(?:政策|支持|资助|奖励|补贴|扶持|措施|优惠)/;

/** A home measure that holds this share of the question's words the higher one holds says as much on it. */
const SAYS_AS_MUCH_SHARE = 0.75;

/**
 * Whether a home measure holds nearly as many of the question's words (and their synonyms) as the higher
 * level's first hit: 「持续开展中小学知识产权教育」 in 传播知识产权文化理念 against a national 开展中小学知识产权教育.
 */
function saysAsMuch(home: PolicyRecord, higher: PolicyRecord, question: QuestionAnalysis, isRare: (word: string) => boolean): boolean {
  const words = [...new Set([...question.words, ...question.expansions])].filter((w) => w.length >= 2);
  const holds = (r: PolicyRecord, w: string) => `${r.title}${r.text}`.includes(w);
  const higherHolds = words.filter((w) => holds(higher, w));
  const homeHolds = words.filter((w) => holds(home, w));
  // …and lacks no rare word of the question the higher one has (蓝天 of 蓝天专项整治, 马德里).
  const lacksRare = higherHolds.some((w) => !holds(home, w) && isRare(w));
  return higherHolds.length > 0 && !lacksRare && homeHolds.length >= higherHolds.length * SAYS_AS_MUCH_SHARE;
}

const PRECISE_TOPIC_CHARS = 4;
/** Words too general to name a topic of their own. */
const GENERAL_ANCHOR = /^(知识产权|泰安|泰安市|政策|纲要)$/;

/** Whether a record's text names every topic the question names outright (知识产权保险, 植物新品种), the longest of each. */
function namesTopic(record: PolicyRecord, question: QuestionAnalysis): boolean {
  const topics = preciseTopics(question);
  const text = `${record.title}${record.text}`;
  return topics.length > 0 && topics.every((t) => text.includes(t));
}

/** The topics a question names precisely (知识产权保险, 植物新品种, 托管服务), the longest of each: 商标 or 品牌 alone is named by half the corpus. */
function preciseTopics(question: QuestionAnalysis): string[] {
  const anchors = question.anchors.filter((a) => !GENERAL_ANCHOR.test(a) && a.length >= PRECISE_TOPIC_CHARS);
  return anchors.filter((a) => !anchors.some((b) => b !== a && b.includes(a)));
}
