import type { Lexicon } from "../../corpus/lexicon.js";
import { normalizeScript } from "./script.js";

/** A question that looks like IP policy but is not: what it is about, and where such questions go (by name, never a phone number or an address). */
export interface NearTopicTrapMatch {
  topic: string;
  whereToAsk: string;
}

/**
 * Recognises a question whose subject is not IP policy even though it names
 * an IP word or a responsible unit: a labour dispute, social insurance, a
 * tax, a business licence, 高新技术企业认定, housing, or the progress or
 * verdict of one specific case (我那个案子怎么样了, 什么时候开庭). The topics
 * are the lexicon's `nearTopicTraps`, in order: the first whose `when` phrase
 * the question contains (`A+B`: both words), unless it also holds one of
 * the topic's `unless` words (商标 in 「商标注册要营业执照吗」 makes it IP).
 *
 * Call it on the question before scope is decided and refuse politely with
 * `whereToAsk` when it matches; a real IP question (侵犯商标的案件怎么处理,
 * 高价值专利, 专利代理机构乱收费) names no trap and gets `undefined`.
 */
export function nearTopicTrap(question: string, lexicon: Pick<Lexicon, "nearTopicTraps">): NearTopicTrapMatch | undefined {
  const text = compact(question);
  for (const trap of lexicon.nearTopicTraps ?? []) {
    if (!trap.when.some((phrase) => matchesPhrase(text, phrase))) continue;
    if (trap.unless.some((word) => text.includes(compact(word)))) continue;
    return { topic: trap.topic, whereToAsk: trap.whereToAsk };
  }
  return undefined;
}

/** `A+B` matches when the text holds every part; a plain phrase when it holds the phrase. */
function matchesPhrase(text: string, phrase: string): boolean {
  return phrase
    .split("+")
    .map(compact)
    .filter((part) => part.length > 0)
    .every((part) => text.includes(part));
}

function compact(text: string): string {
  return normalizeScript(text).replace(/\s+/g, "");
}
