import type { Job } from "../../jobs.js";
import { byId } from "../dom.js";
import { call } from "../session.js";

const STAGES: Record<string, string> = { parse: "解析", embed: "向量化", index: "建索引", swap: "切换" };
const KINDS: Record<Job["kind"], string> = { reindex: "重新索引", publish: "发布", remove: "删除" };

/** What to refresh when a corpus job ends (documents, records, lexicon …). */
const listeners: (() => Promise<void>)[] = [];
export const onCorpusChanged = (listener: () => Promise<void>) => listeners.push(listener);

/** Starts a job request and polls it until it ends, showing progress above the tabs; resolves with the final job. */
export async function runJob(started: Promise<Job>): Promise<Job | undefined> {
  const box = byId("job");
  const bar = byId<HTMLProgressElement>("job-progress");
  const text = byId("job-text");
  box.hidden = false;
  delete text.dataset.state;
  let job: Job;
  try {
    job = await started;
  } catch (err) {
    text.textContent = (err as Error).message;
    text.dataset.state = "failed";
    return undefined;
  }
  while (job.state === "running") {
    const p = job.progress;
    bar.max = p?.total || 1;
    bar.value = p?.done ?? 0;
    text.textContent = `${KINDS[job.kind]}${job.file ? ` ${job.file}` : ""}：${p ? `${STAGES[p.stage] ?? p.stage} ${p.done}/${p.total}` : "准备中"}…（旧索引继续服务）`;
    await new Promise((r) => setTimeout(r, 300));
    job = await call<Job>(`/api/admin/jobs/${job.id}`);
  }
  bar.max = 1;
  bar.value = job.state === "done" ? 1 : 0;
  text.textContent =
    job.state === "done"
      ? `${KINDS[job.kind]}完成：${job.summary?.documents ?? 0} 个文档，${job.summary?.measures ?? 0} 条措施，用时 ${job.summary?.seconds.toFixed(1) ?? "?"} 秒（索引版本 ${job.summary?.indexVersion ?? "?"}）`
      : `${KINDS[job.kind]}失败：${job.error?.message ?? "未知错误"}`;
  text.dataset.state = job.state;
  await Promise.all(listeners.map((l) => l()));
  return job;
}

export const reindex = () => runJob(call<Job>("/api/admin/reindex", { method: "POST" }));
