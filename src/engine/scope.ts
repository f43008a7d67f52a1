import type { QuestionAnalysis } from "./question.js";
import { isMostlyEnglish } from "./understand/script.js";

/**
 * Where a question stands to the corpus: `anchored` names an IP topic or a
 * responsible unit outright; `likely` speaks the corpus's language without
 * naming it ("有什么人才政策", "打官司找哪个部门"); `outside` is about
 * something else (weather, taxes, tickets) or says nothing at all.
 */
export type Scope = "anchored" | "likely" | "outside";

/** More than this share of a question's words must be known to the corpus for it to count as in scope without an anchor. */
export const KNOWN_SHARE = 0.5;

/**
 * `inConversation`: the message follows an answer on IP, so one colloquial cue of a topic
 * (「要是有外村的冒用俺们的标志咋整」 after 地理标志) is enough to keep it in scope.
 */
export function scopeOf(question: QuestionAnalysis, inConversation = false): Scope {
  if (question.anchors.length > 0) return "anchored";
  // "有家小厂把我们的包装原样照抄，咋整": a phrase that tells an IP situation on its own, however short the message
  // and whatever else it says (我们全是写代码的…).
  if (question.situations.length > 0) return "likely";
  // A unit named about something else ("在法院起诉离婚", "公安局闯红灯罚款") is not an IP question.
  if (question.offTopic.length > 0) return "outside";
  // "中院负责什么" or just "海关": a unit and nothing else; "教育局啥时候报名上小学": a unit about something else.
  if (question.units.length > 0 && (question.asksDuties || question.asksWho || question.coverageBesidesUnits > KNOWN_SHARE)) return "anchored";
  // A colloquial cue the lexicon maps (打官司, 贷款) tips an even split; bare corpus words (泰安, 办理) do not.
  if (question.coverage > KNOWN_SHARE || (question.cues.length > 0 && question.coverage >= KNOWN_SHARE)) return "likely";
  // A story told at length in its own words ("牌子被别人抢先注册了，对方开口要二十万…") speaks the corpus's language
  // through colloquial cues of two or more of its topics, however many other words it has; one (贷款) does not.
  if (question.topicCueGroups >= STORY_CUES) return "likely";
  if (inConversation && question.topicCueGroups > 0) return "likely";
  // An English question's function words are unknown to a Chinese corpus: its IP words (patent, university) speak for it.
  if (question.topicCueGroups > 0 && isMostlyEnglish(question.text)) return "likely";
  // …or one, in a message long enough to tell a situation (泰山女儿茶…怎么把这个产地招牌保护起来).
  if (question.topicCueGroups > 0 && [...question.text].length >= STORY_CHARS && question.coverage >= STORY_COVERAGE) return "likely";
  return "outside";
}

const STORY_CUES = 2;
const STORY_CHARS = 30;
const STORY_COVERAGE = 0.25;
