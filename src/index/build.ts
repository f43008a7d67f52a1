import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { DocumentError } from "../corpus/blocks.js";
import { DOCUMENTS_FILE, readDocumentOverrides, withOverrides } from "../corpus/document-meta.js";
import { sha256 } from "../corpus/document.js";
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from "../corpus/limits.js";
import { parseDocuments } from "../corpus/parser.js";
import { READABLE_EXTENSIONS_TEXT } from "../corpus/upload-policy.js";
import { LEXICON_FILE, UNIT_ALIASES_FILE, readLexicon, readUnitAliases } from "../corpus/lexicon.js";
import type { PolicyDocument } from "../corpus/types.js";
import { chunkRecord, embeddingText, type Chunk } from "./chunks.js";
import { listCorpusFiles } from "./corpus-files.js";
import { sameIdentity, type EmbeddingsProvider } from "./embeddings/types.js";
import { LexicalIndex } from "./lexical.js";
import { BUILD_PREFIX, FILES, VERSION_PREFIX, newVersionName, readCurrentVersion, writeCurrentVersion } from "./layout.js";
import { INDEX_FORMAT_VERSION, IndexManifestSchema, MANIFEST_FILE, type IndexManifest } from "./manifest.js";
import { Tokenizer } from "./tokenizer.js";
import { readVectorCache, writeVectors } from "./vector-cache.js";
import { countTables } from "../corpus/records.js";

export type BuildStage = "parse" | "embed" | "index" | "swap";
export interface BuildProgress {
  stage: BuildStage;
  done: number;
  total: number;
  file?: string;
}

export interface BuildOptions {
  corpusDir: string;
  indexRoot: string;
  /** Makes the embeddings provider for this build (the offline one needs the build's tokenizer). */
  makeProvider: (tokenizer: Tokenizer) => EmbeddingsProvider;
  onProgress?: (progress: BuildProgress) => void;
  /** What one document may cost to parse (each is parsed in a child process). */
  limits?: ParseLimits;
  /** Versions kept besides the new one, for a quick roll-back by hand. */
  keepPrevious?: number;
}

/** Why a build did not complete; the serving index is untouched. */
export class IndexBuildError extends Error {
  constructor(
    readonly reason: string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(file ? `${file}: ${reason}` : reason, options);
    this.name = "IndexBuildError";
  }
}

const EMBED_BATCH = 64;

/**
 * Rebuilds the index from the corpus folder: parses every document, embeds
 * the chunks (reusing the previous version's vectors for unchanged chunk
 * text of the same provider), writes the HNSW store, the lexical index and
 * the manifest into a build directory, then swaps it in atomically. Any
 * failure leaves the serving version as it was and names the file and why.
 */
