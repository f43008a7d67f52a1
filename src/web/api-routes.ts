import { Hono } from "hono";
import { z } from "zod";
import type { PolicyService } from "../app/types.js";
import type { Config } from "../config/index.js";
import { AnswerContextSchema } from "../engine/answer-schema.js";
import { LOW_CONFIDENCE } from "../engine/confidence.js";
import { apiError } from "./http-errors.js";
import { readJsonBody } from "./json-body.js";

const AskBodySchema = z.object({
  question: z.string(),
  context: AnswerContextSchema.optional(),
});

const FeedbackBodySchema = z.object({
  queryId: z.number().int().positive(),
  helpful: z.boolean(),
});

/** The core's limits and thresholds the staff page shows or applies (`GET /api/config`). */
export interface ConsoleSettings {
  /** Longest question the core accepts, in characters as people count them. */
  maxQuestionChars: number;
  /** Below this confidence an answer is flagged for checking against the text. */
  lowConfidence: number;
}

/** Counts characters as people do (a CJK character or an emoji is one). */
const charCount = (text: string) => [...text].length;

/**
 * The staff-facing JSON API: ask, feedback, outline, units, records,
 * example questions, health, the console's settings.
 * `POST /api/ask` answers with the engine's `Answer` unchanged (the same
 * contract as `ask --json`) and puts the query-log id in `X-Query-Id`.
 */
export function apiRoutes(service: PolicyService, config: Config): Hono {
  const api = new Hono();

  api.post("/ask", async (c) => {
    const body = await readJsonBody(c, AskBodySchema);
    if (!body.ok) return body.response;
    const question = body.value.question.trim();
    if (!question) return apiError(c, 400, "empty_question", "请输入问题。", "The question is empty.");
    if (charCount(question) > config.MAX_QUESTION_CHARS) {
      return apiError(
        c,
        400,
        "question_too_long",
        `问题过长，最多 ${config.MAX_QUESTION_CHARS} 个字。`,
        `Question too long: at most ${config.MAX_QUESTION_CHARS} characters.`,
      );
    }
    const { answer, queryId } = await service.ask(question, {
      channel: "web",
      userRef: "console",
      ...(body.value.context ? { context: body.value.context } : {}),
    });
    c.header("X-Query-Id", String(queryId));
    return c.json(answer);
  });

  api.post("/feedback", async (c) => {
    const body = await readJsonBody(c, FeedbackBodySchema);
    if (!body.ok) return body.response;
    if (!service.feedback(body.value.queryId, body.value.helpful)) {
      return apiError(c, 404, "not_found", "找不到这条问答记录。", "No such query.");
    }
    return c.json({ ok: true });
  });

  api.get("/outline", (c) => c.json(service.outline()));

  api.get("/units", (c) => c.json(service.units()));

  api.get("/units/:name", (c) => {
    const found = service.unit(c.req.param("name"));
    if (!found) return apiError(c, 404, "not_found", "文件中没有这个责任单位。", "No such responsible unit.");
    return c.json(found);
  });

  api.get("/records/:id", (c) => {
    const id = c.req.param("id");
    const record = service.record(id);
    if (!record) return apiError(c, 404, "not_found", "找不到这条措施。", "No such record.");
    return c.json({ record, related: service.related(id, 5) });
  });

  api.get("/examples", (c) => c.json(service.exampleQuestions()));

  api.get("/health", (c) => c.json(service.health()));

  /** What the staff page needs to know about the core's rules, so that it hard-codes none of them. */
  api.get("/config", (c) => c.json({ maxQuestionChars: config.MAX_QUESTION_CHARS, lowConfidence: LOW_CONFIDENCE } satisfies ConsoleSettings));

  return api;
}
