/**
 * Removes what document conversion leaves behind: `[bookmark: …]` anchors,
 * zero-width characters, non-breaking and ideographic spaces, and spaces
 * next to Chinese characters (`公示 5 个工作日`: Chinese is written without
 * spaces, and the PDF reader drops them too, so every format reads alike).
 * Never changes the wording itself.
 */
const CJK = "\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef\\u2014\\u2026\\u201c\\u201d";
const SPACE_NEXT_TO_CJK = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, "g");

export function cleanText(text: string): string {
  return text
    .replace(/\[bookmark:[^\]]*\]/gi, "")
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[\u00a0\u3000\t]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(SPACE_NEXT_TO_CJK, "");
}

/** Text with nothing but punctuation, symbols or emoji carries no question. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
