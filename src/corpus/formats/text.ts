/**
 * Text helpers shared by the format loaders, so every format joins wrapped
 * lines and recognises Chinese heading markers the same way.
 */
import type { ParagraphBlock } from "../blocks.js";

/**
 * Han ideographs, kana, and full-width punctuation. Chinese text is written
 * without spaces, so a line break or item gap next to one of these must not
 * become a space.
 */
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u{20000}-\u{3FFFF}]/u;

/**
 * A line that opens a numbered Chinese heading or measure:
 * 一、 （一） (一) 1. 1、 1． １． （1） 第一部分 第一章 第一节 第一条.
 */
export const HEADING_MARKER =
  /^\s*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d０-９]+[）)]|[\d０-９]{1,3}\s*[.．、](?![\d０-９])|第[一二三四五六七八九十百零〇\d]+[章节条部分编])/u;

/** True when the character is Chinese (or full-width) text. */
export function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK.test(char);
}

/**
 * Appends one fragment of a logical paragraph to another: a space between
 * Latin words or numbers, nothing between Chinese characters.
 */
export function joinFragment(left: string, right: string): string {
  const a = left.trimEnd();
  const b = right.trimStart();
  if (a === "" || b === "") return a + b;
  const needsSpace = !isCjk(a.at(-1)) && !isCjk(b[0]);
  return needsSpace ? `${a} ${b}` : a + b;
}

/** Joins the wrapped lines of one logical paragraph into a single string. */
export function joinLines(lines: readonly string[]): string {
  return lines.reduce((text, line) => joinFragment(text, line), "").trim();
}

/** A paragraph block, or nothing when the text is blank (loaders drop empty paragraphs). */
export function paragraph(text: string): ParagraphBlock[] {
  const trimmed = text.trim();
  return trimmed === "" ? [] : [{ kind: "paragraph", text: trimmed }];
}
