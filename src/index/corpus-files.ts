import { readdir } from "node:fs/promises";
import path from "node:path";
import { isReadableFile } from "../corpus/upload-policy.js";

/**
 * Corpus documents (relative paths, sorted): files of the upload policy's
 * readable types, skipping hidden files and the lexicon data files.
 */
export async function listCorpusFiles(corpusDir: string): Promise<string[]> {
  const entries = await readdir(corpusDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith("."))
    .map((e) => path.relative(corpusDir, path.join(e.parentPath, e.name)))
    .filter((rel) => !rel.split(path.sep).some((part) => part.startsWith(".")))
    .filter(isReadableFile)
    .sort();
}
