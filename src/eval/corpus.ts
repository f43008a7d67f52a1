import { cp, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DATA_FILES } from "../corpus/lexicon.js";
import { listCorpusFiles } from "../index/corpus-files.js";

/**
 * A corpus made of several folders for one evaluation run (the outline's
 * folder and a folder of related documents), copied into a temp folder so
 * the index is built for it alone: see {@link mergeCorpusFolders}.
 */
export async function mergedCorpus(folders: readonly string[], fallbackDataDir: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ipbot-eval-"));
  await mergeCorpusFolders(folders, fallbackDataDir, path.join(dir, "corpus"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Copies the documents of several folders into one corpus folder. Data files
 * (lexicon, aliases, documents.json) come from the first folder that has
 * them; `fallbackDataDir` gives them when none does.
 */
export async function mergeCorpusFolders(folders: readonly string[], fallbackDataDir: string, corpus: string): Promise<void> {
  for (const folder of folders) {
    for (const file of await listCorpusFiles(folder)) await cp(path.join(folder, file), path.join(corpus, file));
  }
  for (const name of DATA_FILES) {
    for (const source of [...folders, fallbackDataDir]) {
      const from = path.join(source, name);
      if (
        await stat(from).then(
          () => true,
          () => false,
        )
      ) {
        await cp(from, path.join(corpus, name));
        break;
      }
    }
  }
}
