import { readFile } from "node:fs/promises";
import path from "node:path";
import { sha256 } from "../corpus/document.js";
import { listCorpusFiles } from "./corpus-files.js";
import type { IndexManifest } from "./manifest.js";

/**
 * What changed in the corpus folder since an index version was built (a
 * document added, removed or edited, the lexicon or the unit aliases edited),
 * or undefined when nothing did. Lets start-up pick up files an admin
 * changed by hand while the service was down.
 */
export async function corpusChangeSince(manifest: IndexManifest, corpusDir: string): Promise<string | undefined> {
  const built = new Map(manifest.corpus.map((d) => [d.file, d.sha256]));
  const files = await listCorpusFiles(corpusDir);
  for (const file of files) {
    const hash = built.get(file);
    if (!hash) return `${file} was added`;
    if (hash !== sha256(await readFile(path.join(corpusDir, file)))) return `${file} was edited`;
  }
  const removed = [...built.keys()].find((file) => !files.includes(file));
  if (removed) return `${removed} was removed`;
  for (const [name, hash] of Object.entries(manifest.dataFiles)) {
    const bytes = await readFile(path.join(corpusDir, name)).catch(() => undefined);
    // A data file that is absent was built from its defaults; only an edited one counts.
    if (bytes && sha256(bytes) !== hash) return `${name} was edited`;
  }
  return undefined;
}
