import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { LexiconSchema, UnitAliasesSchema, type Lexicon, type UnitAliases } from "../corpus/lexicon.js";
import type { PolicyDocument, PolicyRecord } from "../corpus/types.js";
import { checksumTree } from "./build.js";
import type { Chunk } from "./chunks.js";
import { describeIdentity, sameIdentity, type EmbeddingsIdentity, type EmbeddingsProvider } from "./embeddings/types.js";
import { LexicalIndex, type LexicalIndexData } from "./lexical.js";
import { FILES, readCurrentVersion } from "./layout.js";
import { IndexManifestSchema, MANIFEST_FILE, type IndexManifest } from "./manifest.js";
import { Tokenizer } from "./tokenizer.js";

/** A complete index version in memory, ready for retrieval. */
export interface LoadedIndex {
  dir: string;
  manifest: IndexManifest;
  documents: PolicyDocument[];
  records: PolicyRecord[];
  chunks: Chunk[];
  lexical: LexicalIndex;
  lexicon: Lexicon;
  aliases: UnitAliases;
  tokenizer: Tokenizer;
  provider: EmbeddingsProvider;
  vectors: HNSWLib;
}

export type LoadProblem = "missing" | "corrupt" | "provider_mismatch";
export type LoadResult = { ok: true; index: LoadedIndex } | { ok: false; problem: LoadProblem; message: string };

/**
 * Loads the serving version named by CURRENT. Reports, rather than throws,
 * an index that is missing, corrupt (a file missing, altered or unreadable,
 * checked against the manifest's checksums) or built with another
 * embeddings provider than the one configured.
 */
export async function loadIndex(
  indexRoot: string,
  expected: Omit<EmbeddingsIdentity, "dimension"> & { dimension: number },
  makeProvider: (tokenizer: Tokenizer) => EmbeddingsProvider,
): Promise<LoadResult> {
  const version = await readCurrentVersion(indexRoot);
  if (!version) return { ok: false, problem: "missing", message: `no index in ${indexRoot}` };
  const dir = path.join(indexRoot, version);
  try {
    const manifest = IndexManifestSchema.parse(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), "utf8")));
    if (!sameIdentity(manifest.embeddings, expected)) {
      return {
        ok: false,
        problem: "provider_mismatch",
        message: `the index holds ${describeIdentity(manifest.embeddings)} vectors but ${describeIdentity(expected)} is configured; vectors of two providers are never mixed, so the index must be rebuilt`,
      };
    }
    const actual = await checksumTree(dir);
    for (const [file, hash] of Object.entries(manifest.checksums)) {
      if (actual[file] !== hash) return { ok: false, problem: "corrupt", message: `${version}/${file} is ${actual[file] ? "altered" : "missing"}` };
    }
    const read = async (name: string) => JSON.parse(await readFile(path.join(dir, name), "utf8")) as unknown;
    const documents = (await read(FILES.documents)) as PolicyDocument[];
    const chunks = z.array(z.object({ id: z.string(), recordId: z.string(), title: z.string(), context: z.string(), text: z.string() })).parse(await read(FILES.chunks));
    const lexical = LexicalIndex.fromJSON((await read(FILES.lexical)) as LexicalIndexData);
    const lexicon = LexiconSchema.parse(await read(FILES.lexicon));
    const aliases = UnitAliasesSchema.parse(await read(FILES.aliases));
    const tokenizer = new Tokenizer(lexicon);
    const provider = makeProvider(tokenizer);
    provider.useStatistics?.((key) => lexical.documentFrequency(key), lexical.size);
    const vectors = await HNSWLib.load(path.join(dir, FILES.hnswDir), provider.embeddings);
    if (lexical.size !== chunks.length) return { ok: false, problem: "corrupt", message: `${version}: lexical index and chunks disagree` };
    return { ok: true, index: { dir, manifest, documents, records: documents.flatMap((d) => d.records), chunks, lexical, lexicon, aliases, tokenizer, provider, vectors } };
  } catch (error) {
    return { ok: false, problem: "corrupt", message: `${version}: ${(error as Error).message}` };
  }
}
