import type { Lexicon } from "../../corpus/lexicon.js";
import { DOCUMENT_NUMBER } from "../document-facts.js";
import { toStandardWording } from "./dialect.js";
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
 * order they must run: script and width ({@link normalizeScript}), dialect
 * function words ({@link toStandardWording}: 弄么的 → 弄什么的), English
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
  holdsWord?: (text: string, word: string) => boolean,
): PreparedMessage {
  const normalized = toStandardWording(normalizeScript(message));
  const english = isMostlyEnglish(normalized);
  const smallTalk = classifySmallTalk(normalized, lexicon, namesTopic);
  if (smallTalk) return { original: message, text: normalized, corrections: [], english, smallTalk };
  const { text, corrections } = english ? { text: normalized, corrections: [] } : correctOutsideNumbers(normalized, vocabulary);
  const trap = nearTopicTrap(text, lexicon, holdsWord);
  return { original: message, text, corrections, english, ...(trap ? { trap } : {}) };
}

/** Typos corrected everywhere but in a 文号 (鲁政字〔2024〕136号 is written as issued, not misspelt). */
function correctOutsideNumbers(text: string, vocabulary: Vocabulary): { text: string; corrections: Correction[] } {
  const numbers = text.match(DOCUMENT_NUMBER) ?? [];
  if (numbers.length === 0) return correctTypos(text, vocabulary);
  const pieces = text.split(DOCUMENT_NUMBER).map((piece) => correctTypos(piece, vocabulary));
  return {
    text: pieces.map((p, i) => p.text + (numbers[i] ?? "")).join(""),
    corrections: pieces.flatMap((p) => p.corrections),
  };
}
