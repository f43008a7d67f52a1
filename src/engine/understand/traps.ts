import type { Lexicon, NearTopicTrap } from "../../corpus/lexicon.js";
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
export function nearTopicTrap(
  question: string,
  lexicon: Pick<Lexicon, "nearTopicTraps">,
  /**
   * Whether the text holds a two-character word as written, not across two words (年报 is not in 一年报几次); by
   * default, whether it contains it. Longer phrases are read wherever they occur: jieba's cut of a question can begin
   * one inside a word of its own (我|想开|公司).
   */
  holdsWord: (text: string, word: string) => boolean = (text, word) => text.includes(word),
): NearTopicTrapMatch | undefined {
  if (!lexicon.nearTopicTraps) return undefined;
  const text = compact(question);
  for (const trap of compiled(lexicon.nearTopicTraps)) {
    if (!trap.when.some((parts) => parts.every((part) => text.includes(part) && ([...part].length > 2 || holdsWord(text, part))))) continue;
    if (trap.unless.some((word) => text.includes(word))) continue;
    return { topic: trap.topic, whereToAsk: trap.whereToAsk };
  }
  return undefined;
}

interface CompiledTrap {
  topic: string;
  whereToAsk: string;
  /** Each `when` phrase as the parts that must all occur (`A+B` → [A, B]), normalised. */
  when: string[][];
  unless: string[];
}

const compiledTraps = new WeakMap<readonly NearTopicTrap[], CompiledTrap[]>();

/** The traps with their phrases normalised once per lexicon, not once per question. */
function compiled(traps: readonly NearTopicTrap[]): CompiledTrap[] {
  let out = compiledTraps.get(traps);
  if (!out) {
    out = traps.map((trap) => ({
      topic: trap.topic,
      whereToAsk: trap.whereToAsk,
      when: trap.when
        .map((phrase) =>
          phrase
            .split("+")
            .map(compact)
            .filter((part) => part.length > 0),
        )
        .filter((parts) => parts.length > 0),
      unless: trap.unless.map(compact).filter((word) => word.length > 0),
    }));
    compiledTraps.set(traps, out);
  }
  return out;
}

function compact(text: string): string {
  return normalizeScript(text).replace(/\s+/g, "");
}