export async function buildIndex(options: BuildOptions): Promise<{ manifest: IndexManifest; dir: string }> {
  const started = performance.now();
  const { corpusDir, indexRoot, onProgress } = options;
  await mkdir(indexRoot, { recursive: true });
  await removeStaleBuilds(indexRoot);

  const [lexicon, aliases, overrides] = await Promise.all([readLexicon(corpusDir), readUnitAliases(corpusDir), readDocumentOverrides(corpusDir)]).catch((cause: Error) => {
    throw new IndexBuildError(cause.message, undefined, { cause });
  });
  const tokenizer = new Tokenizer(lexicon);
  const provider = options.makeProvider(tokenizer);

  const files = await listCorpusFiles(corpusDir);
  if (files.length === 0) throw new IndexBuildError(`no documents (${READABLE_EXTENSIONS_TEXT}) in ${corpusDir}`);
  let documents: PolicyDocument[];
  let parsing: string | undefined;
  try {
    documents = await parseDocuments(
      files.map((file) => ({ path: path.join(corpusDir, file), name: file })),
      options.limits ?? DEFAULT_PARSE_LIMITS,
      (i, source) => {
        parsing = source.name;
        onProgress?.({ stage: "parse", done: i, total: files.length, file: source.name });
      },
    ).then((parsed) => parsed.map((document) => withOverrides(document, overrides)));
  } catch (error) {
    if (error instanceof DocumentError) throw new IndexBuildError(error.reason, error.file, { cause: error });
    throw new IndexBuildError(`could not be parsed: ${(error as Error).message}`, parsing, { cause: error });
  }
  onProgress?.({ stage: "parse", done: files.length, total: files.length });

  const records = documents.flatMap((d) => d.records);
  const chunks: Chunk[] = records.flatMap(chunkRecord);
  const lexical = LexicalIndex.build(chunks.map((c) => ({ title: tokenizer.terms(c.title), context: tokenizer.terms(c.context), text: tokenizer.terms(c.text) })));

  const lexiconHash = sha256(JSON.stringify(lexicon));
  const { vectors, embedded, reused } = await embedChunks(indexRoot, provider, chunks, lexiconHash, onProgress);

  const version = newVersionName();
  const buildDir = path.join(indexRoot, BUILD_PREFIX + version);
  await mkdir(buildDir, { recursive: true });
  try {
    onProgress?.({ stage: "index", done: 0, total: chunks.length });
    const store = new HNSWLib(provider.embeddings, { space: "cosine", numDimensions: provider.identity.dimension });
    await store.addVectors(
      vectors.map((v) => Array.from(v)),
      chunks.map((c) => new Document({ pageContent: embeddingText(c), metadata: { chunkId: c.id, recordId: c.recordId } })),
    );
    await store.save(path.join(buildDir, FILES.hnswDir));
    await writeFile(path.join(buildDir, FILES.documents), JSON.stringify(documents));
    await writeFile(path.join(buildDir, FILES.chunks), JSON.stringify(chunks));
    await writeFile(path.join(buildDir, FILES.lexical), JSON.stringify(lexical.toJSON()));
    await writeVectors(
      buildDir,
      chunks.map((c) => sha256(embeddingText(c))),
      vectors,
      provider.identity.dimension,
    );
    const dataFiles: Record<string, string> = {};
    for (const [name, target] of [
      [LEXICON_FILE, FILES.lexicon],
      [UNIT_ALIASES_FILE, FILES.aliases],
    ] as const) {
      const source = path.join(corpusDir, name);
      const exists = await stat(source).then(
        () => true,
        () => false,
      );
      if (exists) await copyFile(source, path.join(buildDir, target));
      else await writeFile(path.join(buildDir, target), name === LEXICON_FILE ? JSON.stringify(lexicon) : JSON.stringify(aliases));
      dataFiles[name] = sha256(await readFile(path.join(buildDir, target)));
    }
    const overridesFile = await readFile(path.join(corpusDir, DOCUMENTS_FILE)).catch(() => undefined);
    if (overridesFile) dataFiles[DOCUMENTS_FILE] = sha256(overridesFile);
    onProgress?.({ stage: "index", done: chunks.length, total: chunks.length });

    const units = new Set(records.flatMap((r) => r.units));
    const manifest: IndexManifest = IndexManifestSchema.parse({
      formatVersion: INDEX_FORMAT_VERSION,
      version,
      builtAt: new Date().toISOString(),
      embeddings: provider.identity,
      corpus: documents.map((d) => ({ file: d.file, sha256: d.sha256, title: d.title, records: d.records.length })),
      dataFiles,
      lexiconHash,
      counts: {
        documents: documents.length,
        measures: records.filter((r) => r.kind === "measure").length,
        sections: records.filter((r) => r.kind === "section").length,
        tables: countTables(records),
        units: units.size,
        chunks: chunks.length,
        embedded,
        reused,
      },
      checksums: await checksumTree(buildDir),
      buildSeconds: Math.round((performance.now() - started) / 10) / 100,
    });
    await writeFile(path.join(buildDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));

    onProgress?.({ stage: "swap", done: 0, total: 1 });
    const finalDir = path.join(indexRoot, version);
    await rename(buildDir, finalDir);
    await writeCurrentVersion(indexRoot, version);
    await pruneVersions(indexRoot, version, options.keepPrevious ?? 1);
    onProgress?.({ stage: "swap", done: 1, total: 1 });
    return { manifest, dir: finalDir };
  } catch (error) {
    await rm(buildDir, { recursive: true, force: true });
    if (error instanceof IndexBuildError) throw error;
    throw new IndexBuildError(`writing the index failed: ${(error as Error).message}`, undefined, { cause: error });
  }
}

