import { z } from "zod";

/** One cited measure or section; `units` and `path` exactly as the document writes them. */
export const CitationSchema = z.object({
  /** Record id, for "full text" and "related" look-ups. */
  id: z.string(),
  document: z.string(),
  path: z.array(z.string()),
  title: z.string(),
  units: z.array(z.string()),
  quote: z.string(),
});

export const QuestionKindSchema = z.enum([
  "topic",
  "who_handles",
  "unit_duties",
  "target",
  "general",
  "follow_up",
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
});

export type Citation = z.infer<typeof CitationSchema>;
export type Answer = z.infer<typeof AnswerSchema>;
export type QuestionKind = z.infer<typeof QuestionKindSchema>;

/** The previous turn of a conversation, so that "那找哪个部门？" resolves to what was discussed. */
export const AnswerContextSchema = z.object({
  previousQuestion: z.string().max(2000).optional(),
  previousCitationIds: z.array(z.string().max(200)).max(20).optional(),
});
export type AnswerContext = z.infer<typeof AnswerContextSchema>;

/** The context to send with the next question, taken from an answer. */
export function contextFrom(answer: Answer): AnswerContext {
  return { previousQuestion: answer.question, previousCitationIds: answer.citations.map((c) => c.id) };
}
