import type { Lexicon, SmallTalkKind } from "../../corpus/lexicon.js";
import { SMALL_TALK_KINDS } from "../../corpus/lexicon.js";
import { normalizeScript } from "./script.js";

export type { SmallTalkKind } from "../../corpus/lexicon.js";

type SmallTalkLexicon = Pick<Lexicon, "smallTalk" | "smallTalkFillers">;

/** When a message is two kinds at once (你好，转人工), the one it is answered as. */
const PRECEDENCE: readonly SmallTalkKind[] = ["human", "thanks", "farewell", "greeting"];
/** Characters that may be left over once the phrases and fillers are gone (a stray 哈 or 嘞) without making a question; two would let 专利 through. */
const MAX_LEFTOVER = 1;
const NOT_TEXT = /[^\p{L}\p{N}\u{1F44D}]+/gu;

/**
 * What kind of small talk a message is: a greeting (你好, 在吗), thanks
 * (谢谢, 辛苦了, 好的谢谢), a request for a person (人工客服, 转人工) or a goodbye
 * (再见) — or `undefined` when it is (or also holds) a question, as
 * 「你好，专利质押贷款怎么办」 does. The phrases and the fillers that may
 * surround them (我, 想, 请, 一下, 啊 …) are the lexicon's `smallTalk` and
 * `smallTalkFillers`: a message is small talk when nothing but those (and at
 * most one other character) is left. Call it before scope is decided, and
 * answer with {@link smallTalkReply}.
 */
export function classifySmallTalk(message: string, lexicon: SmallTalkLexicon): SmallTalkKind | undefined {
  let rest = normalizeScript(message).replace(NOT_TEXT, " ");
  const found = new Set<SmallTalkKind>();
  const phrases = SMALL_TALK_KINDS.flatMap((kind) => (lexicon.smallTalk?.[kind]?.phrases ?? []).map((phrase) => ({ kind, phrase: normalizeScript(phrase) })));
  // Longest first, so that 人工客服 is taken whole before 人工 or 客服; a one-character phrase (好, 早) only as the whole message.
  for (const { kind, phrase } of phrases.filter((p) => [...p.phrase].length > 1).sort((a, b) => b.phrase.length - a.phrase.length)) {
    const pattern = phrasePattern(phrase);
    if (pattern.test(rest)) {
      found.add(kind);
      rest = rest.replace(pattern, " ");
    }
  }
  const fillers = (lexicon.smallTalkFillers ?? []).map(normalizeScript).filter((f) => f.length > 0);
  for (const filler of fillers.sort((a, b) => b.length - a.length)) rest = rest.replace(phrasePattern(filler), " ");
  rest = rest.replace(/\s+/g, "");
  const whole = phrases.find((p) => p.phrase === rest);
  if (whole) found.add(whole.kind);
  else if (found.size === 0 || [...rest].length > MAX_LEFTOVER) return undefined;
  return PRECEDENCE.find((kind) => found.has(kind));
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
