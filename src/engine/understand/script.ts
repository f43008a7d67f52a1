import * as OpenCC from "opencc-js/t2cn";
import { Tokenizer } from "../../index/tokenizer.js";

type Convert = (text: string) => string;

/** A converter built on first use: building opencc's tables costs tens of milliseconds a start. */
function lazily(build: () => Convert): Convert {
  let convert: Convert | undefined;
  return (text) => (convert ??= build())(text);
}

/**
 * Traditional script (Taiwan, Hong Kong) to simplified, with Taiwan's
 * phrasing as well as its characters (軟體 → 软件, 智慧財產權 → 知识产权), so that
 * a question typed in traditional script meets the outline's words. The
 * dictionaries ship inside `opencc-js`; nothing is fetched.
 */
const taiwanPhrasing = lazily(() => OpenCC.Converter({ from: "twp", to: "cn" }));
/** Characters alone, to tell whether a text has any traditional ones. */
const taiwanCharacters = lazily(() => OpenCC.Converter({ from: "tw", to: "cn" }));
/** Hong Kong variants the Taiwan table writes differently (着/著 forms, 裏 …). */
const hongKong = lazily(() => OpenCC.Converter({ from: "hk", to: "cn" }));

/**
 * Converts traditional characters to simplified; simplified text and anything not Chinese come back
 * unchanged. Taiwan's phrasing is converted only in text written in traditional characters: 文件 typed
 * in simplified script stays 文件, never becomes 文档.
 */
export function toSimplified(text: string): string {
  const guarded = text.replace(SIMPLIFIED_ALREADY, (ch) => GUARD.get(ch) ?? ch);
  if (hongKong(taiwanCharacters(guarded)) === guarded) return text;
  return hongKong(taiwanPhrasing(guarded)).replace(GUARDED, (ch) => UNGUARD.get(ch) ?? ch);
}

/**
 * Characters that are standard simplified script though the traditional tables read them as traditional
 * variants: 么 (弄么的, a dialect 什么) would become 幺, and 著 (显著, 著作权) 着. Kept as written.
 */
const SIMPLIFIED_ALREADY = /[么著]/g;
const GUARD = new Map([..."么著"].map((ch, i) => [ch, String.fromCharCode(0xe000 + i)]));
const UNGUARD = new Map([...GUARD].map(([ch, guard]) => [guard, ch]));
const GUARDED = /[\ue000\ue001]/g;

/** Chinese punctuation that NFKC would make half-width; the question splitter and the replies read it as typed. */
const CHINESE_PUNCTUATION = /[，。？！：；（）、【】「」《》～]+/g;

/**
 * The one normal form a question is understood in: full-width letters and
 * digits made half-width and lower case (the tokenizer's
 * {@link Tokenizer.normalize}, so that `ＡＩ`, `Ai` and `ai` meet as they do
 * in the index), Chinese punctuation kept as typed, then traditional script
 * made simplified.
 */
export function normalizeScript(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(CHINESE_PUNCTUATION)) {
    out += Tokenizer.normalize(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return toSimplified(out + Tokenizer.normalize(text.slice(last)));
}

const LATIN_LETTER = /[A-Za-z]/g;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;

/**
 * Whether a message is written in English (or another Latin-script
 * language) rather than Chinese: at least three Latin letters, and Latin
 * letters outnumbering Chinese characters by more than two to one. A
 * Chinese question with an English word or two (AI, IP, PCT) is not.
 */
export function isMostlyEnglish(text: string): boolean {
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  const han = text.match(CJK)?.length ?? 0;
  return latin >= 3 && latin > 2 * han;
}
