import { readFile } from "node:fs/promises";
import { readLexicon, readUnitAliases } from "../../../src/corpus/lexicon.js";
import { createVocabulary, type Vocabulary } from "../../../src/engine/understand/typos.js";
import { Tokenizer } from "../../../src/index/tokenizer.js";
import { CORPUS_DIR, OUTLINE_PATH } from "../../helpers/paths.js";

/** What the engine will pass: the outline's jieba words (repeats as frequency) and every word of the lexicon and the unit aliases. */
export async function outlineVocabulary(): Promise<Vocabulary> {
  const [text, lexicon, aliases] = await Promise.all([readFile(OUTLINE_PATH, "utf8"), readLexicon(CORPUS_DIR), readUnitAliases(CORPUS_DIR)]);
  const tokenizer = new Tokenizer(lexicon);
  const lexiconWords = [
    ...lexicon.keepWhole,
    ...lexicon.domainTerms,
    ...lexicon.synonyms.flatMap((s) => [...s.when, ...s.add]),
    ...Object.entries(aliases.aliases).flatMap(([unit, names]) => [unit, ...names]),
  ];
  return createVocabulary([...tokenizer.words(text), ...lexiconWords]);
}