/** Embeds chunks in batches, taking vectors for unchanged text from the serving version when its provider is the same. */
async function embedChunks(
  indexRoot: string,
  provider: EmbeddingsProvider,
  chunks: readonly Chunk[],
  lexiconHash: string,
  onProgress?: (p: BuildProgress) => void,
): Promise<{ vectors: Float32Array[]; embedded: number; reused: number }> {
  const cache = await previousVectors(indexRoot, provider, lexiconHash);
  const vectors: (Float32Array | undefined)[] = chunks.map((c) => cache.get(sha256(embeddingText(c))));
  const missing = chunks.map((_, i) => i).filter((i) => !vectors[i]);
  onProgress?.({ stage: "embed", done: 0, total: missing.length });
  for (let start = 0; start < missing.length; start += EMBED_BATCH) {
    const batch = missing.slice(start, start + EMBED_BATCH);
    let result: number[][];
    try {
      result = await provider.embeddings.embedDocuments(batch.map((i) => embeddingText(chunks[i]!)));
    } catch (cause) {
      throw new IndexBuildError(`the embeddings provider failed: ${(cause as Error).message}`, undefined, { cause });
    }
    result.forEach((v, k) => {
      if (v.length !== provider.identity.dimension) {
        throw new IndexBuildError(`the embeddings provider returned vectors of dimension ${v.length}, but EMBEDDINGS_DIMENSION is ${provider.identity.dimension}`);
      }
      vectors[batch[k]!] = Float32Array.from(v);
    });
    onProgress?.({ stage: "embed", done: Math.min(start + EMBED_BATCH, missing.length), total: missing.length });
  }
  return { vectors: vectors as Float32Array[], embedded: missing.length, reused: chunks.length - missing.length };
}

async function previousVectors(indexRoot: string, provider: EmbeddingsProvider, lexiconHash: string): Promise<Map<string, Float32Array>> {
  const current = await readCurrentVersion(indexRoot);
  if (!current) return new Map();
  const dir = path.join(indexRoot, current);
  try {
    const manifest = IndexManifestSchema.parse(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), "utf8")));
    // Never mix vectors of two providers: another identity means embedding everything afresh.
    if (!sameIdentity(manifest.embeddings, provider.identity)) return new Map();
    // The offline vectors depend on segmentation, which the lexicon's whole words change.
    if (provider.identity.provider === "hashed" && manifest.lexiconHash !== lexiconHash) return new Map();
    return await readVectorCache(dir, provider.identity.dimension);
  } catch {
    return new Map();
  }
}

/** sha256 of every file below a directory, by relative path (the manifest itself excluded). */
export async function checksumTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || entry.name === MANIFEST_FILE) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full).split(path.sep).join("/")] = sha256(await readFile(full));
  }
  return out;
}

async function removeStaleBuilds(indexRoot: string): Promise<void> {
  for (const name of await readdir(indexRoot)) {
    if (name.startsWith(BUILD_PREFIX)) await rm(path.join(indexRoot, name), { recursive: true, force: true });
  }
}

async function pruneVersions(indexRoot: string, keep: string, previous: number): Promise<void> {
  const versions = (await readdir(indexRoot))
    .filter((n) => n.startsWith(VERSION_PREFIX) && n !== keep)
    .sort()
    .reverse();
  for (const old of versions.slice(previous)) await rm(path.join(indexRoot, old), { recursive: true, force: true });
}
