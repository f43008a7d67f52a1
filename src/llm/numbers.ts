/**
 * Finding the numbers a text states, so that an LLM answer can be held to the
 * numbers its cited measures actually contain. Pure functions.
 */

/** Full-width digits and signs (０-９ ． ％ ，) to their ASCII forms. */
export function normalizeDigits(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/\uFF0E/g, ".")
    .replace(/\uFF05/g, "%");
}

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** `五千` → 5000, `十三` → 13, `二〇二五` → 2025; undefined when it is not a numeral. */
export function chineseNumeralValue(numeral: string): number | undefined {
  if (!numeral) return undefined;
  const chars = [...numeral];
  if (chars.every((c) => c in CHINESE_DIGITS)) {
    // A digit-by-digit year or code (二〇二五); a single digit is just itself.
    return Number(chars.map((c) => CHINESE_DIGITS[c]).join(""));
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const c of chars) {
    if (c in CHINESE_DIGITS) digit = CHINESE_DIGITS[c];
    else if (c in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[c]!;
      digit = undefined;
    } else if (c in BIG_UNITS) {
      total = (total + section + (digit ?? 0)) * BIG_UNITS[c]!;
      if (total === 0) total = BIG_UNITS[c]!;
      section = 0;
      digit = undefined;
    } else return undefined;
  }
  return total + section + (digit ?? 0);
}

/** Canonical spelling of a number so that `5,000`, `5000` and `五千` compare equal. */
function canonical(value: number): string {
  return String(Number(value.toFixed(6)));
}

const ARABIC = /\d+(?:,\d{3})*(?:\.\d+)?/g;
const CHINESE_RUN = /[零〇一二两三四五六七八九十百千万亿]+/g;
/** What makes a Chinese numeral a quantity rather than part of a word (一是, 一批, 十八大). */
const QUANTITY_AFTER = /^(?:%|万|亿|千|百|件|元|块|年|天|日|个工作日|个月|周|小时|倍|分之)/;
/** Ordinal references to the outline (第3项, 第二条) are positions, not claims. */
const ORDINAL_BEFORE = /第$/;

/**
 * Every number a text states, canonicalised: all Arabic numbers, and Chinese
 * numerals that carry a quantity unit (五千元, 三年, 十五个工作日).
 */
export function findNumbers(text: string): string[] {
  const normalized = normalizeDigits(text);
  const found: string[] = [];
  for (const match of normalized.matchAll(ARABIC)) {
    const before = normalized.slice(0, match.index);
    if (ORDINAL_BEFORE.test(before)) continue;
    found.push(canonical(Number(match[0].replace(/,/g, ""))));
  }
  for (const match of normalized.matchAll(CHINESE_RUN)) {
    const run = match[0];
    const before = normalized.slice(0, match.index);
    const after = normalized.slice(match.index + run.length);
    if (ORDINAL_BEFORE.test(before)) continue;
    if (![...run].some((c) => c in CHINESE_DIGITS || c === "十")) continue; // 万, 千 alone: 每万人口
    const endsWithMagnitude = run.length > 1 && /[万亿千百]$/.test(run);
    if (!QUANTITY_AFTER.test(after) && !endsWithMagnitude) continue;
    const value = chineseNumeralValue(run);
    if (value !== undefined) found.push(canonical(value));
  }
  return found;
}

/**
 * The numbers a ground text supports: everything `findNumbers` sees there,
 * plus every Arabic number however it is used (`13条重点产业链`), and
 * `9万` also as 90000.
 */
export function groundNumbers(text: string): Set<string> {
  const normalized = normalizeDigits(text);
  const numbers = new Set(findNumbers(normalized));
  for (const match of normalized.matchAll(ARABIC)) {
    const value = Number(match[0].replace(/,/g, ""));
    numbers.add(canonical(value));
    // `9万件` also supports an answer that writes 九万件 or 90000件.
    const magnitude = normalized.charAt(match.index + match[0].length);
    if (magnitude === "万") numbers.add(canonical(value * 10_000));
    if (magnitude === "亿") numbers.add(canonical(value * 100_000_000));
  }
  return numbers;
}

/** The first number stated in `answer` that `ground` does not contain, or undefined. */
export function firstUngroundedNumber(answer: string, ground: string): string | undefined {
  const supported = groundNumbers(ground);
  return findNumbers(answer).find((n) => !supported.has(n));
}
