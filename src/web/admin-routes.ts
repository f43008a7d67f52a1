import { readFile } from "node:fs/promises";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { type Accounts, DisplayNameSchema, NewAccountSchema, PasswordSchema, RoleSchema } from "../app/accounts.js";
import { AliasesSchema, describeAliasChange, describeSynonymChange, readEditableLexicon, SynonymsSchema, writeAliases, writeSynonyms } from "../app/lexicon-edit.js";
import type { IngestSummary, PolicyService, Result } from "../app/types.js";
import type { Config } from "../config/index.js";
import { LOW_CONFIDENCE } from "../engine/confidence.js";
import { checkQuestion, normalizeQuestion } from "../engine/question-check.js";
import type { Logger } from "../log/index.js";
import type { QueryFilter } from "../store/types.js";
import { accountProblemResponse, publicAccount } from "./auth-routes.js";
import { requireRole, type AuthEnv, type Sessions } from "./auth.js";
import { EXPORT_MAX_ROWS, queriesCsv, queriesXlsx } from "./export.js";
import { friendlyFailure } from "./failure-messages.js";
import { namesOf } from "./public/labels.js";
import { apiError } from "./http-errors.js";
import { JobRunner, type Job } from "./jobs.js";
import { readJsonBody } from "./json-body.js";
import { checkFileName, PendingUploads, readUpload } from "./upload.js";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const QueryListSchema = z.object({
  filter: z.enum(["all", "out_of_scope", "low_confidence", "down", "up"]).default("all"),
  q: z.string().trim().max(100).optional(),
  from: Day.optional(),
  to: Day.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});
type QueryList = z.infer<typeof QueryListSchema>;

const AuditListSchema = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  from: Day.optional(),
  to: Day.optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(200),
});

/** A row id in a path (`/curated/:id`, `/accounts/:id`): a positive integer SQLite can hold. */
const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const idOf = (c: Context) => {
  const parsed = IdSchema.safeParse(c.req.param("id"));
  return parsed.success ? parsed.data : undefined;
};

const PublishSchema = z.object({ uploadId: z.string().uuid() });
const AccountChangeSchema = z.object({ displayName: DisplayNameSchema.optional(), role: RoleSchema.optional(), disabled: z.boolean().optional() });
const PasswordResetSchema = z.object({ password: PasswordSchema });

/** The start of a local day, as the ISO instant the log stores. */
const dayStart = (day: string, plusDays = 0) => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};

/** The store filter for the query log's controls; 低置信度 counts answered questions only, refusals are 超出范围. */
function queryFilterOf(list: QueryList): QueryFilter {
  const filter: QueryFilter = {};
  if (list.filter === "out_of_scope") filter.status = "out_of_scope";
  if (list.filter === "low_confidence") Object.assign(filter, { answeredOnly: true, maxConfidence: LOW_CONFIDENCE });
  if (list.filter === "down" || list.filter === "up") filter.feedback = list.filter;
  if (list.q) filter.text = list.q;
  if (list.from) filter.from = dayStart(list.from);
  if (list.to) filter.to = dayStart(list.to, 1);
  return filter;
}

/** A zod failure as Chinese lines naming the row, for the lexicon editor. */
function validationMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const [first, ...rest] = issue.path;
      const where = typeof first === "number" ? `第 ${first + 1} 行` : first !== undefined ? `“${String(first)}”` : "";
      const field = rest.includes("when") ? "（提问中的词）" : rest.includes("add") ? "（补充检索词）" : "";
      return `${where}${field}：${issue.message}`;
    })
    .join("；");
}

/** A download name any browser accepts: ASCII fallback plus the UTF-8 name (RFC 6266). */
const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * The admin JSON API under `/api/admin`, for admin accounts only (staff get
 * 403). Every change is written to the audit log under the person's username.
 */
