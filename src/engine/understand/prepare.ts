import type { Lexicon } from "../../corpus/lexicon.js";
import { isMostlyEnglish, normalizeScript } from "./script.js";
import { classifySmallTalk, type SmallTalkKind } from "./small-talk.js";
import { type NearTopicTrapMatch, nearTopicTrap } from "./traps.js";
import { type Correction, correctTypos, type Vocabulary } from "./typos.js";

/** A message as the engine should understand it, before scope is decided. */
export interface PreparedMessage {
  /** As the user wrote it. */
  original: string;
  /** In simplified script and normal width, with typos corrected: what to analyse and retrieve with. */
  text: string;
  /** The typos corrected, in order (empty when none): when one decides the answer, say how the question was understood. */
  corrections: Correction[];
  /** Written in English: answer in Chinese with the lexicon's `englishNote`. */
  english: boolean;
  /** Small talk instead of a question: reply with `smallTalkReply`, neither refusing nor citing. */
  smallTalk?: SmallTalkKind;
  /** Not an IP question though it looks like one: refuse politely, pointing to `whereToAsk`. */
  trap?: NearTopicTrapMatch;
}

/**
 * The steps of understanding a message that come before retrieval, in the
 * order they must run: script and width ({@link normalizeScript}), English
 * ({@link isMostlyEnglish}), small talk ({@link classifySmallTalk}), typos
 * ({@link correctTypos}, not for English or small talk) and near-topic traps
 * ({@link nearTopicTrap}, on the corrected text). Splitting a message into
 * its questions (`splitQuestions`) comes before this, each part prepared on
 * its own.
 */
export function prepareMessage(
  message: string,
  lexicon: Pick<Lexicon, "smallTalk" | "smallTalkFillers" | "nearTopicTraps">,
  vocabulary: Vocabulary,
  namesTopic?: (text: string) => boolean,
): PreparedMessage {
  const normalized = normalizeScript(message);
  const english = isMostlyEnglish(normalized);
  const smallTalk = classifySmallTalk(normalized, lexicon, namesTopic);
  if (smallTalk) return { original: message, text: normalized, corrections: [], english, smallTalk };
  const { text, corrections } = english ? { text: normalized, corrections: [] } : correctTypos(normalized, vocabulary);
  const trap = nearTopicTrap(text, lexicon);
  return { original: message, text, corrections, english, ...(trap ? { trap } : {}) };
}
