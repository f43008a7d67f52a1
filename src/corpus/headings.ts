/**
 * Recognises the numbered headings of Chinese policy documents at the start
 * of a paragraph: 第一部分, 第一章, 第一节, 第一条, 一、 / 1、, （一）, 1. / 1、,
 * （1）, ①. Full-width digits (１．, （１）) count as digits.
 */

export type HeadingStyle = "part" | "chapter" | "section" | "article" | "cn-dun" | "cn-paren" | "arabic-dot" | "arabic-dun" | "arabic-paren" | "circled" | "step";

export interface HeadingMatch {
  style: HeadingStyle;
  /** The numeral as a number, for sequence checks. */
  ordinal: number;
  /** The marker normalised as the path shows it: `三、`, `（三）`, `2.`, `第三条`. */
  marker: string;
  /** Its title: the whole line of a heading, the lead phrase of an inline measure, or an untitled article's marker. */
  title: string;
  /** How the heading reads in a path: marker and title, or the marker alone for an untitled article (`第三条`). */
  label: string;
  /** What follows the lead phrase on the same paragraph (an inline measure's body), or "". */
  rest: string;
  /** True when the paragraph carries body text after its title (`1.强化知识产权政策导向。不断…`, `第三条 本办法所称…`). */
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
/** A numeral in the 第…章 family: Chinese, or Arabic in some newer documents. */
const CN_OR_DIGITS = `${CN}|\\d{1,3}`;

interface Pattern {
  style: HeadingStyle;
  re: RegExp;
  marker: (numeral: string, unit: string) => string;
  /** Largest number a heading of this style plausibly carries (regulations run past 60 articles). */
  max: number;
  /** Whether a whole-line title may contain a comma (`三、强化知识产权保护，营造良好营商环境`). */
  commaTitles: boolean;
}

const PATTERNS: Pattern[] = [
  { style: "part", re: new RegExp(`^第(${CN_OR_DIGITS})(部分|编)\\s*`), marker: (n, u) => `第${n}${u}`, max: 60, commaTitles: true },
  { style: "chapter", re: new RegExp(`^第(${CN_OR_DIGITS})(章)\\s*`), marker: (n, u) => `第${n}${u}`, max: 60, commaTitles: true },
  { style: "section", re: new RegExp(`^第(${CN_OR_DIGITS})(节)\\s*`), marker: (n, u) => `第${n}${u}`, max: 60, commaTitles: true },
  { style: "article", re: new RegExp(`^第(${CN_OR_DIGITS})(条)\\s*`), marker: (n, u) => `第${n}${u}`, max: 999, commaTitles: false },
  { style: "cn-dun", re: new RegExp(`^(${CN})、\\s*`), marker: (n) => `${n}、`, max: 60, commaTitles: true },
  { style: "cn-paren", re: new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*`), marker: (n) => `（${n}）`, max: 60, commaTitles: true },
  { style: "arabic-dot", re: /^(\d{1,2})\s*[.．](?!\d)\s*/, marker: (n) => `${n}.`, max: 60, commaTitles: false },
  { style: "arabic-dun", re: /^(\d{1,2})\s*、\s*/, marker: (n) => `${n}、`, max: 60, commaTitles: false },
  { style: "arabic-paren", re: /^[（(]\s*(\d{1,2})\s*[）)]\s*/, marker: (n) => `（${n}）`, max: 60, commaTitles: false },
  { style: "circled", re: /^([①-⑳])\s*/, marker: (n) => n, max: 60, commaTitles: false },
  // The steps of a procedure or guide: 第一步　提出申请.
  { style: "step", re: new RegExp(`^第(${CN_OR_DIGITS})步\\s*[：:、.．]?\\s*`), marker: (n) => `第${n}步`, max: 30, commaTitles: true },
];

/** Longest heading line; longer numbered paragraphs are list items of a body. */
const MAX_HEADING_CHARS = 40;

/** What a cross-reference reads like right after `第三条`: `第三条规定的…`, `第三条第（一）项`. */
const ARTICLE_REFERENCE = /^(?:规定|所称|所列|所述|至|和|或|及|中|之|的|第|[、，。；：）)》,.;:])/;

/** `１２` → `12`, one character for one, so offsets stay the same. */
function halfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** A heading the source marks as one may run this long, commas and question marks and all (### 2. 与原政策相比，《办法》主要有哪些变化？). */
const MAX_MARKED_HEADING_CHARS = 60;

/**
 * The numbered heading a paragraph opens, if any. `marked` says the source marks the paragraph as a
 * heading (Markdown `###`): its whole line is the title, even a question with commas in it.
 */
export function matchHeading(paragraph: string, marked = false): HeadingMatch | undefined {
  const line = halfWidthDigits(paragraph);
  for (const pattern of PATTERNS) {
    const m = pattern.re.exec(line);
    if (!m?.[1]) continue;
    const numeral = m[1];
    const ordinal = pattern.style === "circled" ? numeral.charCodeAt(0) - 0x2460 + 1 : /^\d+$/.test(numeral) ? Number(numeral) : chineseNumeral(numeral);
    if (ordinal < 1 || ordinal > pattern.max) return undefined;
    const after = paragraph.slice(m[0].length).trim();
    const marker = pattern.marker(numeral, m[2] ?? "");
    if (pattern.style === "article") return articleHeading(after, marker, ordinal);
    // A quoted title or a cross-reference split across lines starts with closing punctuation or nothing at all.
    if (!after || /^[》」』”）)、，。；：,.;:%％]/.test(after)) return undefined;
    const heading = { style: pattern.style, ordinal, marker };
    if (marked && after.length <= MAX_MARKED_HEADING_CHARS) return { ...heading, title: after.replace(/[：:]$/, ""), label: marker + after, rest: "", inline: false };

    const sentenceEnd = after.search(/[。！？!?]/);
    const hasBodyAfterLead = sentenceEnd > 0 && sentenceEnd < after.length - 1;
    if (hasBodyAfterLead) {
      const lead = after.slice(0, sentenceEnd);
      if (lead.length <= MAX_HEADING_CHARS && !/[，,；;]/.test(lead)) {
        return { ...heading, title: lead, label: marker + lead, rest: after.slice(sentenceEnd + 1).trim(), inline: true };
      }
      return undefined;
    }
    // A numbered line that ends as a sentence is a list item of the body ("1.在本市依法登记注册的企业。").
    if (/[。！？!?；;]$/.test(after)) return undefined;
    const title = after.replace(/[：:]$/, "");
    const punctuation = pattern.commaTitles ? /[；;]/ : /[，,；;]/;
    if (title.length <= MAX_HEADING_CHARS && !punctuation.test(title)) {
      return { ...heading, title, label: marker + title, rest: "", inline: false };
    }
    return undefined;
  }
  return undefined;
}

/**
 * 「第六条　资助奖励标准　各项目的…」: an article whose short title stands between spaces, as Word and PDF
 * texts set it, written the bracketed way (`第六条【资助奖励标准】各项目的…`) before spaces next to Chinese
 * are cleaned away and the title would run into the body. A body that begins after one space is left alone.
 */
export function bracketSpacedArticleTitle(paragraph: string): string {
  return paragraph.replace(SPACED_ARTICLE_TITLE, "$1【$2】");
}
const SPACED_ARTICLE_TITLE = new RegExp(`^(\\s*第(?:${CN_OR_DIGITS})条)[ \\t\\u00a0\\u3000]+([^\\s\\u3000，。；：、,.;:（）()《》“”]{2,12})[ \\t\\u00a0\\u3000]+(?=\\S)`);

/**
 * An article (`第三条 本办法所称…`) is a heading whatever follows: its number
 * is how it is cited. Its title is a bracketed one (`第三条【适用范围】…`) or
 * else its marker; its text is the body.
 */
function articleHeading(after: string, marker: string, ordinal: number): HeadingMatch | undefined {
  if (ARTICLE_REFERENCE.test(after)) return undefined;
  const bracketed = /^[【\[]([^】\]]{1,30})[】\]]\s*/.exec(after);
  const title = bracketed?.[1]?.trim() || marker;
  const rest = bracketed ? after.slice(bracketed[0].length).trim() : after;
  return { style: "article", ordinal, marker, title, label: bracketed ? marker + title : marker, rest, inline: rest !== "" };
}

/** Styles that stand for the same level when their numbers run on (`2、 总体要求` then `三、工作措施`). */
export function sameFamily(a: HeadingStyle, b: HeadingStyle): boolean {
  const family = (s: HeadingStyle) => (s === "cn-dun" || s === "arabic-dun" ? "dun" : s);
  return family(a) === family(b);
}
