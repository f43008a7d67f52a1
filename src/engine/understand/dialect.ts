/**
 * Shandong (and wider northern) dialect in the function words of a question, said the standard way, so that
 * question words and splitting read it as they read Putonghua: 弄么的 → 弄什么的, 有么关系 → 有什么关系, 木有 →
 * 没有. Only words that ask or negate are here; words for a topic belong in the lexicon's synonyms.
 */
const DIALECT_WORDS: readonly [RegExp, string][] = [
  // 么 standing for 什么 before what it asks about (干么用, 是么意思); 什么, 怎么, 这么, 那么, 多么, 要么 are Putonghua,
  // and a 么 that ends a clause (有么？) asks as 吗 does, which question words already read.
  [/(?<![什怎这那多要])么(?=[\u3400-\u9fff])/g, "什么"],
  [/木有/g, "没有"],
  [/夜来/g, "昨天"],
  [/啥子/g, "什么"],
];

/** The question with dialect function words in standard form; anything else unchanged. */
export function toStandardWording(text: string): string {
  return DIALECT_WORDS.reduce((out, [dialect, standard]) => out.replace(dialect, standard), text);
}
