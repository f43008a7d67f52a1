import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { DOCUMENTS_FILE } from "./document-meta.js";

/** The kinds of small talk a message can be instead of a question. */
export const SMALL_TALK_KINDS = ["greeting", "thanks", "human", "farewell"] as const;
export const SmallTalkKindSchema = z.enum(SMALL_TALK_KINDS);
export type SmallTalkKind = z.infer<typeof SmallTalkKindSchema>;

export const NearTopicTrapSchema = z.object({
  topic: z.string().min(1),
  when: z.array(z.string().min(1)).min(1),
  unless: z.array(z.string().min(1)).default([]),
  whereToAsk: z.string().min(1),
});
export type NearTopicTrap = z.infer<typeof NearTopicTrapSchema>;

/** When a question holds any word of `when` (`A+B`: both words, anywhere in it), the words of `add` are searched too. */
const SynonymGroupSchema = z.object({ when: z.array(z.string().min(1)).min(1), add: z.array(z.string().min(1)).min(1) });
export type SynonymGroup = z.infer<typeof SynonymGroupSchema>;

/** The domain lexicon admins edit in `corpus/lexicon.json`. */
export const LexiconSchema = z.object({
  keepWhole: z.array(z.string().min(1)).default([]),
  synonyms: z.array(SynonymGroupSchema).default([]),
  domainTerms: z.array(z.string().min(1)).default([]),
  /**
   * Phrases that on their own tell an IP situation in an enterprise's words (照抄, 抢注, 琢磨出): a message
   * holding one is in scope however short it is; the synonyms say what it is about.
   */
  situations: z.array(z.string().min(1)).default([]),
  /**
   * An IP situation told in parts: a message naming something the enterprise made or owns (`things`: 花纹, 配方,
   * 短视频) together with what happened to it or what it wants done (`happenings`: 被扒了, 带走, 想登记) is in
   * scope, and both groups' `add` words are searched (the thing says which right, the happening which measure).
   */
  frames: z.object({ things: z.array(SynonymGroupSchema).default([]), happenings: z.array(SynonymGroupSchema).default([]) }).default({}),
  stopwords: z.array(z.string().min(1)).default([]),
  /** Topics that are not IP policy (天气, 个税, 门票 …): a question about one is refused unless it also names an IP topic. */
  outOfScope: z.array(z.string().min(1)).default([]),
  /** Small talk (greetings, thanks, asking for a person, goodbyes): the phrases of each kind and the short friendly reply it gets. */
  smallTalk: z.record(SmallTalkKindSchema, z.object({ phrases: z.array(z.string().min(1)).default([]), reply: z.string().min(1) })).optional(),
  /** Words that may surround small talk without making it a question (我, 想, 请, 一下 …). */
  smallTalkFillers: z.array(z.string().min(1)).optional(),
  /**
   * Questions whose subject is not IP even when they name an IP word or a
   * unit (a labour dispute, a tax, a business licence, one case's progress):
   * `when` phrases (`A+B`: both words), `unless` words that make it an IP
   * question after all, and where such questions go, by name only.
   */
  nearTopicTraps: z.array(NearTopicTrapSchema).optional(),
  /** The one-line English note put before the (Chinese) answer to a question written in English. */
  englishNote: z.string().min(1).optional(),
  /** Example questions admins choose for /start, the console and refusals; the engine adds one for each further document. */
  examples: z.array(z.string().min(2).max(60)).default([]),
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
