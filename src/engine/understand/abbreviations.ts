import type { SynonymGroup } from "../../corpus/lexicon.js";
import type { Tokenizer } from "../../index/tokenizer.js";

/**
 * The short forms enterprises make of the domain's four-character terms, as
 * they make 知产 of 知识产权: the first character of each half (质押融资 →
 * 质融, 维权援助 → 维援, 专利代理 → 专代). Each becomes a synonym of its term.
 *
 * A short form is left out when it would misread: when it is a word of its
 * own (公益诉讼 → 公诉, 生物育种 → 生育, 地标产品 → 地产), when the corpus
 * or the lexicon already uses it, or when two terms share it. In a question
 * it counts only where it stands apart (see `Tokenizer.standsApart`).
 */
export function abbreviationsOf(terms: Iterable<string>, tokenizer: Tokenizer, isUsed: (word: string) => boolean): SynonymGroup[] {
  const byShortForm = new Map<string, Set<string>>();
  for (const term of terms) {
    if (!/^[\u3400-\u9fff]{4}$/.test(term)) continue;
    const short = term[0]! + term[2]!;
    byShortForm.set(short, (byShortForm.get(short) ?? new Set()).add(term));
  }
  const groups: SynonymGroup[] = [];
  for (const [short, of] of byShortForm) {
    if (of.size !== 1 || isUsed(short) || tokenizer.isWord(short)) continue;
    groups.push({ when: [short], add: [...of] });
  }
  return groups;
}
