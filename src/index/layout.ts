import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * On-disk layout: `<root>/CURRENT` names the serving version directory;
 * versions are built in `.build-*` directories and renamed into place, so a
 * reader never sees half an index.
 */
export const CURRENT_FILE = "CURRENT";
export const BUILD_PREFIX = ".build-";
export const VERSION_PREFIX = "v-";

export const FILES = {
  documents: "documents.json",
  chunks: "chunks.json",
  lexical: "lexical.json",
  lexicon: "lexicon.json",
  aliases: "unit-aliases.json",
  vectors: "vectors.f32",
  vectorKeys: "vector-keys.json",
  hnswDir: "hnsw",
} as const;

export async function readCurrentVersion(root: string): Promise<string | undefined> {
  try {
    const name = (await readFile(path.join(root, CURRENT_FILE), "utf8")).trim();
    return name || undefined;
  } catch {
    return undefined;
  }
}

/** Points CURRENT at a version with one atomic rename. */
export async function writeCurrentVersion(root: string, version: string): Promise<void> {
  const tmp = path.join(root, `${CURRENT_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, version + "\n");
  await rename(tmp, path.join(root, CURRENT_FILE));
}

export function newVersionName(now = new Date()): string {
  return VERSION_PREFIX + now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "") + "-" + Math.random().toString(36).slice(2, 6);
}
