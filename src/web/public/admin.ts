import { READABLE_EXTENSIONS } from "../../corpus/upload-policy.js";
import type { DocumentOutline, DocumentPreview, DocumentSummary } from "../../app/types.js";
import type { AuditEntry, CuratedAnswer, QueryLogEntry, UsageStats } from "../../store/types.js";
import type { Job } from "../jobs.js";
import { ApiError, byId, el, fetchJson, replace, shortTime } from "./dom.js";
import { outlineTree, recordChoices } from "./outline-tree.js";

/** The admin page: corpus documents, upload-preview-publish, re-index, query log, curated answers, audit log. */

const TOKEN_KEY = "ipbot.adminToken";
let token = sessionStorage.getItem(TOKEN_KEY) ?? "";
let recordLabels = new Map<string, string>();
let editingCurated: number | undefined;

/** Calls the admin API with the bearer token; a 401 logs out. */
async function admin<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token}`);
  try {
    const { data } = await fetchJson<T>(`/api/admin${path}`, { ...init, headers });
    return data;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) logout("令牌无效，请重新登录。");
    throw err;
  }
}

const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

function logout(message = ""): void {
  token = "";
  sessionStorage.removeItem(TOKEN_KEY);
  byId("console").hidden = true;
  byId("logout").hidden = true;
  byId("login").hidden = false;
  byId("login-status").textContent = message;
}

async function login(candidate: string): Promise<void> {
  token = candidate;
  try {
    await admin("/session");
  } catch (err) {
    token = "";
    byId("login-status").textContent = err instanceof ApiError && err.status === 401 ? "令牌错误，已拒绝。" : (err as Error).message;
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  byId("login").hidden = true;
  byId("console").hidden = false;
  byId("logout").hidden = false;
  byId("login-status").textContent = "";
  await Promise.all([loadDocuments(), loadQueries(), loadRecords().then(loadCurated), loadAudit()]);
}

// —— documents and jobs ——

async function loadDocuments(): Promise<void> {
  const docs = await admin<DocumentSummary[]>("/documents");
  replace(
    byId("documents-body"),
    ...docs.map((d) => {
      const remove = el("button", { type: "button", class: "link danger" }, "删除");
      remove.addEventListener("click", () => {
        if (remove.dataset.confirm !== "1") {
          remove.dataset.confirm = "1";
          remove.textContent = "确认删除？";
          return;
        }
        void runJob(admin<Job>(`/documents/${encodeURIComponent(d.file)}`, { method: "DELETE" }));
      });
      return el(
        "tr",
        { "data-file": d.file },
        el("td", {}, d.file),
        el("td", {}, d.title),
        el("td", { class: "num" }, String(d.measures)),
        el("td", { class: "num" }, String(d.sections)),
        el("td", { class: "num" }, String(d.tables)),
        el("td", { class: "num" }, String(d.units)),
        el("td", {}, remove),
      );
    }),
  );
}

const STAGES: Record<string, string> = { parse: "解析", embed: "向量化", index: "建索引", swap: "切换" };
const KINDS: Record<Job["kind"], string> = { reindex: "重新索引", publish: "发布", remove: "删除" };

/** Starts a job request and polls it until it ends, showing progress; resolves with the final job. */
async function runJob(started: Promise<Job>): Promise<Job | undefined> {
  const box = byId("job");
  const bar = byId<HTMLProgressElement>("job-progress");
  const text = byId("job-text");
  box.hidden = false;
  let job: Job;
  try {
    job = await started;
  } catch (err) {
    text.textContent = (err as Error).message;
    return undefined;
  }
  while (job.state === "running") {
    const p = job.progress;
    bar.max = p?.total || 1;
    bar.value = p?.done ?? 0;
    text.textContent = `${KINDS[job.kind]}${job.file ? ` ${job.file}` : ""}：${p ? `${STAGES[p.stage] ?? p.stage} ${p.done}/${p.total}` : "准备中"}…（旧索引继续服务）`;
    await new Promise((r) => setTimeout(r, 300));
    job = await admin<Job>(`/jobs/${job.id}`);
  }
  bar.max = 1;
  bar.value = job.state === "done" ? 1 : 0;
  text.textContent =
    job.state === "done"
      ? `${KINDS[job.kind]}完成：${job.summary?.documents ?? 0} 个文档，${job.summary?.measures ?? 0} 条措施，用时 ${job.summary?.seconds.toFixed(1) ?? "?"} 秒（索引版本 ${job.summary?.indexVersion ?? "?"}）`
      : `${KINDS[job.kind]}失败：${job.error?.message ?? "未知错误"}`;
  text.dataset.state = job.state;
  await Promise.all([loadDocuments(), loadRecords().then(loadCurated), loadAudit()]);
  return job;
}

// —— upload, preview, publish ——

function renderPreview(uploadId: string, preview: DocumentPreview): void {
  const box = byId("preview");
  const publish = el("button", { type: "button", id: "publish", class: "primary" }, preview.replaces ? "发布（替换现有版本）" : "发布");
  publish.addEventListener("click", async () => {
    publish.disabled = true;
    const job = await runJob(admin<Job>("/documents/publish", jsonInit("POST", { uploadId })));
    byId("upload-status").textContent = job?.state === "done" ? `已发布 ${preview.file}` : "发布未完成，请查看上方提示。";
    if (job?.state === "done") box.hidden = true;
  });
  replace(
    box,
    el("h3", {}, `预览：《${preview.title}》`),
    el(
      "p",
      { class: "counts" },
      `文件 ${preview.file} · 措施 ${preview.measures} · 章节 ${preview.sections} · 表格 ${preview.tables} · 责任单位 ${preview.units}`,
      preview.replaces ? el("strong", { class: "warn" }, " · 将替换同名的现有文档") : null,
    ),
    el("h4", {}, "结构"),
    outlineTree([{ documentId: "preview", file: preview.file, title: preview.title, meta: preview.meta, nodes: preview.outline }], () => undefined),
    el("h4", {}, "措施与责任单位"),
    el(
      "ul",
      { class: "plain preview-records" },
      ...preview.records.map((r) => el("li", {}, el("strong", {}, r.title), " — ", r.units.length ? r.units.join("、") : "（未列责任单位）")),
    ),
    el("h4", {}, "责任单位"),
    el("p", { class: "preview-units" }, preview.unitNames.join("、") || "（无）"),
    el("div", { class: "actions" }, publish),
  );
  box.hidden = false;
}

// The file picker offers exactly the upload policy's readable types.
byId<HTMLInputElement>("upload-file").accept = READABLE_EXTENSIONS.join(",");

byId<HTMLFormElement>("upload-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = byId<HTMLInputElement>("upload-file").files?.[0];
  const status = byId("upload-status");
  if (!file) return;
  status.textContent = "正在解析…";
  byId("preview").hidden = true;
  const body = new FormData();
  body.append("file", file);
  try {
    const { uploadId, preview } = await admin<{ uploadId: string; preview: DocumentPreview }>("/documents/preview", { method: "POST", body });
    status.textContent = "请核对解析结果，确认无误后发布。";
    renderPreview(uploadId, preview);
  } catch (err) {
    status.textContent = (err as Error).message;
  }
});

// —— query log ——

async function loadQueries(): Promise<void> {
  const filter = byId<HTMLSelectElement>("query-filter").value;
  const { queries, stats } = await admin<{ queries: QueryLogEntry[]; stats: UsageStats }>(`/queries?filter=${encodeURIComponent(filter)}`);
  byId("stats").textContent = `共 ${stats.questions} 问 · 超出范围 ${stats.outOfScope} · 有帮助 ${stats.helpful} · 没帮助 ${stats.unhelpful}`;
  replace(
    byId("top-unanswered"),
    stats.topUnanswered.length
      ? el("details", {}, el("summary", {}, "常见未答好的问题"), el("ol", {}, ...stats.topUnanswered.map((t) => el("li", {}, `${t.question}（${t.count} 次）`))))
      : null,
  );
  replace(
    byId("queries-body"),
    ...queries.map((q) =>
      el(
        "tr",
        {},
        el("td", { class: "nowrap" }, shortTime(q.at)),
        el("td", {}, q.channel),
        el("td", {}, q.question),
        el("td", {}, q.status === "out_of_scope" ? "超出范围" : q.source === "curated" ? "精选" : "已答"),
        el("td", { class: "num" }, q.confidence.toFixed(2)),
        el("td", {}, q.citedTitles.join("、")),
        el("td", {}, q.feedback === 1 ? "有帮助" : q.feedback === -1 ? "没帮助" : ""),
        el("td", {}, el("button", { type: "button", class: "link small", onclick: () => editCurated(undefined, q.question, q.citedIds[0]) }, "设为精选")),
      ),
    ),
  );
}

byId("query-filter").addEventListener("change", () => void loadQueries());

// —— curated answers ——

async function loadRecords(): Promise<void> {
  const outline = (await fetchJson<DocumentOutline[]>("/api/outline")).data;
  const choices = recordChoices(outline);
  recordLabels = new Map(choices.map((c) => [c.recordId, c.label]));
  const select = byId<HTMLSelectElement>("curated-record");
  const keep = select.value;
  replace(select, el("option", { value: "" }, "选择所依据的措施…"), ...choices.map((c) => el("option", { value: c.recordId }, c.label)));
  select.value = keep;
}

async function loadCurated(): Promise<void> {
  const items = await admin<CuratedAnswer[]>("/curated");
  replace(
    byId("curated-body"),
    ...items.map((item) =>
      el(
        "tr",
        { "data-curated": String(item.id) },
        el("td", {}, item.question),
        el("td", { class: "pre" }, item.answer),
        el("td", {}, recordLabels.get(item.recordId) ?? `${item.recordId}（已不在语料中）`),
        el("td", { class: "nowrap" }, shortTime(item.updatedAt)),
        el(
          "td",
          { class: "nowrap" },
          el("button", { type: "button", class: "link small", onclick: () => editCurated(item) }, "编辑"),
          " ",
          el(
            "button",
            {
              type: "button",
              class: "link small danger",
              onclick: async () => {
                await admin(`/curated/${item.id}`, { method: "DELETE" });
                await Promise.all([loadCurated(), loadAudit()]);
              },
            },
            "删除",
          ),
        ),
      ),
    ),
  );
}

function editCurated(item?: CuratedAnswer, question?: string, recordId?: string): void {
  editingCurated = item?.id;
  byId("curated-form-title").textContent = item ? `编辑精选答复 #${item.id}` : "新增精选答复";
  byId<HTMLInputElement>("curated-question").value = item?.question ?? question ?? "";
  byId<HTMLTextAreaElement>("curated-answer").value = item?.answer ?? "";
  byId<HTMLSelectElement>("curated-record").value = item?.recordId ?? recordId ?? "";
  byId("curated-cancel").hidden = !item;
  byId("curated-status").textContent = "";
  location.hash = "#curated";
  byId("curated-question").focus();
}

