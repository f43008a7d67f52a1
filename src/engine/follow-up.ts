import type { PolicyRecord } from "../corpus/types.js";
import type { QuestionAnalysis } from "./question.js";
import { askedSpecifics, asksOnlyForDetail } from "./specifics.js";

/**
 * How a message relates to the turn before it: an ellipsis that asks the previous question of another
 * topic, words that point back to the situation told, words that point elsewhere. Pure rules; the
 * engine decides what to search with them.
 */

/** 「那商标呢？」, 「版权也行吗」, 「那商标呢，也行吗」: a topic alone, asking the previous question of it. */
const ELLIPTICAL =
  /^(?:那|那么|那如果是|如果是|换成)?([\u3400-\u9fff]{2,8}?)(呢|也[\u3400-\u9fff]{0,6}(?:吗|么|不)|行不行|可以吗|行吗)((?:[，,、？?\s]*(?:也|那)?(?:行|可以|能|成|办|算)[\u3400-\u9fff]{0,4}(?:吗|么|不|不行|不能))?)[？?！!。]*$/;
/** Words of applying (申请, 办理, 材料) that, like the lexicon's stopwords, point to no measure however rare the corpus makes them. */
const APPLYING_WORD = /^(申请|申报|办理|提交|准备|手续|流程|材料|咱们|俺们|一起)$/;
/** A follow-up that points back (这个服务, 刚才说的) is about the previous measure whatever its words. */
const POINTS_BACK = /(这|那|此|该|它|上面|刚才)/;
/** The heading under which Chinese policy texts say who carries out the whole (四、保障措施 › （一）加强组织领导). */
const ORGANISING_HEADING = /^(?:加强|强化)?组织(?:领导|实施|保障)$/;
/** Words that refer to a situation told before: by the previous question (这种事, 上面说的) or earlier in a story (怎么管这些东西, 这件事). */
const REFERS_TO_SITUATION = /这些|这种|这类|这样的|这个事|这事|这件事|这情况|此事|此类|上述|以上|刚才说的|前面说的|上面说的/;

/**
 * 「那商标呢？」 after 专利质押贷款: the previous measure that covers the topic a bare ellipsis names, which
 * asks the same of it (「专利也在那儿办吗」); 「商标也有奖励吗」 asks something new (奖励) and gets none.
 * `namesTopic` tells whether words name a topic of their own (the lexicon's topics and cues).
 */
export function coveredByEllipsis(question: string, previous: readonly PolicyRecord[], namesTopic: (text: string) => boolean): PolicyRecord | undefined {
  const ellipsis = ELLIPTICAL.exec(question.trim());
  if (!ellipsis) return undefined;
  const [, topic = "", asked = "", tail = ""] = ellipsis;
  const asking = `${asked}${tail}`;
  if (namesTopic(asking) || askedSpecifics(asking).length > 0) return undefined;
  return previous.find((r) => `${r.title}${r.text}`.includes(topic));
}

/** 「那里能办商标吗」, 「这儿也管专利吗」: a follow-up whose subject is the place the previous answer named. */
const AT_PLACE_BEFORE = /^(?:那|这)(?:里|儿|边)(?!的人)|^(?:在)?(?:那|这)(?:个)?(?:地方|窗口|平台|工作站)/;

/**
 * 「那里能办商标吗」 after 泰安有专利局的受理窗口吗: the previous measure (the window's), when its text covers the
 * topics the follow-up names (商标业务受理泰安窗口); none when it does not, and retrieval decides.
 */
export function atPlaceBefore(question: string, previous: readonly PolicyRecord[], topicsOf: (text: string) => string[]): PolicyRecord | undefined {
  if (!AT_PLACE_BEFORE.test(question.trim())) return undefined;
  const topics = topicsOf(question);
  return previous.find((r) => topics.every((t) => `${r.title}${r.text}`.includes(t)));
}

/**
 * 「学校和企业一起建实验室呢」: a follow-up whose own rare words of the corpus the previous measure never
 * uses points elsewhere, and retrieval decides; one that points back (谁来提供这个服务) does not.
 */
export function pointsAwayFrom(
  previous: PolicyRecord,
  question: string,
  analysis: QuestionAnalysis,
  isStopword: (word: string) => boolean,
  isRare: (word: string) => boolean,
): boolean {
  if (POINTS_BACK.test(question)) return false;
  const own = analysis.words.filter((w) => w.length >= 2 && !asksOnlyForDetail(w) && !isStopword(w) && !APPLYING_WORD.test(w) && isRare(w));
  return own.length > 0 && !own.some((w) => `${previous.title}${previous.text}`.includes(w));
}

/** 「要是代理机构帮着干这种事」, 「怎么管这些东西」: words that mean a situation told before, by the previous question or the story. */
export function refersToSituation(question: string): boolean {
  return REFERS_TO_SITUATION.test(question);
}

/** For a record that names no units (发展目标), the section of its document (`ofItsDocument`) on who carries out the whole (加强组织领导), if any. */
export function organisingRecordFor(record: PolicyRecord, ofItsDocument: readonly PolicyRecord[]): PolicyRecord | undefined {
  if (record.units.length > 0) return undefined;
  return ofItsDocument.find((r) => ORGANISING_HEADING.test(r.title));
}
