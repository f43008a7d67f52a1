import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadDocument } from "../corpus/document.js";
import { readLexicon, readUnitAliases } from "../corpus/lexicon.js";
import { parseDataset } from "../eval/dataset.js";
import { listCorpusFiles } from "../index/corpus-files.js";
import type { QuestionSources } from "./questions.js";

/** Longer titles are section headings nobody types as a question. */
const MAX_TITLE_CHARS = 20;

/**
 * Reads what the question mix is made from: a question set in the format of
 * shared/eval/dev.jsonl (skipped when the file is absent), and the corpus's
 * lexicon, unit aliases, record titles and units through the real parser.
 */
export async function readQuestionSources(corpusDir: string, devFile: string | undefined): Promise<QuestionSources> {
  const dev = devFile ? await readFile(devFile, "utf8").then(parseDataset, () => []) : [];
  const [lexicon, aliases, files] = await Promise.all([readLexicon(corpusDir), readUnitAliases(corpusDir), listCorpusFiles(corpusDir)]);
  const titles = new Set<string>();
  const units = new Set<string>();
  for (const file of files) {
    const doc = await loadDocument(path.join(corpusDir, file), file);
    for (const record of doc.records) {
      if (record.kind !== "table" && record.title.length <= MAX_TITLE_CHARS) titles.add(record.title);
      record.units.forEach((u) => units.add(u));
    }
  }
  Object.values(aliases.aliases)
    .flat()
    .forEach((a) => units.add(a));
  const topics = new Set([...lexicon.keepWhole, ...lexicon.domainTerms, ...lexicon.synonyms.flatMap((s) => s.when)].filter((w) => [...w].length >= 2));
  return { dev: dev.map((d) => d.question), topics: [...topics], titles: [...titles], units: [...units] };
}
