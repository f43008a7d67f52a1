import type { Lexicon, SmallTalkKind } from "../../corpus/lexicon.js";
import { SMALL_TALK_KINDS } from "../../corpus/lexicon.js";
import { normalizeScript } from "./script.js";

export type { SmallTalkKind } from "../../corpus/lexicon.js";

type SmallTalkLexicon = Pick<Lexicon, "smallTalk" | "smallTalkFillers">;

/** When a message is two kinds at once (你好，转人工), the one it is answered as. */
const PRECEDENCE: readonly SmallTalkKind[] = ["human", "thanks", "farewell", "greeting"];
/** Characters that may be left over once the phrases and fillers are gone (a stray 哈 or 嘞) without making a question; two would let 专利 through. */
const MAX_LEFTOVER = 1;
/** A request for a person may be worded around the phrase (跟我说, 机器人说不清楚), up to this many other characters, when it names no topic. */
const MAX_HUMAN_LEFTOVER = 20;
const NOT_TEXT = /[^\p{L}\p{N}\u{1F44D}]+/gu;

/**
 * What kind of small talk a message is: a greeting (你好, 在吗), thanks
 * (谢谢, 辛苦了, 好的谢谢), a request for a person (人工客服, 转人工) or a goodbye
 * (再见) — or `undefined` when it is (or also holds) a question, as
 * 「你好，专利质押贷款怎么办」 does. The phrases and the fillers that may
 * surround them (我, 想, 请, 一下, 啊 …) are the lexicon's `smallTalk` and
 * `smallTalkFillers`: a message is small talk when nothing but those (and at
 * most one other character) is left. Call it before scope is decided, and
 * answer with {@link smallTalkReply}. With `namesTopic`, a request for a
 * person worded at more length is one too, unless it names a topic
 * (人工智能专利 is a question).
 */
export function classifySmallTalk(message: string, lexicon: SmallTalkLexicon, namesTopic?: (text: string) => boolean): SmallTalkKind | undefined {
  if (!lexicon.smallTalk) return undefined;
  const { phrases, fillers, whole } = compiled(lexicon.smallTalk, lexicon.smallTalkFillers ?? NO_FILLERS);
  let rest = normalizeScript(message).replace(NOT_TEXT, " ");
  const found = new Set<SmallTalkKind>();
  for (const { kind, pattern } of phrases) {
    if (rest.search(pattern) >= 0) {
      found.add(kind);
      rest = rest.replace(pattern, " ");
    }
  }
  for (const filler of fillers) rest = rest.replace(filler, " ");
  rest = rest.replace(/\s+/g, "");
  const wholeKind = rest.length > 0 ? whole.get(rest) : undefined;
  if (wholeKind) found.add(wholeKind);
  // "能不能找个真人跟我说", "有没有真人客服？机器人说不清楚": asking for a person about no topic, however it is put.
  else if (found.has("human") && namesTopic && [...rest].length <= MAX_HUMAN_LEFTOVER && !namesTopic(message)) return "human";
  else if (found.size === 0 || [...rest].length > MAX_LEFTOVER) return undefined;
  return PRECEDENCE.find((kind) => found.has(kind));
}

type SmallTalkTable = NonNullable<Lexicon["smallTalk"]>;
interface CompiledSmallTalk {
  /** Phrases of two characters or more, longest first, so that 人工客服 is taken whole before 人工 or 客服. */
  phrases: { kind: SmallTalkKind; pattern: RegExp }[];
  fillers: RegExp[];
  /** Every phrase normalised, to recognise a one-character one (好, 早) that is the whole message. */
  whole: Map<string, SmallTalkKind>;
}

const NO_FILLERS: string[] = [];
const compiledTables = new WeakMap<SmallTalkTable, WeakMap<readonly string[], CompiledSmallTalk>>();

/** The phrases and fillers normalised and compiled once per lexicon, not once per message. */
function compiled(table: SmallTalkTable, fillerWords: readonly string[]): CompiledSmallTalk {
  let byFillers = compiledTables.get(table);
  if (!byFillers) compiledTables.set(table, (byFillers = new WeakMap()));
  let out = byFillers.get(fillerWords);
  if (!out) {
    const all = SMALL_TALK_KINDS.flatMap((kind) => (table[kind]?.phrases ?? []).map((phrase) => ({ kind, phrase: normalizeScript(phrase).replace(/\s+/g, " ").trim() })));
    out = {
      phrases: all
        .filter((p) => [...p.phrase].length > 1)
        .sort((a, b) => b.phrase.length - a.phrase.length)
        .map((p) => ({ kind: p.kind, pattern: phrasePattern(p.phrase) })),
      fillers: fillerWords
        .map(normalizeScript)
        .filter((f) => f.length > 0)
        .sort((a, b) => b.length - a.length)
        .map(phrasePattern),
      whole: new Map(all.map((p) => [p.phrase.replace(/\s+/g, ""), p.kind])),
    };
    byFillers.set(fillerWords, out);
  }
  return out;
}

/** Every occurrence of a phrase; a Latin word (hi, ok) only as a whole word, never inside another (this, book). */
function phrasePattern(phrase: string): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return /[a-z]/.test(phrase) ? new RegExp(`\\b${escaped}\\b`, "g") : new RegExp(escaped, "g");
}

/** The short friendly reply to a kind of small talk (the lexicon's `smallTalk.<kind>.reply`); never a refusal and never a measure. */
export function smallTalkReply(kind: SmallTalkKind, lexicon: Pick<Lexicon, "smallTalk">): string | undefined {
  return lexicon.smallTalk?.[kind]?.reply;
}
