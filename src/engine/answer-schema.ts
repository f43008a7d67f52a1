import { z } from "zod";

export const DocumentLevelSchema = z.enum(["national", "provincial", "municipal", "county", "unknown"]);
export const DocumentStatusSchema = z.enum(["draft", "official", "repealed"]);

/** One cited measure or section; `units` and `path` exactly as the document writes them. */
export const CitationSchema = z.object({
  /** Record id, for "full text" and "related" look-ups. */
  id: z.string(),
  document: z.string(),
  path: z.array(z.string()),
  title: z.string(),
  /** Every responsible unit, as written, lead units first. */
  units: z.array(z.string()),
  quote: z.string(),
  /** The document's short name (its title without status marks), for lists. */
  documentShort: z.string().default(""),
  level: DocumentLevelSchema.default("unknown"),
  status: DocumentStatusSchema.default("official"),
  /** Where the text names 牵头单位 (or one unit leads): those units; empty when it does not distinguish. */
  leadUnits: z.array(z.string()).default([]),
  /** 配合单位, where the text names them. */
  supportUnits: z.array(z.string()).default([]),
  /** False when the text ends its list with 等: the units named are not all of them. */
  unitsComplete: z.boolean().default(true),
  /** How to cite it in a sentence: 《泰安市专利资助办法》第八条. */
  citeAs: z.string().default(""),
});

/** A responsible unit with its role where the text gives one. */
export const AnswerUnitSchema = z.object({ name: z.string(), role: z.enum(["lead", "support", "responsible"]) });

/** A record mentioned alongside the answer: a related measure, a higher-level policy, or the text that gives a detail. */
export const RecordRefSchema = z.object({
  id: z.string(),
  title: z.string(),
  citeAs: z.string(),
  units: z.array(z.string()),
  level: DocumentLevelSchema,
  /** Why it is mentioned: `related` (same topic), `higher` (上级政策), `detail` (gives what the first record does not). */
  why: z.enum(["related", "higher", "detail"]),
  /** For `detail`: the sentences that give it. */
  quote: z.string().optional(),
});

/**
 * The parts of an answer, derived once in the engine, so that adapters lay
 * them out without reading the prose: each fact is in exactly one part.
 */
export const AnswerPartsSchema = z.object({
  /** The first line: what the answer is about and where it stands (no units, no quote). */
  lead: z.string(),
  /** Where the first citation stands: 《document》 heading › heading, as written. */
  place: z.string().optional(),
  /** A short version to read aloud or send as a text message: who to contact and where it is written, no quote. */
  spoken: z.string().default(""),
  /** The sentences quoted from the first citation, in the text's order. */
  quotes: z.array(z.string()).default([]),
  units: z.array(AnswerUnitSchema).default([]),
  unitsComplete: z.boolean().default(true),
  /** What no retrieved text gives (an amount, a deadline …) and whom to ask, or absent. */
  notSpecified: z.string().optional(),
  /** Records of other documents that give the detail asked for, the related measures and higher-level policies. */
  refs: z.array(RecordRefSchema).default([]),
  /** Present when a cited record comes from a draft for comment. */
  draftNote: z.string().optional(),
  /** How a misspelt or abbreviated question was understood (按「专利质押贷款」理解). */
  understoodAs: z.string().optional(),
  /** For a refusal or a question back: why, and what can be asked instead. */
  refusal: z.object({ reason: z.string(), examples: z.array(z.string()) }).optional(),
  /** For a message of several questions: each question's own answer, in order. */
  sections: z.array(z.object({ question: z.string(), answer: z.string(), status: z.enum(["answered", "out_of_scope"]), citationIds: z.array(z.string()) })).optional(),
  /**
   * For a question back (kind `clarify`): the two or three closest measures, best first.
   * Choosing one asks the same question again with `context.chosenRecordId` set to its id.
   */
  choices: z.array(z.object({ id: z.string(), title: z.string(), citeAs: z.string(), documentShort: z.string() })).optional(),
  /** For "what does unit Y handle": the records, in the documents' order, with the unit's role in each. */
  listing: z.array(z.object({ id: z.string(), title: z.string(), citeAs: z.string(), role: z.enum(["lead", "support", "responsible"]) })).optional(),
});

export const QuestionKindSchema = z.enum([
  "topic",
  "who_handles",
  "unit_duties",
  "target",
  "general",
  "follow_up",
  /** Greetings, thanks, a request for a person: a short friendly reply, no measure. */
  "small_talk",
  /** The best measures are too close to call: the answer asks back which one is meant. */
  "clarify",
  /** Several questions in one message, each answered in its own section. */
  "multi",
  "out_of_scope",
  "invalid",
]);

/**
 * The answer contract shared by `ask --json`, the HTTP API, the bot and the
 * tests (see shared/eval/README.md). `status`, `answer` and `citations` are
 * the contract; the rest tells adapters how the answer came about.
 */
export const AnswerSchema = z.object({
  question: z.string(),
  status: z.enum(["answered", "out_of_scope"]),
  answer: z.string(),
  citations: z.array(CitationSchema),
  kind: QuestionKindSchema,
  /** 0–1: how well the best record matched; low values are worth an admin's look. */
  confidence: z.number().min(0).max(1),
  /** Who wrote `answer`: the extractive engine, a curated answer, or a verified LLM reply. */
  source: z.enum(["engine", "curated", "llm"]),
  parts: AnswerPartsSchema,
});

export type Citation = z.infer<typeof CitationSchema>;
export type AnswerParts = z.infer<typeof AnswerPartsSchema>;
export type AnswerUnit = z.infer<typeof AnswerUnitSchema>;
export type RecordRef = z.infer<typeof RecordRefSchema>;
export type Answer = z.infer<typeof AnswerSchema>;
export type QuestionKind = z.infer<typeof QuestionKindSchema>;

/** The previous turn of a conversation, so that "那找哪个部门？" resolves to what was discussed. */
export const AnswerContextSchema = z.object({
  previousQuestion: z.string().max(2000).optional(),
  previousCitationIds: z.array(z.string().max(200)).max(20).optional(),
  /** The measure the user picked from a question back (`parts.choices`): answer the question from it. */
  chosenRecordId: z.string().max(200).optional(),
});
export type AnswerContext = z.infer<typeof AnswerContextSchema>;

/** The context to send with the next question, taken from an answer. */
export function contextFrom(answer: Answer): AnswerContext {
  return { previousQuestion: answer.question, previousCitationIds: answer.citations.map((c) => c.id) };
}
