import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { jiebaDictionaryFile } from "../../index/tokenizer.js";

/** The words a question may be corrected into: the corpus's and the lexicon's. */
export interface Vocabulary {
  /** Whether the corpus or the lexicon uses this word; a known word is never corrected. */
  knows(word: string): boolean;
  /** Every known word (repeats allowed: a word listed more often counts as more frequent unless {@link frequency} says otherwise). */
  readonly words: readonly string[];
  /** How often the corpus uses a word; breaks ties between two candidates that sound and look equally close. */
  frequency?(word: string): number;
}

/** One word of the question replaced by the known word it was taken for. */
export interface Correction {
  from: string;
  to: string;
}

export interface CorrectedQuestion {
  /** The question with every correction applied (the question itself when there is none). */
  text: string;
  /** In the order they occur in the question. */
  corrections: Correction[];
}

/** A vocabulary from a list of words (the corpus's jieba words, the lexicon's words), counting repeats as frequency. */
export function createVocabulary(words: Iterable<string>): Vocabulary {
  const counts = new Map<string, number>();
  for (const word of words) {
    const w = word.trim();
    if (w.length > 0) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return { knows: (word) => counts.has(word), words: [...counts.keys()], frequency: (word) => counts.get(word) ?? 0 };
}

/** Windows of the question compared with known words: a typo of a two-character word up to one of five. */
const MIN_WINDOW = 2;
const MAX_WINDOW = 5;
/** A word of everyday Chinese this common (jieba's dictionary count) is a real word, not a typo, even when the corpus does not use it (公司, 时候, 地里). */
const EVERYDAY_WORD_COUNT = 50;
/** A character this common on its own (是, 的, 在, 和 …: jieba's count) is a word of its own, never a slip for another. */
const FUNCTION_CHAR_COUNT = 100_000;
/** Two candidates whose corpus frequencies are within this factor tie: the question is left as written. */
const TIE_FACTOR = 2;
const HAN = /^[\u3400-\u9fff]+$/;
const HAN_RUN = /[\u3400-\u9fff]+/g;

/**
 * Corrects the words of a question that the corpus and the lexicon do not
 * know into ones they do, by sound and shape, as the slips of a phone's
 * pinyin keyboard happen: 专力 → 专利, 质压 → 质押, 代款 → 贷款, 商表 → 商标,
 * 知识产全 → 知识产权, 宣传粥 → 宣传周.
 *
 * Every window of two to five Chinese characters is compared, not only
 * jieba's words (jieba cuts an unknown word in odd places). A window is
 * corrected into a known word of the same length that differs from it in
 * one character, where the two characters sound alike without tones
 * (z/zh, c/ch, s/sh, n/l, an/ang, en/eng, in/ing count as alike) and the
 * changed character is neither part of a word the vocabulary knows in the
 * question nor a very common word on its own (是, 的, 在); a window that
 * cuts through a real word (the 责哪 of 负责哪些) is not a word typed, so
 * it is not compared. Longer windows win (more characters match), then an exact
 * sound over a near one, then tones, then corpus frequency; when two
 * different words remain equally close, nothing is changed. A window that
 * is itself known, or an everyday word of Chinese, is never corrected.
 *
 * Call it on the normalised question (simplified script) before scope is
 * decided, and say in the reply how the question was understood when a
 * correction decided the answer.
 */
export function correctTypos(question: string, vocabulary: Vocabulary): CorrectedQuestion {
  const index = indexOf(vocabulary);
  const corrections: Correction[] = [];
  let text = "";
  let last = 0;
  for (const run of question.matchAll(HAN_RUN)) {
    text += question.slice(last, run.index);
    const corrected = correctRun(run[0], vocabulary, index);
    text += corrected.text;
    corrections.push(...corrected.corrections);
    last = run.index + run[0].length;
  }
  text += question.slice(last);
  return { text, corrections };
}

/** Known words by their shape with one character masked (`专?` → 专利, 专家 …). */
type MaskIndex = Map<string, string[]>;

const indexes = new WeakMap<Vocabulary, MaskIndex>();

function indexOf(vocabulary: Vocabulary): MaskIndex {
  let index = indexes.get(vocabulary);
  if (!index) {
    index = new Map();
    for (const word of new Set(vocabulary.words)) {
      if (word.length < MIN_WINDOW || word.length > MAX_WINDOW || !HAN.test(word)) continue;
      for (let p = 0; p < word.length; p++) {
        const key = mask(word, p);
        const list = index.get(key);
        if (list) list.push(word);
        else index.set(key, [word]);
      }
    }
    indexes.set(vocabulary, index);
  }
  return index;
}

function mask(word: string, position: number): string {
  return `${word.slice(0, position)}?${word.slice(position + 1)}`;
}

function correctRun(run: string, vocabulary: Vocabulary, index: MaskIndex): CorrectedQuestion {
  const words = wordsIn(run, vocabulary);
  const corrections: Correction[] = [];
  let text = "";
  let i = 0;
  while (i < run.length) {
    const found = bestCorrectionAt(run, i, words, vocabulary, index);
    if (found) {
      corrections.push(found);
      text += found.to;
      i += found.from.length;
    } else {
      text += run[i];
      i += 1;
    }
  }
  return { text, corrections };
}

/** The words found in a run: where the vocabulary's words lie (their characters stay as written), and every known or everyday word's span. */
interface RunWords {
  known: boolean[];
  spans: { start: number; end: number }[];
}

function wordsIn(run: string, vocabulary: Vocabulary): RunWords {
  const known = new Array<boolean>(run.length).fill(false);
  const spans: { start: number; end: number }[] = [];
  for (let start = 0; start < run.length; start++) {
    for (let length = MIN_WINDOW; length <= MAX_WINDOW && start + length <= run.length; length++) {
      const word = run.slice(start, start + length);
      const isKnown = vocabulary.knows(word);
      if (isKnown) known.fill(true, start, start + length);
      if (isKnown || isEverydayWord(word)) spans.push({ start, end: start + length });
    }
  }
  return { known, spans };
}

/** Whether a window cuts through a real word (负责|哪些 has no word 责哪; 案子|能 no word 子能): a typo is a word of its own. */
function cutsAWord(start: number, end: number, words: RunWords): boolean {
  return words.spans.some((w) => (w.start < start && start < w.end) || (w.start < end && end < w.end));
}

interface Candidate {
  word: string;
  exactSound: boolean;
  sameTone: boolean;
  frequency: number;
}

function bestCorrectionAt(run: string, start: number, words: RunWords, vocabulary: Vocabulary, index: MaskIndex): Correction | undefined {
  for (let length = Math.min(MAX_WINDOW, run.length - start); length >= MIN_WINDOW; length--) {
    const window = run.slice(start, start + length);
    if (vocabulary.knows(window) || isEverydayWord(window) || cutsAWord(start, start + length, words)) continue;
    const candidates: Candidate[] = [];
    for (let p = 0; p < length; p++) {
      if (words.known[start + p] || isFunctionChar(window[p] as string)) continue;
      for (const word of index.get(mask(window, p)) ?? []) {
        const sound = compareSound(window[p] as string, word, p);
        if (sound) candidates.push({ word, ...sound, frequency: frequencyOf(vocabulary, word) });
      }
    }
    const chosen = choose(candidates);
    if (chosen === "tie") return undefined;
    if (chosen) return { from: window, to: chosen };
  }
  return undefined;
}

/** The closest candidate, `"tie"` when two different words are equally close, or nothing. */
function choose(candidates: Candidate[]): string | "tie" | undefined {
  if (candidates.length === 0) return undefined;
  const rank = (c: Candidate) => (c.exactSound ? 2 : 0) + (c.sameTone ? 1 : 0);
  const sorted = [...candidates].sort((a, b) => rank(b) - rank(a) || b.frequency - a.frequency);
  const [best, second] = sorted as [Candidate, Candidate | undefined];
  if (second && second.word !== best.word && rank(second) === rank(best) && best.frequency < TIE_FACTOR * Math.max(second.frequency, 1)) return "tie";
  return best.word;
}

function frequencyOf(vocabulary: Vocabulary, word: string): number {
  return vocabulary.frequency?.(word) ?? 1;
}

/** Whether the typed character sounds like the word's character at that position, and how closely. */
function compareSound(typed: string, word: string, position: number): { exactSound: boolean; sameTone: boolean } | undefined {
  const intended = syllablesOf(word)[position];
  if (!intended) return undefined;
  const readings = readingsOf(typed);
  const toneless = stripTone(intended);
  if (readings.some((r) => r === intended)) return { exactSound: true, sameTone: true };
  if (readings.some((r) => stripTone(r) === toneless)) return { exactSound: true, sameTone: false };
  const near = nearKey(toneless);
  if (readings.some((r) => nearKey(stripTone(r)) === near)) return { exactSound: false, sameTone: readings.some((r) => tone(r) === tone(intended)) };
  return undefined;
}

type Pinyin = typeof import("pinyin-pro").pinyin;
let loadedPinyin: Pinyin | undefined;

/**
 * pinyin-pro, loaded when a question first has a candidate to sound out rather than at start-up:
 * its tables are 600 KB of code, and most questions have no candidate at all.
 */
function pinyin(): Pinyin {
  loadedPinyin ??= (createRequire(import.meta.url)("pinyin-pro") as typeof import("pinyin-pro")).pinyin;
  return loadedPinyin;
}

const wordSyllables = new Map<string, string[]>();
const charReadings = new Map<string, string[]>();

/** The word's syllables with tone numbers, read in context (银行 → yin2 hang2). */
function syllablesOf(word: string): string[] {
  let syllables = wordSyllables.get(word);
  if (!syllables) {
    syllables = pinyin()(word, { type: "array", toneType: "num", v: true });
    wordSyllables.set(word, syllables);
  }
  return syllables;
}

/** Every reading of one character with tone numbers (行 → xing2, hang2 …): a typist may have meant any. */
function readingsOf(char: string): string[] {
  let readings = charReadings.get(char);
  if (!readings) {
    readings = pinyin()(char, { type: "array", toneType: "num", multiple: true, v: true });
    charReadings.set(char, readings);
  }
  return readings;
}

function stripTone(syllable: string): string {
  return syllable.replace(/\d$/, "");
}

function tone(syllable: string): string {
  return /\d$/.exec(syllable)?.[0] ?? "0";
}

/** The sounds a pinyin keyboard user confuses, folded together: zh/z, ch/c, sh/s, n/l, ang/an, eng/en, ing/in. */
function nearKey(syllable: string): string {
  return syllable
    .replace(/^zh/, "z")
    .replace(/^ch/, "c")
    .replace(/^sh/, "s")
    .replace(/^n(?=[aeiouv])/, "l")
    .replace(/ang$/, "an")
    .replace(/eng$/, "en")
    .replace(/ing$/, "in");
}

/**
 * What typo correction reads of jieba's general dictionary (5 MB, 350 000 lines), distilled once:
 * the characters that are very common words alone, and the everyday words of each length sorted
 * and joined end to end, so that loading it is one small JSON file and a look-up is a binary search.
 * `npm run build` writes it beside the bundle ({@link GENERAL_DICTIONARY_FILE}); without that file
 * (under vitest) it is distilled from jieba's dictionary on first use.
 */
export interface GeneralDictionary {
  /** What it was distilled from and with, so that a file left by another dictionary or other thresholds is not used. */
  source: { dictBytes: number; everydayWordCount: number; functionCharCount: number; minWindow: number; maxWindow: number };
  /** The very common single characters (是, 的, 在 …), joined. */
  functionChars: string;
  /** By word length in UTF-16 units: the words of that length, sorted and joined. */
  words: Record<string, string>;
}

/** The distilled dictionary's file name, beside the bundle's code in dist/. */
export const GENERAL_DICTIONARY_FILE = "jieba-everyday-words.json";

function distillationSource(dictBytes: number): GeneralDictionary["source"] {
  return { dictBytes, everydayWordCount: EVERYDAY_WORD_COUNT, functionCharCount: FUNCTION_CHAR_COUNT, minWindow: MIN_WINDOW, maxWindow: MAX_WINDOW };
}

/** Distils jieba's general dictionary (by default the one installed) into the parts typo correction reads. */
export function distillGeneralDictionary(dict: Uint8Array = readFileSync(jiebaDictionaryFile())): GeneralDictionary {
  const chars = new Set<string>();
  const byLength = new Map<number, Set<string>>();
  for (const line of new TextDecoder().decode(dict).split("\n")) {
    const [w, countText] = line.split(" ");
    const count = Number(countText);
    if (!w) continue;
    if (w.length === 1 && count >= FUNCTION_CHAR_COUNT) chars.add(w);
    else if (w.length >= MIN_WINDOW && w.length <= MAX_WINDOW && count >= EVERYDAY_WORD_COUNT) {
      const words = byLength.get(w.length) ?? new Set();
      words.add(w);
      byLength.set(w.length, words);
    }
  }
  return {
    source: distillationSource(dict.byteLength),
    functionChars: [...chars].join(""),
    words: Object.fromEntries([...byLength].map(([length, words]) => [String(length), [...words].sort().join("")])),
  };
}

/** The distilled file beside this code when it was made from the installed dictionary with these thresholds. */
function readDistilledFile(): GeneralDictionary | undefined {
  try {
    const distilled = JSON.parse(readFileSync(new URL(`./${GENERAL_DICTIONARY_FILE}`, import.meta.url), "utf8")) as GeneralDictionary;
    const expected = distillationSource(statSync(jiebaDictionaryFile()).size);
    const same = Object.entries(expected).every(([key, value]) => distilled.source?.[key as keyof typeof expected] === value);
    return same ? distilled : undefined;
  } catch {
    return undefined;
  }
}

let general: { chars: Set<string>; words: Map<number, string> } | undefined;

/** jieba's general dictionary as typo correction reads it, loaded once, on first use. */
function generalDictionary(): { chars: Set<string>; words: Map<number, string> } {
  if (!general) {
    const distilled = readDistilledFile() ?? distillGeneralDictionary();
    general = { chars: new Set(distilled.functionChars), words: new Map(Object.entries(distilled.words).map(([length, words]) => [Number(length), words])) };
  }
  return general;
}

/** Whether `word` is one of the words of its length joined, sorted, in `sorted`. */
function hasSorted(sorted: string, word: string): boolean {
  const width = word.length;
  let low = 0;
  let high = sorted.length / width;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const candidate = sorted.slice(middle * width, (middle + 1) * width);
    if (candidate === word) return true;
    if (candidate < word) low = middle + 1;
    else high = middle;
  }
  return false;
}

/** A common word of everyday Chinese (公司, 时候, 负责). */
function isEverydayWord(word: string): boolean {
  const sorted = generalDictionary().words.get(word.length);
  return sorted !== undefined && hasSorted(sorted, word);
}

/** A character that is a very common word on its own (是, 的, 了, 在, 和). */
function isFunctionChar(char: string): boolean {
  return generalDictionary().chars.has(char);
}