byId("curated-cancel").addEventListener("click", () => editCurated());

byId<HTMLFormElement>("curated-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = {
    question: byId<HTMLInputElement>("curated-question").value,
    answer: byId<HTMLTextAreaElement>("curated-answer").value,
    recordId: byId<HTMLSelectElement>("curated-record").value,
  };
  const status = byId("curated-status");
  try {
    if (editingCurated) await admin(`/curated/${editingCurated}`, jsonInit("PUT", body));
    else await admin("/curated", jsonInit("POST", body));
    editCurated();
    status.textContent = "已保存";
    await Promise.all([loadCurated(), loadAudit()]);
  } catch (err) {
    status.textContent = (err as Error).message;
  }
});

// —— audit ——

async function loadAudit(): Promise<void> {
  const entries = await admin<AuditEntry[]>("/audit?limit=200");
  replace(
    byId("audit-body"),
    ...entries.map((e) => el("tr", {}, el("td", { class: "nowrap" }, shortTime(e.at)), el("td", {}, e.actor), el("td", {}, e.action), el("td", {}, e.detail))),
  );
}

// —— start ——

byId<HTMLFormElement>("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  void login(byId<HTMLInputElement>("token").value.trim());
});
byId("logout").addEventListener("click", () => logout());
byId("reindex").addEventListener("click", () => void runJob(admin<Job>("/reindex", { method: "POST" })));

if (token) void login(token);
