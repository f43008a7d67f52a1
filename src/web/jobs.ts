import { randomUUID } from "node:crypto";
import type { Failure, IngestProgress, IngestSummary, Result } from "../app/types.js";
import type { Logger } from "../log/index.js";

/** A long admin operation (re-index, publish, remove) as the admin page polls it. */
export interface Job {
  id: string;
  kind: "reindex" | "publish" | "remove";
  /** The file published or removed. */
  file?: string;
  state: "running" | "done" | "failed";
  progress: IngestProgress | null;
  startedAt: string;
  finishedAt: string | null;
  summary: IngestSummary | null;
  error: Failure | null;
}

/**
 * Runs corpus-changing jobs in the background and remembers the last few, so
 * the page can start a re-index, return at once and poll its progress while
 * the old index keeps answering. The service applies the changes one at a
 * time, in the order they were started.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly logger: Logger,
    private readonly keep = 20,
  ) {}

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  list(): Job[] {
    return [...this.jobs.values()].reverse();
  }

  /** Starts `work`, which reports progress through the callback it is given. */
  start(kind: Job["kind"], file: string | undefined, work: (onProgress: (p: IngestProgress) => void) => Promise<Result<IngestSummary>>): Job {
    const job: Job = {
      id: randomUUID(),
      kind,
      ...(file ? { file } : {}),
      state: "running",
      progress: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      summary: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    while (this.jobs.size > this.keep) {
      const oldest = this.jobs.keys().next().value;
      if (oldest === undefined || oldest === job.id) break;
      this.jobs.delete(oldest);
    }
    const finish = (result: Result<IngestSummary>) => {
      job.finishedAt = new Date().toISOString();
      if (result.ok) {
        job.state = "done";
        job.summary = result.value;
      } else {
        job.state = "failed";
        job.error = result.error;
      }
      this.logger.info({ job: job.id, kind, file, state: job.state, error: job.error?.code }, "admin job finished");
    };
    // Deferred so the caller can answer 202 with the job before work begins.
    setImmediate(() => {
      work((p) => {
        job.progress = p;
      }).then(finish, (err: unknown) => {
        this.logger.error({ err, job: job.id, kind, file }, "admin job crashed");
        finish({ ok: false, error: { code: "index_failed", message: "索引失败，请查看服务日志。 Indexing failed; see the server log." } });
      });
    });
    return job;
  }
}