export function adminRoutes(deps: { service: PolicyService; config: Config; logger: Logger; accounts: Accounts; sessions: Sessions }): Hono<AuthEnv> {
  const { service, config, logger, accounts, sessions } = deps;
  const jobs = new JobRunner(logger);
  const pending = new PendingUploads();
  const admin = new Hono<AuthEnv>();
  const CuratedSchema = z.object({
    // The same check as a question asked: a curated answer's question must be one that can be asked.
    question: z
      .string()
      .refine((q) => checkQuestion(q, config.MAX_QUESTION_CHARS).ok, "not a question that can be asked (empty, too long or no words)")
      .transform(normalizeQuestion),
    answer: z.string().trim().min(1).max(4000),
    recordId: z.string().min(1).max(200),
  });
  const jobView = (job: Job): Job => (job.error ? { ...job, error: friendlyFailure(job.error) } : job);

  admin.use("*", requireRole({ roles: ["admin"], sessions, audit: service.audit, logger }));

  // —— documents ——

  admin.get("/documents", (c) => c.json(service.documents()));

  admin.get("/documents/:file/original", async (c) => {
    const checked = checkFileName(c.req.param("file"));
    const file = checked.ok ? service.documentPath(checked.name) : undefined;
    if (!checked.ok || !file) return apiError(c, 404, "not_found", "语料中没有这个文件。", "No such document in the corpus.");
    const bytes = await readFile(file);
    service.audit(c.get("actor"), "document.download", checked.name);
    c.header("Content-Type", "application/octet-stream");
    c.header("Content-Disposition", attachment(checked.name));
    return c.body(new Uint8Array(bytes));
  });

  admin.post("/documents/preview", async (c) => {
    const upload = await readUpload(c, config.MAX_UPLOAD_BYTES);
    if (!upload.ok) {
      const { status, code, zh, en } = upload.problem;
      // The audit log is read by people: the reason in Chinese, not the API's code.
      service.audit(c.get("actor"), "document.preview.refused", zh);
      return apiError(c, status, code, zh, en);
    }
    const preview = await service.previewDocument(upload.name, upload.bytes);
    const uploaded = `${upload.name}（${upload.bytes.byteLength} 字节）`;
    if (!preview.ok) {
      const friendly = friendlyFailure(preview.error);
      service.audit(c.get("actor"), "document.preview", `${uploaded}，被拒：${friendly.message}`);
      logger.warn({ file: upload.name, code: preview.error.code, reason: preview.error.message }, "upload refused");
      return c.json(
        { error: { code: friendly.code, message: friendly.message, ...(friendly.file ? { file: friendly.file } : {}) } },
        preview.error.code === "too_large" ? 413 : 422,
      );
    }
    service.audit(c.get("actor"), "document.preview", uploaded);
    const uploadId = pending.add(upload.name, upload.bytes);
    return c.json({ uploadId, preview: preview.value });
  });

  admin.post("/documents/publish", async (c) => {
    const body = await readJsonBody(c, PublishSchema);
    if (!body.ok) return body.response;
    const upload = pending.take(body.value.uploadId);
    if (!upload) return apiError(c, 404, "not_found", "预览已过期，请重新上传。", "Unknown or expired upload; preview it again.");
    const actor = c.get("actor");
    const replaces = service.documents().some((d) => d.file === upload.name);
    const job = jobs.start("publish", upload.name, async (onProgress): Promise<Result<IngestSummary>> => {
      const result = await service.publishDocument(upload.name, upload.bytes, onProgress);
      if (!result.ok) return result;
      service.recordPublication({ file: upload.name, at: new Date().toISOString(), actor, bytes: upload.bytes.byteLength, replaces });
      return { ok: true, value: result.value.summary };
    });
    service.audit(actor, "document.publish", `${upload.name}${replaces ? "（新版本）" : ""}`);
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

  admin.get("/jobs", (c) => c.json(jobs.list().map(jobView)));

  admin.get("/jobs/:id", (c) => {
    const job = jobs.get(c.req.param("id"));
    return job ? c.json(jobView(job)) : apiError(c, 404, "not_found", "没有这个任务。", "No such job.");
  });

  // —— query log, exports, dashboard, hit test ——

  admin.get("/queries", (c) => {
    const parsed = QueryListSchema.safeParse(c.req.query());
    if (!parsed.success) return apiError(c, 400, "bad_request", "筛选条件不正确。", "Invalid filter.");
    const filter = queryFilterOf(parsed.data);
    return c.json({
      queries: service.queries({ ...filter, limit: parsed.data.limit, offset: parsed.data.offset }),
      total: service.countQueries(filter),
      stats: service.usageStats(),
    });
  });

  admin.get("/queries/export", async (c) => {
    const parsed = QueryListSchema.extend({ format: z.enum(["csv", "xlsx"]).default("csv") }).safeParse(c.req.query());
    if (!parsed.success) return apiError(c, 400, "bad_request", "筛选条件不正确。", "Invalid filter.");
    const { format, from, to } = parsed.data;
    const rows = service.queries({ ...queryFilterOf(parsed.data), limit: EXPORT_MAX_ROWS });
    const names = namesOf(service.accounts.list());
    const span = from || to ? `${from ?? "最早"} 至 ${to ?? "今天"}` : "全部";
    const name = `问答记录-${from ?? "all"}-${to ?? "now"}.${format}`;
    service.audit(c.get("actor"), "queries.export", `${format.toUpperCase()}，${rows.length} 条，${span}`);
    c.header("Content-Disposition", attachment(name));
    if (format === "csv") {
      c.header("Content-Type", "text/csv; charset=utf-8");
      return c.body(queriesCsv(rows, names));
    }
    c.header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return c.body((await queriesXlsx(rows, names, `问答记录（${span}，共 ${rows.length} 条）`)) as Uint8Array<ArrayBuffer>);
  });

  admin.get("/dashboard", (c) => {
    const parsed = z.object({ from: Day.optional(), to: Day.optional() }).safeParse(c.req.query());
    if (!parsed.success) return apiError(c, 400, "bad_request", "日期不正确。", "Invalid dates.");
    const { from, to } = parsed.data;
    return c.json({
      ...service.dashboard({ ...(from ? { from: dayStart(from) } : {}), ...(to ? { to: dayStart(to, 1) } : {}) }),
      lowConfidence: LOW_CONFIDENCE,
    });
  });

  admin.get("/hit-test", async (c) => {
    const checked = checkQuestion(c.req.query("q") ?? "", config.MAX_QUESTION_CHARS);
    if (!checked.ok) {
      const { problem } = checked;
      if (problem.reason === "too_long") return apiError(c, 400, "question_too_long", `问题过长，最多 ${problem.max} 个字。`, "Question too long.");
      return apiError(c, 400, "empty_question", "请输入有文字的问题。", "The question is empty or has no words.");
    }
    return c.json(await service.hitTest(checked.question));
  });

  // —— lexicon ——

  admin.get("/lexicon", async (c) => c.json(await readEditableLexicon(config.corpusDir)));

  admin.put("/lexicon/synonyms", async (c) => {
    const body = await readJsonBody(c, z.object({ synonyms: z.unknown() }));
    if (!body.ok) return body.response;
    const parsed = SynonymsSchema.safeParse(body.value.synonyms);
    if (!parsed.success) return apiError(c, 400, "invalid_lexicon", `同义词有误：${validationMessage(parsed.error)}`, "Invalid synonyms.");
    const before = await readEditableLexicon(config.corpusDir);
    await writeSynonyms(config.corpusDir, parsed.data);
    service.audit(c.get("actor"), "lexicon.synonyms", describeSynonymChange(before.synonyms, parsed.data));
    return c.json({ ok: true, synonyms: parsed.data.length });
  });

  admin.put("/lexicon/aliases", async (c) => {
    const body = await readJsonBody(c, z.object({ aliases: z.unknown() }));
    if (!body.ok) return body.response;
    const parsed = AliasesSchema.safeParse(body.value.aliases);
    if (!parsed.success) return apiError(c, 400, "invalid_lexicon", `单位别名有误：${validationMessage(parsed.error)}`, "Invalid aliases.");
    const before = await readEditableLexicon(config.corpusDir);
    await writeAliases(config.corpusDir, parsed.data);
    service.audit(c.get("actor"), "lexicon.aliases", describeAliasChange(before.aliases, parsed.data));
    return c.json({ ok: true, units: Object.keys(parsed.data).length });
  });

  // —— accounts ——

  admin.get("/accounts", (c) => c.json(accounts.list()));

  admin.post("/accounts", async (c) => {
    const body = await readJsonBody(c, NewAccountSchema);
    if (!body.ok) return body.response;
    const created = await accounts.create(body.value);
    if (!created.ok) return accountProblemResponse(c, created.problem);
    const a = created.account;
    service.audit(c.get("actor"), "account.create", `${a.displayName}（${a.username}），${a.role === "admin" ? "管理员" : "窗口人员"}`);
    return c.json(publicAccount(a), 201);
  });

  admin.patch("/accounts/:id", async (c) => {
    const id = idOf(c);
    if (id === undefined) return apiError(c, 400, "bad_request", "编号不正确。", "Invalid id.");
    const body = await readJsonBody(c, AccountChangeSchema);
    if (!body.ok) return body.response;
    const changed = accounts.update(id, body.value);
    if (!changed.ok) return accountProblemResponse(c, changed.problem);
    const a = changed.account;
    const action = body.value.disabled === true ? "account.disable" : body.value.disabled === false ? "account.enable" : "account.update";
    const parts = [body.value.displayName ? `姓名改为 ${a.displayName}` : "", body.value.role ? `角色改为 ${a.role === "admin" ? "管理员" : "窗口人员"}` : ""].filter(Boolean);
    service.audit(c.get("actor"), action, `${a.displayName}（${a.username}）${parts.length ? `：${parts.join("，")}` : ""}`);
    return c.json(a);
  });

  admin.post("/accounts/:id/password", async (c) => {
    const id = idOf(c);
    if (id === undefined) return apiError(c, 400, "bad_request", "编号不正确。", "Invalid id.");
    const body = await readJsonBody(c, PasswordResetSchema);
    if (!body.ok) return body.response;
    const reset = await accounts.resetPassword(id, body.value.password);
    if (!reset.ok) return accountProblemResponse(c, reset.problem);
    service.audit(c.get("actor"), "account.password_reset", `${reset.account.displayName}（${reset.account.username}）`);
    return c.json({ ok: true });
  });

  // —— curated answers ——

  admin.get("/curated", (c) => c.json(c.req.query("status") === "proposed" ? service.listProposals() : service.listCurated()));

  const curatedInput = async (c: Context<AuthEnv>) => {
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
    const created = service.createCurated({ ...input.value, author: c.get("actor") });
    service.audit(c.get("actor"), "curated.create", `#${created.id} ${created.question} → ${created.recordId}`);
    return c.json(created, 201);
  });

  admin.put("/curated/:id", async (c) => {
    const id = idOf(c);
    if (id === undefined) return apiError(c, 400, "bad_request", "编号不正确。", "Invalid id.");
    const input = await curatedInput(c);
    if (!input.ok) return input.response;
    const wasProposal = service.getCurated(id)?.status === "proposed";
    const updated = service.updateCurated(id, { ...input.value, author: c.get("actor") }, "active");
    if (!updated) return apiError(c, 404, "not_found", "没有这条精选答复。", "No such curated answer.");
    service.audit(c.get("actor"), wasProposal ? "curated.approve" : "curated.update", `#${id} ${updated.question} → ${updated.recordId}`);
    return c.json(updated);
  });

  admin.delete("/curated/:id", (c) => {
    const id = idOf(c);
    if (id === undefined) return apiError(c, 400, "bad_request", "编号不正确。", "Invalid id.");
    if (!service.removeCurated(id)) return apiError(c, 404, "not_found", "没有这条精选答复。", "No such curated answer.");
    service.audit(c.get("actor"), "curated.remove", `#${id}`);
    return c.json({ ok: true });
  });

  // —— audit ——

  admin.get("/audit", (c) => {
    const parsed = AuditListSchema.safeParse(c.req.query());
    if (!parsed.success) return apiError(c, 400, "bad_request", "筛选条件不正确。", "Invalid filter.");
    const { actor, action, from, to, limit } = parsed.data;
    return c.json(
      service.auditLog({
        limit,
        ...(actor ? { actor } : {}),
        ...(action ? { action } : {}),
        ...(from ? { from: dayStart(from) } : {}),
        ...(to ? { to: dayStart(to, 1) } : {}),
      }),
    );
  });

  return admin;
}
