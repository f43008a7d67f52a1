/**
 * Faults degrade, never break answers: a full disk, a database file removed
 * while running, a DATA_DIR that cannot be written; and start-up serves the
 * last good index at once when the corpus changed while it was down.
 */
import { execFile, execFileSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import type { PolicyService } from "../../src/app/types.js";
import { Accounts } from "../../src/app/accounts.js";
import { startService } from "../../src/cli/bootstrap.js";
import { loadConfig, type Config } from "../../src/config/index.js";
import { startWebServer, type WebServer } from "../../src/web/index.js";
import { CORPUS_DIR, FIXTURES, ROOT } from "../helpers/paths.js";

const run = promisify(execFile);
const mounts: string[] = [];
const temps: string[] = [];
afterAll(async () => {
  for (const mount of mounts) execFileSync("umount", ["-l", mount]);
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "faults-test-"));
  temps.push(dir);
  return dir;
}

/** A small tmpfs, so the test can fill the disk for real (needs root, as on CI and this machine). */
async function smallDisk(megabytes: number, options = ""): Promise<string> {
  const dir = await tempDir();
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m${options ? `,${options}` : ""}`, "tmpfs", dir]);
  mounts.push(dir);
  return dir;
}

interface Running {
  service: PolicyService;
  server: WebServer;
  config: Config;
  logs: Record<string, unknown>[];
  /** Creates (when missing) a window worker's account and signs in as a script does: the console answers only a signed-in person. */
  signIn(): Promise<void>;
  stop(): Promise<void>;
}

/** The bearer session `ask` sends, set by `Running.signIn`. */
let session: Record<string, string> = {};

async function startConsole(dataDir: string, corpusDir = CORPUS_DIR): Promise<Running> {
  const config = loadConfig({ DATA_DIR: dataDir, CORPUS_DIR: corpusDir, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info" });
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const service = await startService(config, logger);
  const server = await startWebServer({ service, config, logger });
  const login = { username: "faults.staff", password: "faults-staff-password" };
  return {
    service,
    server,
    config,
    logs,
    async signIn() {
      if (!service.accounts.byUsername(login.username)) await new Accounts(service.accounts).create({ ...login, displayName: "测试窗口", role: "staff" });
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...login, bearer: true }),
      });
      expect(response.status).toBe(200);
      session = { Authorization: `Bearer ${((await response.json()) as { token: string }).token}` };
    },
    async stop() {
      await server.stop();
      await service.close();
    },
  };
}

const ask = async (url: string, question: string) => {
  const response = await fetch(`${url}/api/ask`, { method: "POST", headers: { ...session, "Content-Type": "application/json" }, body: JSON.stringify({ question }) });
  return { status: response.status, queryId: response.headers.get("x-query-id"), body: (await response.json()) as { citations: { units: string[] }[] } };
};

describe("a full disk under DATA_DIR", () => {
  it("still answers every question, reports the store failing in /api/health, logs it once, and recovers", async () => {
    const disk = await smallDisk(4);
    const app = await startConsole(path.join(disk, "data"));
    try {
      await app.signIn();
      expect((await fetch(`${app.server.url}/api/health`)).status).toBe(200);
      // Fill what is left of the disk.
      const filler = path.join(disk, "filler");
      const chunk = Buffer.alloc(64 * 1024, 1);
      const fd = fs.openSync(filler, "w");
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
      } finally {
        fs.closeSync(fd);
      }
      for (let i = 0; i < 20; i++) {
        const answer = await ask(app.server.url, `专利质押融资找谁？第${i}次`);
        expect(answer.status).toBe(200);
        expect(answer.body.citations[0]?.units).toContain("泰安银保监分局");
      }
      const health = await fetch(`${app.server.url}/api/health`);
      expect(health.status).toBe(503);
      const body = (await health.json()) as { store: { ok: boolean; reason: string }; documents: number };
      expect(body.store).toMatchObject({ ok: false, reason: expect.stringMatching(/SQLITE_FULL|full/i) });
      expect(body.documents).toBe(1);
      const failures = app.logs.filter((l) => l.msg === "the database cannot be written: answers go on, unlogged, until it can");
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ path: app.config.databaseFile });

      await rm(filler);
      expect((await ask(app.server.url, "商标注册有补贴吗？")).queryId).toMatch(/^\d+$/);
      expect((await fetch(`${app.server.url}/api/health`)).status).toBe(200);
      expect(app.logs.some((l) => l.msg === "the database is written again")).toBe(true);
    } finally {
      await app.stop();
    }
  });
});

describe("the database file removed while running", () => {
  it("is noticed at the next write and recreated, so what is logged afterwards survives a restart", async () => {
    const dataDir = path.join(await tempDir(), "data");
    const first = await startConsole(dataDir);
    let queryId: string | null;
    try {
      await first.signIn();
      await ask(first.server.url, "地理标志产品保护找哪个部门？");
      for (const suffix of ["", "-wal", "-shm"]) await rm(first.config.databaseFile + suffix, { force: true });
      // The accounts and their sessions went with the file: the question is refused until someone signs in again.
      expect((await ask(first.server.url, "专利导航找谁？")).status).toBe(401);
      await first.signIn();
      const after = await ask(first.server.url, "专利导航找谁？");
      expect(after.status).toBe(200);
      queryId = after.queryId;
      expect(first.logs.some((l) => l.msg === "the database file was removed or replaced while running: creating a new one in its place")).toBe(true);
    } finally {
      await first.stop();
    }
    const second = await startConsole(dataDir);
    try {
      const logged = second.service.queries({ limit: 10 });
      expect(logged.map((q) => q.question)).toEqual(["专利导航找谁？"]);
      expect(String(logged[0]!.id)).toBe(queryId);
    } finally {
      await second.stop();
    }
  });
});

describe("a DATA_DIR that cannot be written at start-up", () => {
  const start = (dataDir: string) =>
    run(process.execPath, ["--import", "tsx", "src/cli/start.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, CORPUS_DIR: CORPUS_DIR, PORT: "0", LOG_LEVEL: "silent", TELEGRAM_BOT_TOKEN: "" },
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

  it("exits non-zero naming the path and what to do, when it is read-only or cannot exist", async () => {
    const readOnly = await smallDisk(1, "ro");
    const denied = await start(path.join(readOnly, "data"));
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain(`DATA_DIR ${path.join(readOnly, "data")} cannot be written (EROFS): the file system is read-only`);

    const file = path.join(await tempDir(), "a-file");
    await writeFile(file, "");
    const impossible = await start(path.join(file, "data"));
    expect(impossible.code).not.toBe(0);
    expect(impossible.stderr).toContain(`DATA_DIR ${path.join(file, "data")} cannot be written (ENOTDIR)`);
  });
});

describe("start-up after the corpus changed while the service was down", () => {
  it("serves the last good index at once and re-indexes in the background", async () => {
    const dir = await tempDir();
    const corpusDir = path.join(dir, "corpus");
    await mkdir(corpusDir);
    for (const name of fs.readdirSync(CORPUS_DIR)) await copyFile(path.join(CORPUS_DIR, name), path.join(corpusDir, name));
    const first = await startConsole(path.join(dir, "data"), corpusDir);
    const builtVersion = first.service.health().indexVersion;
    await first.stop();

    await copyFile(path.join(FIXTURES, "subsidy.docx"), path.join(corpusDir, "subsidy.docx"));
    const second = await startConsole(path.join(dir, "data"), corpusDir);
    try {
      // Listening, with the old index, while the new document is being indexed.
      const health = second.service.health();
      expect(health).toMatchObject({ indexVersion: builtVersion, documents: 1, reloading: true });
      await second.signIn();
      expect((await ask(second.server.url, "专利质押融资找谁？")).status).toBe(200);
      expect(second.logs.some((l) => l.msg === "the corpus changed since the index was built: serving the last good index and re-indexing in the background")).toBe(true);
      await expect.poll(() => second.service.health().documents, { timeout: 60_000 }).toBe(2);
      expect(second.service.health().reloading).toBe(false);
    } finally {
      await second.stop();
    }
  });

  it("waits for the build only on a first start with no index, and says so", async () => {
    const first = await startConsole(path.join(await tempDir(), "data"));
    try {
      expect(first.logs.some((l) => l.msg === "no index yet: building one from the corpus before serving")).toBe(true);
      expect(first.service.health().documents).toBe(1);
    } finally {
      await first.stop();
    }
  });
});
