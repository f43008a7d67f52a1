import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";
import type { Lexicon } from "../corpus/lexicon.js";

const CJK_RUN = /[\u3400-\u9fff]+/g;
const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * jieba's general dictionary as the package ships it. Read directly: `@node-rs/jieba/dict.js`
 * would also read the 6 MB IDF table, which segmentation does not use.
 */
export function jiebaDictionaryFile(): string {
  return createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt");
}

/** Words and character bigrams of a text, the two views lexical search and hashed embeddings share. */
export interface Terms {
  words: string[];
  bigrams: string[];
}

/**
 * Chinese segmentation with jieba in search mode (long words and their
 * parts), with the lexicon's domain words kept whole and its stopwords
 * dropped, plus character bigrams that catch what segmentation splits
 * differently in a question and in the text.
 */
export class Tokenizer {
  private readonly jieba: Jieba;
  private readonly stopwords: Set<string>;

  constructor(lexicon: Pick<Lexicon, "keepWhole" | "stopwords">, extraWords: readonly string[] = []) {
    this.jieba = Jieba.withDict(readFileSync(jiebaDictionaryFile()));
    const words = [...new Set([...lexicon.keepWhole, ...extraWords])].filter((w) => !/\s/.test(w));
    if (words.length > 0) this.jieba.loadDict(Buffer.from(words.map((w) => `${w} 200000 n`).join("\n") + "\n"));
    this.stopwords = new Set(lexicon.stopwords);
  }

  /** Normalises width and case so that `ＡＩ`, `Ai` and `ai` meet. */
  static normalize(text: string): string {
    return text.normalize("NFKC").toLowerCase();
  }

  words(text: string): string[] {
    return this.jieba
      .cutForSearch(Tokenizer.normalize(text), false)
      .map((w) => w.trim())
      .filter((w) => w.length > 0 && WORDLIKE.test(w) && !this.stopwords.has(w) && !(w.length === 1 && /[\u3400-\u9fff]/.test(w)));
  }

  /** Whether jieba's dictionary (or the lexicon's whole words) holds the word as one word: 生育 and 地产 are words, 质融 is not. */
  isWord(word: string): boolean {
    return this.jieba.cut(Tokenizer.normalize(word), false).length === 1;
  }

  /**
   * Whether the word stands apart in the text: some occurrence of it starts and ends where jieba's cut of
   * the text does, so that 实新 is not read in 落实新政策 (落实|新) nor 外被 in 在国外被告 (国外|被).
   */
  standsApart(text: string, word: string): boolean {
    return this.occurrences(text, word).some(({ start, end }) => start && end);
  }

  /**
   * Whether the text holds the word (or phrase) where it could be read as written: inside one of jieba's
   * words, or starting where one starts; not begun inside a word and carried into the next. 年报 is in
   * 企业年报 and 年报公示, not in 一年报几次 (一年|报); 开公司 is not in 离开公司 (离开|公司); 判了没 is in 判|了|没有.
   */
  holdsWord(text: string, word: string): boolean {
    return this.occurrences(text, word).some(({ start, inside }) => start || !inside);
  }

  /** Each occurrence of the word in the text: whether jieba's cut starts a word where it starts, ends one where it ends, cuts inside it. */
  private occurrences(text: string, word: string): { start: boolean; end: boolean; inside: boolean }[] {
    const normalized = Tokenizer.normalize(text);
    const target = Tokenizer.normalize(word);
    if (target.length === 0 || !normalized.includes(target)) return [];
    const boundaries = new Set<number>([0]);
    let at = 0;
    for (const piece of this.jieba.cut(normalized, false)) boundaries.add((at += piece.length));
    const found: { start: boolean; end: boolean; inside: boolean }[] = [];
    for (let i = normalized.indexOf(target); i >= 0; i = normalized.indexOf(target, i + 1)) {
      let inside = false;
      for (let k = i + 1; k < i + target.length && !inside; k++) inside = boundaries.has(k);
      found.push({ start: boundaries.has(i), end: boundaries.has(i + target.length), inside });
    }
    return found;
  }

  bigrams(text: string): string[] {
    const out: string[] = [];
    for (const run of Tokenizer.normalize(text).match(CJK_RUN) ?? []) {
      for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    }
    return out;
  }

  terms(text: string): Terms {
    return { words: this.words(text), bigrams: this.bigrams(text) };
  }
}
