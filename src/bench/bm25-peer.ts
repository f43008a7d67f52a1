/**
 * The benchmark's peer: the plainest retrieval a LangChain.js project starts
 * with, `@langchain/community`'s BM25Retriever over the corpus's plain-text
 * documents split into paragraphs, answering with the best paragraph. No
 * structure, no units, no lexicon, no index on disk: it parses the corpus on
 * every start. `npm run bench` times it beside `ask` on the same questions.
 *
 *   node dist/bench/bm25-peer.js "问题"          one JSON line
 *   node dist/bench/bm25-peer.js --batch FILE    one question a line in, one JSON line out
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { BM25Retriever } from "@langchain/community/retrievers/bm25";
import { Document } from "@langchain/core/documents";
import { loadConfig } from "../config/index.js";
import { listCorpusFiles } from "../index/corpus-files.js";

const PLAIN_TEXT = new Set([".txt", ".md"]);

/**
 * The retriever counts words with `\w+` and matches terms as substrings, so
 * Chinese is given to it as character bigrams spelled in ASCII of one width
 * (专利 → `u04e13u05229`): one word per bigram, and a term matches only a
 * whole equal word. Its own query split (lower case, on spaces) keeps such
 * words as they are.
 */
function bigramWords(text: string): string[] {
  const chars = [...text].filter((c) => /[\p{L}\p{N}]/u.test(c));
  const words: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    words.push(
      chars
        .slice(i, i + 2)
        .map((c) => `u${c.codePointAt(0)!.toString(16).padStart(5, "0")}`)
        .join(""),
    );
  }
  return words;
}

async function paragraphs(corpusDir: string): Promise<Document[]> {
  const docs: Document[] = [];
  for (const file of await listCorpusFiles(corpusDir)) {
    if (!PLAIN_TEXT.has(path.extname(file).toLowerCase())) continue;
    const text = await readFile(path.join(corpusDir, file), "utf8");
    for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
      const words = bigramWords(line);
      if (words.length > 0) docs.push(new Document({ pageContent: words.join(" "), metadata: { file, text: line } }));
    }
  }
  return docs;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { batch: { type: "string" } } });
  // Started by the bench with CORPUS_DIR set; it needs no other setting.
  const config = loadConfig(process.env);
  const questions = values.batch
    ? (await readFile(values.batch, "utf8"))
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
    : [positionals.join(" ")];
  const retriever = new BM25Retriever({ docs: await paragraphs(config.corpusDir), k: 3 });
  for (const question of questions) {
    const found = await retriever.invoke(bigramWords(question).join(" "));
    process.stdout.write(`${JSON.stringify({ question, passages: found.map((d) => d.metadata.text as string) })}\n`);
  }
}

await main();
