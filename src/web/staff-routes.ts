import { Hono } from "hono";
import { z } from "zod";
import type { PolicyService } from "../app/types.js";
import type { Config } from "../config/index.js";
import type { Logger } from "../log/index.js";
import { requireRole, type AuthEnv, type Sessions } from "./auth.js";
import { apiError } from "./http-errors.js";
import { readJsonBody } from "./json-body.js";

/**
 * What a signed-in window worker may do beyond asking: propose a curated
 * answer, which waits in the admin page's 精选答复 tab until an admin adopts it.
 */
export function staffRoutes(deps: { service: PolicyService; config: Config; logger: Logger; sessions: Sessions }): Hono<AuthEnv> {
  const { service, config, logger, sessions } = deps;
  const staff = new Hono<AuthEnv>();
  const ProposalSchema = z.object({
    question: z.string().trim().min(1).max(config.MAX_QUESTION_CHARS),
    answer: z.string().trim().min(1).max(4000),
    recordId: z.string().min(1).max(200),
  });

  staff.use("*", requireRole({ roles: ["staff", "admin"], sessions, audit: service.audit, logger }));

  staff.post("/proposals", async (c) => {
    const body = await readJsonBody(c, ProposalSchema);
    if (!body.ok) return body.response;
    if (!service.record(body.value.recordId)) return apiError(c, 400, "unknown_record", "关联的措施不存在。", "The linked record does not exist.");
    const created = service.createCurated({ ...body.value, author: c.get("actor") }, "proposed");
    service.audit(c.get("actor"), "curated.propose", `#${created.id} ${created.question} → ${created.recordId}`);
    return c.json(created, 201);
  });

  return staff;
}
