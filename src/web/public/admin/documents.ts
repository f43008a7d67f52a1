import type { DocumentPreview, DocumentRow } from "../../../app/types.js";
import { READABLE_EXTENSIONS } from "../../../corpus/upload-policy.js";
import type { Job } from "../../jobs.js";
import { byId, el, replace } from "../dom.js";
import { localTime } from "../labels.js";
import { outlineTree } from "../outline-tree.js";
import { call, jsonInit } from "../session.js";
import { onCorpusChanged, reindex, runJob } from "./jobs.js";

/** The 文档 tab: the corpus's documents with status, date, version and uploader; download, remove, upload-preview-publish. */

const STATUS_LABELS: Record<DocumentRow["status"], string> = { draft: "征求意见稿", official: "正式", repealed: "已废止" };

export async function loadDocuments(): Promise<void> {
  const docs = await call<DocumentRow[]>("/api/admin/documents");
  replace(
    byId("documents-body"),
    ...docs.map((d) => {
      const remove = el("button", { type: "button", class: "link danger small" }, "删除");
      remove.addEventListener("click", () => {
        if (remove.dataset.confirm !== "1") {
          remove.dataset.confirm = "1";
          remove.textContent = "确认删除？";
          return;
        }
        void runJob(call<Job>(`/api/admin/documents/${encodeURIComponent(d.file)}`, { method: "DELETE" }));
      });
      const download = el("a", { href: `/api/admin/documents/${encodeURIComponent(d.file)}/original`, download: d.file, class: "small" }, "下载原文件");
      return el(
        "tr",
        { "data-file": d.file },
        el("td", {}, d.file),
        el("td", { class: "wide" }, d.title),
        el("td", { class: "nowrap" }, el("span", { class: `badge ${d.status === "draft" ? "draft" : ""}` }, STATUS_LABELS[d.status])),
        el("td", { class: "nowrap" }, d.date ?? localTime(d.modifiedAt).slice(0, 10)),
        el("td", { class: "nowrap" }, d.number ?? "—"),
        el("td", { class: "num" }, `第 ${d.version} 版`),
        el("td", { class: "nowrap" }, d.uploader ?? "随语料提供"),
        el("td", { class: "num" }, String(d.measures)),
        el("td", { class: "num" }, String(d.sections)),
        el("td", { class: "num" }, String(d.tables)),
        el("td", { class: "num" }, String(d.units)),
        el("td", { class: "nowrap" }, download, " ", remove),
      );
    }),
  );
}

function renderPreview(uploadId: string, preview: DocumentPreview): void {
  const box = byId("preview");
  const publish = el("button", { type: "button", id: "publish", class: "primary" }, preview.replaces ? "发布（替换现有版本）" : "发布");
  publish.addEventListener("click", async () => {
    publish.disabled = true;
    const job = await runJob(call<Job>("/api/admin/documents/publish", jsonInit("POST", { uploadId })));
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

export function initDocuments(): void {
  // The file picker offers exactly the upload policy's readable types.
  byId<HTMLInputElement>("upload-file").accept = READABLE_EXTENSIONS.join(",");
  byId<HTMLFormElement>("upload-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = byId<HTMLInputElement>("upload-file").files?.[0];
    const status = byId("upload-status");
    if (!file) return;
    status.textContent = "正在解析…";
    status.classList.remove("error");
    byId("preview").hidden = true;
    const body = new FormData();
    body.append("file", file);
    try {
      const { uploadId, preview } = await call<{ uploadId: string; preview: DocumentPreview }>("/api/admin/documents/preview", { method: "POST", body });
      status.textContent = "请核对解析结果，确认无误后发布。";
      renderPreview(uploadId, preview);
    } catch (err) {
      status.textContent = (err as Error).message;
      status.classList.add("error");
    }
  });
  byId("reindex").addEventListener("click", () => void reindex());
  onCorpusChanged(loadDocuments);
}
