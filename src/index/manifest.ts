import { z } from "zod";

/** Written last into an index version: what it was built from and the checksums that prove it whole. */
/** Bumped when what an index version holds changes shape; an older version is rebuilt on load. */
export const INDEX_FORMAT_VERSION = 6;

export const IndexManifestSchema = z.object({
  formatVersion: z.literal(INDEX_FORMAT_VERSION),
  version: z.string(),
  builtAt: z.string(),
  embeddings: z.object({ provider: z.enum(["hashed", "openai"]), model: z.string(), dimension: z.number().int().positive() }),
  corpus: z.array(z.object({ file: z.string(), sha256: z.string(), title: z.string(), records: z.number().int() })),
  dataFiles: z.record(z.string(), z.string()),
  /** Hash of the lexicon as parsed: segmentation, and so the offline vectors, depend on it. */
  lexiconHash: z.string(),
  counts: z.object({
    documents: z.number().int(),
    measures: z.number().int(),
    sections: z.number().int(),
    tables: z.number().int(),
    units: z.number().int(),
    chunks: z.number().int(),
    embedded: z.number().int(),
    reused: z.number().int(),
  }),
  /** sha256 of every file of the version, by relative path. */
  checksums: z.record(z.string(), z.string()),
  buildSeconds: z.number(),
});
export type IndexManifest = z.infer<typeof IndexManifestSchema>;

export const MANIFEST_FILE = "manifest.json";
