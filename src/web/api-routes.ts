import { type Context, Hono } from "hono";
import { z } from "zod";
import type { PolicyService } from "../app/types.js";
import type { Config } from "../config/index.js";
import type { Logger } from "../log/index.js";
import { AnswerContextSchema } from "../engine/answer-schema.js";
import { LOW_CONFIDENCE } from "../engine/confidence.js";
import { checkQuestion, type QuestionProblem } from "../engine/question-check.js";
import { FEEDBACK_REASONS } from "../store/types.js";
import { requireRole, type AuthEnv, type Sessions } from "./auth.js";
import { apiError } from "./http-errors.js";
import { readJsonBody } from "./json-body.js";

const AskBodySchema = z.object({
  question: z.string(),
  context: AnswerContextSchema.optional(),
});

const FeedbackBodySchema = z.object({
  queryId: z.number().int().positive(),
  helpful: z.boolean(),
  /** With `helpful: false`: 答非所问 / 单位不对 / 已过时 / 其他. */
  reason: z.enum(FEEDBACK_REASONS).optional(),
  comment: z.string().trim().max(500).optional(),
});

/** The core's limits and thresholds the staff page shows or applies (`GET /api/config`). */
export interface ConsoleSettings {
  /** Longest question the core accepts, in characters as people count them. */
  maxQuestionChars: number;
  /** Below this confidence an answer is flagged for checking against the text. */
  lowConfidence: number;
}

/** A question the core's check refused, as the console shows it: 400 with a code per reason. */
export function questionRefused(c: Context, problem: QuestionProblem): Response {
  switch (problem.reason) {
    case "empty":
      return apiError(c, 400, "empty_question", "请输入问题。", "The question is empty.");
    case "too_long":
      return apiError(c, 400, "question_too_long", `问题过长（${problem.length} 字），最多 ${problem.max} 个字。`, `Question too long: at most ${problem.max} characters.`);
    case "no_words":
      return apiError(c, 400, "question_without_words", "没有看懂这个问题，请用文字描述要查的政策。", "The question has no letters or digits.");
  }
}

/**
 * The staff-facing JSON API: ask, feedback, outline, units, records,
 * example questions, the console's settings, for a signed-in staff or admin
 * account (401 otherwise); and health, open to monitoring.
 * `POST /api/ask` answers with the engine's `Answer` unchanged (the same
 * contract as `ask --json`), logs the question under the person's username,
 * and puts the query-log id in `X-Query-Id` and the unit the question names,
 * if one, in `X-Asked-Unit` (percent-encoded).
 */
export function apiRoutes(deps: { service: PolicyService; config: Config; logger: Logger; sessions: Sessions }): Hono<AuthEnv> {
  const { service, config, logger, sessions } = deps;
  const api = new Hono<AuthEnv>();
  /** The console's own routes: a window worker or an admin, signed in. */
  const signedIn = requireRole({ roles: ["staff", "admin"], sessions, audit: service.audit, logger });

  api.post("/ask", signedIn, async (c) => {
    const body = await readJsonBody(c, AskBodySchema);
    if (!body.ok) return body.response;
    const checked = checkQuestion(body.value.question, config.MAX_QUESTION_CHARS);
    if (!checked.ok) return questionRefused(c, checked.problem);
    const { answer, queryId } = await service.ask(checked.question, {
      channel: "web",
      userRef: c.get("actor"),
      ...(body.value.context ? { context: body.value.context } : {}),
    });
    // No id when the query log could not record the answer: the console then offers no feedback.
    if (queryId > 0) c.header("X-Query-Id", String(queryId));
    // The responsible unit the question names (by name or alias), for the page to mark among the answer's units.
    const named = service.unit(checked.question)?.entry.name;
    if (named) c.header("X-Asked-Unit", encodeURIComponent(named));
    return c.json(answer);
  });

  // Feedback on an answer the person was given on the console, recorded under their name.
  api.post("/feedback", signedIn, async (c) => {
    const body = await readJsonBody(c, FeedbackBodySchema);
    if (!body.ok) return body.response;
    const { queryId, helpful, reason, comment } = body.value;
    const actor = c.get("actor");
    const asked = service.queries({ id: queryId, limit: 1 })[0];
    if (!asked || asked.askedBy !== actor || !service.feedback(queryId, helpful, { by: actor, ...(reason ? { reason } : {}), ...(comment ? { comment } : {}) })) {
      return apiError(c, 404, "not_found", "找不到这条问答记录。", "No such query among this account's questions.");
    }
    return c.json({ ok: true });
  });

  api.get("/outline", signedIn, (c) => c.json(service.outline()));

  api.get("/units", signedIn, (c) => c.json(service.units()));

  api.get("/units/:name", signedIn, (c) => {
    const found = service.unit(c.req.param("name"));
    if (!found) return apiError(c, 404, "not_found", "文件中没有这个责任单位。", "No such responsible unit.");
    return c.json(found);
  });

  api.get("/records/:id", signedIn, (c) => {
    const id = c.req.param("id");
    const record = service.record(id);
    if (!record) return apiError(c, 404, "not_found", "找不到这条措施。", "No such record.");
    return c.json({ record, related: service.related(id, 5) });
  });

  api.get("/examples", signedIn, (c) => c.json(service.exampleQuestions()));

  /** What the staff page needs to know about the core's rules, so that it hard-codes none of them. */
  api.get("/config", signedIn, (c) => c.json({ maxQuestionChars: config.MAX_QUESTION_CHARS, lowConfidence: LOW_CONFIDENCE } satisfies ConsoleSettings));

  // Open, for monitoring; it renews no session, so the page's polling does not keep an idle sign-in alive.
  // 503 while the database cannot be written, so monitoring notices; the body says what still works.
  api.get("/health", (c) => {
    const health = service.health();
    return c.json(health, health.store.ok ? 200 : 503);
  });

  return api;
}
