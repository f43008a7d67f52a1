import { Hono, type Context } from "hono";
import { z } from "zod";
import type { IngestSummary, PolicyService, Result } from "../app/types.js";
import type { Config } from "../config/index.js";
import { LOW_CONFIDENCE } from "../engine/confidence.js";
import { checkQuestion, normalizeQuestion } from "../engine/question-check.js";
import type { Logger } from "../log/index.js";
import type { QueryFilter } from "../store/types.js";
import { requireAdmin, type AdminEnv } from "./admin-auth.js";
import { apiError, failureResponse } from "./http-errors.js";
import { JobRunner } from "./jobs.js";
import { readJsonBody } from "./json-body.js";
import { checkFileName, PendingUploads, readUpload } from "./upload.js";

const QueryListSchema = z.object({
  filter: z.enum(["all", "out_of_scope", "low_confidence", "down", "up"]).default("all"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});

const AuditListSchema = z.object({ limit: z.coerce.number().int().min(1).max(2000).default(200) });

/** A row id in a path (`/curated/:id`): a positive integer SQLite can hold. */
const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const PublishSchema = z.object({ uploadId: z.string().uuid() });

/**
 * The admin JSON API under `/api/admin`, all behind the bearer token. Every
 * change (publish, remove, re-index, curated answers) and every login is
 * written to the audit log with the acting address.
 */
export function adminRoutes(deps: { service: PolicyService; config: Config; logger: Logger }): Hono<AdminEnv> {
  const { service, config, logger } = deps;
  const jobs = new JobRunner(logger);
  const pending = new PendingUploads();
  const admin = new Hono<AdminEnv>();
  const CuratedSchema = z.object({
    // The same check as a question asked: a curated answer's question must be one that can be asked.
    question: z
      .string()
      .refine((q) => checkQuestion(q, config.MAX_QUESTION_CHARS).ok, "not a question that can be asked (empty, too long or no words)")
      .transform(normalizeQuestion),
    answer: z.string().trim().min(1).max(4000),
    recordId: z.string().min(1).max(200),
  });

  admin.use("*", requireAdmin({ token: config.ADMIN_TOKEN, logger, audit: service.audit }));

  admin.get("/session", (c) => {
    service.audit(c.get("actor"), "login", "");
    return c.json({ ok: true });
  });

  admin.get("/documents", (c) => c.json(service.documents()));

  admin.post("/documents/preview", async (c) => {
    const upload = await readUpload(c, config.MAX_UPLOAD_BYTES);
    if (!upload.ok) {
      const { status, code, zh, en } = upload.problem;
      service.audit(c.get("actor"), "document.preview.refused", `${code}`);
      return apiError(c, status, code, zh, en);
    }
    const preview = await service.previewDocument(upload.name, upload.bytes);
    service.audit(c.get("actor"), "document.preview", `${upload.name} (${upload.bytes.byteLength} bytes)${preview.ok ? "" : ` → ${preview.error.code}`}`);
    if (!preview.ok) return failureResponse(c, preview.error);
    const uploadId = pending.add(upload.name, upload.bytes);
    return c.json({ uploadId, preview: preview.value });
  });

  admin.post("/documents/publish", async (c) => {
    const body = await readJsonBody(c, PublishSchema);
    if (!body.ok) return body.response;
    const upload = pending.take(body.value.uploadId);
    if (!upload) return apiError(c, 404, "not_found", "预览已过期，请重新上传。", "Unknown or expired upload; preview it again.");
    const job = jobs.start("publish", upload.name, async (onProgress): Promise<Result<IngestSummary>> => {
      const result = await service.publishDocument(upload.name, upload.bytes, onProgress);
      return result.ok ? { ok: true, value: result.value.summary } : result;
    });
    service.audit(c.get("actor"), "document.publish", upload.name);
    return c.json(job, 202);
  });

  admin.delete("/documents/:file", (c) => {
    const checked = checkFileName(c.req.param("file"));
    if (!checked.ok) return apiError(c, checked.problem.status, checked.problem.code, checked.problem.zh, checked.problem.en);
    if (!service.documents().some((d) => d.file === checked.name)) {
      return apiError(c, 404, "not_found", "语料中没有这个文件。", "No such document in the corpus.");
    }
    const job = jobs.start("remove", checked.name, () => service.removeDocument(checked.name));
    service.audit(c.get("actor"), "document.remove", checked.name);
    return c.json(job, 202);
  });

  admin.post("/reindex", (c) => {
    const job = jobs.start("reindex", undefined, (onProgress) => service.reload(onProgress));
    service.audit(c.get("actor"), "reindex", "");
    return c.json(job, 202);
  });

  admin.get("/jobs", (c) => c.json(jobs.list()));

  admin.get("/jobs/:id", (c) => {
    const job = jobs.get(c.req.param("id"));
    return job ? c.json(job) : apiError(c, 404, "not_found", "没有这个任务。", "No such job.");
  });

  admin.get("/queries", (c) => {
    const parsed = QueryListSchema.safeParse(c.req.query());
    if (!parsed.success) return apiError(c, 400, "bad_request", "筛选条件不正确（limit 1–500，offset 为非负整数）。", "Invalid filter, limit (1–500) or offset.");
    const { filter, limit, offset } = parsed.data;
    const query: QueryFilter = { limit, offset };
    if (filter === "out_of_scope") query.status = "out_of_scope";
    if (filter === "low_confidence") query.maxConfidence = LOW_CONFIDENCE;
    if (filter === "down" || filter === "up") query.feedback = filter;
    return c.json({ queries: service.queries(query), stats: service.usageStats() });
  });

  admin.get("/curated", (c) => c.json(service.listCurated()));

  const curatedInput = async (c: Context<AdminEnv>) => {
    const body = await readJsonBody(c, CuratedSchema);
    if (!body.ok) return body;
    if (!service.record(body.value.recordId)) {
      return { ok: false as const, response: apiError(c, 400, "unknown_record", "关联的措施不存在。", "The linked record does not exist.") };
    }
    return body;
  };

  admin.post("/curated", async (c) => {
    const input = await curatedInput(c);
    if (!input.ok) return input.response;
    const created = service.createCurated(input.value);
    service.audit(c.get("actor"), "curated.create", `#${created.id} ${created.question} → ${created.recordId}`);
    return c.json(created, 201);
  });

  admin.put("/curated/:id", async (c) => {
    const parsed = IdSchema.safeParse(c.req.param("id"));
    if (!parsed.success) return apiError(c, 400, "bad_request", "编号不正确。", "Invalid id.");
    const id = parsed.data;
    const input = await curatedInput(c);
    if (!input.ok) return input.response;
    const updated = service.updateCurated(id, input.value);
    if (!updated) return apiError(c, 404, "not_found", "没有这条精选答复。", "No such curated answer.");
    service.audit(c.get("actor"), "curated.update", `#${id} ${updated.question} → ${updated.recordId}`);
    return c.json(updated);
  });

  admin.delete("/curated/:id", (c) => {
    const parsed = IdSchema.safeParse(c.req.param("id"));
    if (!parsed.success) return apiError(c, 400, "bad_request", "编号不正确。", "Invalid id.");
    const id = parsed.data;
    if (!service.removeCurated(id)) return apiError(c, 404, "not_found", "没有这条精选答复。", "No such curated answer.");
    service.audit(c.get("actor"), "curated.remove", `#${id}`);
    return c.json({ ok: true });
  });

  admin.get("/audit", (c) => {
    const parsed = AuditListSchema.safeParse(c.req.query());
    if (!parsed.success) return apiError(c, 400, "bad_request", "条数不正确（1–2000）。", "Invalid limit (1–2000).");
    return c.json(service.auditLog(parsed.data.limit));
  });

  return admin;
}
