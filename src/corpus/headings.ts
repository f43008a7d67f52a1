/**
 * Recognises the numbered headings of Chinese policy documents at the start
 * of a paragraph: 一、 / 1、, （一）, 1. / 1、, （1）, ①, 第一章, 第一条.
 */

export type HeadingStyle =
  | "chapter"
  | "article"
  | "cn-dun"
  | "cn-paren"
  | "arabic-dot"
  | "arabic-dun"
  | "arabic-paren"
  | "circled";

export interface HeadingMatch {
  style: HeadingStyle;
  /** The numeral as a number, for sequence checks. */
  ordinal: number;
  /** The marker normalised as the path shows it: `三、`, `（三）`, `2.`. */
  marker: string;
  /** Its title: the whole line of a heading, or the lead phrase of an inline measure. */
  title: string;
  /** What follows the lead phrase on the same paragraph (an inline measure's body), or "". */
  rest: string;
  /** True when the title was taken from the first sentence (`1.强化知识产权政策导向。不断…`). */
  inline: boolean;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十三 → 23. */
export function chineseNumeral(text: string): number {
  if (text === "十") return 10;
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else current = CN_DIGITS[ch] ?? 0;
  }
  return total + current;
}

const CN = "[一二三四五六七八九十百零〇两]+";
const PATTERNS: { style: HeadingStyle; re: RegExp; marker: (n: string) => string; cn: boolean }[] = [
  { style: "chapter", re: new RegExp(`^第(${CN})[章部分]+\\s*`), marker: (n) => `第${n}章`, cn: true },
  { style: "article", re: new RegExp(`^第(${CN})条\\s*`), marker: (n) => `第${n}条`, cn: true },
  { style: "cn-dun", re: new RegExp(`^(${CN})、\\s*`), marker: (n) => `${n}、`, cn: true },
  { style: "cn-paren", re: new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*`), marker: (n) => `（${n}）`, cn: true },
  { style: "arabic-dot", re: /^(\d{1,2})\s*[.．](?!\d)\s*/, marker: (n) => `${n}.`, cn: false },
  { style: "arabic-dun", re: /^(\d{1,2})\s*、\s*/, marker: (n) => `${n}、`, cn: false },
  { style: "arabic-paren", re: /^[（(]\s*(\d{1,2})\s*[）)]\s*/, marker: (n) => `（${n}）`, cn: false },
  { style: "circled", re: /^([①-⑳])\s*/, marker: (n) => n, cn: false },
];

/** Longest heading line; longer numbered paragraphs are list items of a body. */
const MAX_HEADING_CHARS = 40;

export function matchHeading(paragraph: string): HeadingMatch | undefined {
  for (const pattern of PATTERNS) {
    const m = pattern.re.exec(paragraph);
    if (!m?.[1]) continue;
    const numeral = m[1];
    const ordinal =
      pattern.style === "circled" ? numeral.charCodeAt(0) - 0x2460 + 1 : pattern.cn ? chineseNumeral(numeral) : Number(numeral);
    if (ordinal < 1 || ordinal > 60) return undefined;
    const after = paragraph.slice(m[0].length).trim();
    // A quoted title or a cross-reference split across lines starts with closing punctuation or nothing at all.
    if (!after || /^[》」』”）)、，。；：,.;:%％]/.test(after)) return undefined;
    const marker = pattern.marker(numeral);

    const sentenceEnd = after.search(/[。！？!?]/);
    const hasBodyAfterLead = sentenceEnd > 0 && sentenceEnd < after.length - 1;
    if (hasBodyAfterLead) {
      const lead = after.slice(0, sentenceEnd);
      if (lead.length <= MAX_HEADING_CHARS && !/[，,；;]/.test(lead)) {
        return { style: pattern.style, ordinal, marker, title: lead, rest: after.slice(sentenceEnd + 1).trim(), inline: true };
      }
      return undefined;
    }
    // A numbered line that ends as a sentence is a list item of the body ("1.在本市依法登记注册的企业。").
    if (/[。！？!?；;]$/.test(after)) return undefined;
    const title = after.replace(/[：:]$/, "");
    if (title.length <= MAX_HEADING_CHARS && !/[，,；;]/.test(title)) {
      return { style: pattern.style, ordinal, marker, title, rest: "", inline: false };
    }
    return undefined;
  }
  return undefined;
}

/** Styles that stand for the same level when their numbers run on (`2、 总体要求` then `三、工作措施`). */
export function sameFamily(a: HeadingStyle, b: HeadingStyle): boolean {
  const family = (s: HeadingStyle) => (s === "cn-dun" || s === "arabic-dun" ? "dun" : s);
  return family(a) === family(b);
}
