import type { Config } from "../config/index.js";
import { type BuildProgress, buildIndex, IndexBuildError } from "./build.js";
import { type LoadedIndex, loadIndex } from "./load.js";
import { configuredIdentity, providerFactory } from "./providers.js";

/**
 * The one way the product builds an index (the service's start-up and
 * reloads, `npm run ingest`, the benchmark): the configured corpus into the
 * configured index folder with the configured embeddings and parsing limits,
 * the next version written aside and swapped in, then loaded back, so a
 * version that does not load never counts as built. Throws `IndexBuildError` (which file, why) with
 * the serving version untouched, or, when the new version does not load, with
 * it in place and the reason.
 */
export async function rebuildIndex(config: Config, onProgress?: (p: BuildProgress) => void): Promise<LoadedIndex> {
  const makeProvider = providerFactory(config);
  await buildIndex({ corpusDir: config.corpusDir, indexRoot: config.indexDir, makeProvider, onProgress, limits: config.parseLimits });
  const loaded = await loadIndex(config.indexDir, configuredIdentity(config), makeProvider);
  if (!loaded.ok) throw new IndexBuildError(`the freshly built index does not load: ${loaded.message}`);
  return loaded.index;
}
