import { readLexicon, readUnitAliases } from "../../../src/corpus/lexicon.js";
import { topicFinder } from "../../../src/engine/understand/split.js";
import { CORPUS_DIR } from "../../helpers/paths.js";

/** The topic finder the engine is expected to pass: the lexicon's domain and whole words and the unit names, less its stopwords (the colloquial `when` words are often details: 有奖, 给钱). */
export async function outlineTopics(): Promise<(text: string) => string[]> {
  const [lexicon, aliases] = await Promise.all([readLexicon(CORPUS_DIR), readUnitAliases(CORPUS_DIR)]);
  const stop = new Set(lexicon.stopwords);
  const words = [...lexicon.domainTerms, ...lexicon.keepWhole, ...Object.entries(aliases.aliases).flatMap(([unit, names]) => [unit, ...names])].filter((w) => !stop.has(w));
  return topicFinder(words);
}
