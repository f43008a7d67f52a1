import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { DOCUMENTS_FILE } from "./document-meta.js";

/** The domain lexicon admins edit in `corpus/lexicon.json`. */
export const LexiconSchema = z.object({
  keepWhole: z.array(z.string().min(1)).default([]),
  synonyms: z.array(z.object({ when: z.array(z.string().min(1)).min(1), add: z.array(z.string().min(1)).min(1) })).default([]),
  domainTerms: z.array(z.string().min(1)).default([]),
  stopwords: z.array(z.string().min(1)).default([]),
  /** Topics that are not IP policy (天气, 个税, 门票 …): a question about one is refused unless it also names an IP topic. */
  outOfScope: z.array(z.string().min(1)).default([]),
});
export type Lexicon = z.infer<typeof LexiconSchema>;

/** Alias → the unit name the documents use, from `corpus/unit-aliases.json`. */
export const UnitAliasesSchema = z.object({ aliases: z.record(z.string(), z.array(z.string().min(1))).default({}) });
export type UnitAliases = z.infer<typeof UnitAliasesSchema>;

export const LEXICON_FILE = "lexicon.json";
export const UNIT_ALIASES_FILE = "unit-aliases.json";

/** Data files in the corpus folder that are not documents. */
export const DATA_FILES = [LEXICON_FILE, UNIT_ALIASES_FILE, DOCUMENTS_FILE];

/** Reads and validates a JSON data file; a missing file is the schema's default, a malformed one an error naming the file. */
async function readJson<T>(file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): Promise<T> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch {
    return schema.parse({});
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new Error(`${path.basename(file)} is not valid JSON: ${(cause as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${path.basename(file)} is malformed: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

export function readLexicon(corpusDir: string): Promise<Lexicon> {
  return readJson(path.join(corpusDir, LEXICON_FILE), LexiconSchema);
}

export function readUnitAliases(corpusDir: string): Promise<UnitAliases> {
  return readJson(path.join(corpusDir, UNIT_ALIASES_FILE), UnitAliasesSchema);
}
