import { cp, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DATA_FILES } from "../corpus/lexicon.js";
import { listCorpusFiles } from "../index/corpus-files.js";

/**
 * A corpus made of several folders for one evaluation run (the outline's
 * folder and a folder of related documents), copied into a temp folder so
 * the index is built for it alone. Data files (lexicon, aliases) come from
 * the first folder that has them; `fallbackDataDir` gives them when none does.
 */
export async function mergedCorpus(folders: readonly string[], fallbackDataDir: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ipbot-eval-"));
  const corpus = path.join(dir, "corpus");
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
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
