/**
 * `kill -9` at each step of a publish and of a removal, in a real server
 * process (the IPBOT_CRASH_AT hook kills it exactly there), then a restart:
 * the corpus is consistent, no change file is left, and no document is lost.
 */
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/bench/processes.js";
import { waitForHealth } from "../../src/bench/load.js";
import { Accounts } from "../../src/app/accounts.js";
import { loadConfig } from "../../src/config/index.js";
import { buildIndex } from "../../src/index/build.js";
import { providerFactory } from "../../src/index/providers.js";
import { openSqliteStore } from "../../src/store/index.js";
import { CORPUS_DIR, FIXTURES, OUTLINE_FILE, ROOT } from "../helpers/paths.js";

const run = promisify(execFile);
const TOKEN = "crash-test-admin-token-0123456789";
const ADMIN = { username: "crash.admin", password: "crash-test-password" };

/** Signs in to a server as the admin made in the template's database; the bearer header of that session. */
async function authOf(url: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ...ADMIN, bearer: true }) });
  const { token } = (await response.json()) as { token: string };
  return { Authorization: `Bearer ${token}` };
}
const DOCUMENT = "related.txt";
const NEW_VERSION = "泰安市商标品牌建设要点（新版）\n一、工作重点\n（一）培育地理标志商标\n支持泰山茶申报地理标志商标（责任单位：市市场监管局）\n";

let template: string;
let oldVersion: Buffer;

beforeAll(async () => {
  template = await mkdtemp(path.join(os.tmpdir(), "crash-template-"));
  await cp(CORPUS_DIR, path.join(template, "corpus"), { recursive: true });
  await cp(path.join(FIXTURES, DOCUMENT), path.join(template, "corpus", DOCUMENT));
  oldVersion = await readFile(path.join(FIXTURES, DOCUMENT));
  const config = loadConfig({ CORPUS_DIR: path.join(template, "corpus"), DATA_DIR: path.join(template, "data") });
  await buildIndex({ corpusDir: config.corpusDir, indexRoot: config.indexDir, makeProvider: providerFactory(config), limits: config.parseLimits });
  const store = openSqliteStore(config.databaseFile);
  await new Accounts(store.accounts).create({ ...ADMIN, displayName: "测试管理员", role: "admin" });
  store.close();
});
afterAll(async () => {
  await rm(template, { recursive: true, force: true });
});

interface Server {
  url: string;
  pid: number | undefined;
  exited: Promise<NodeJS.Signals | number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/** The real server on this workspace, healthy; `env` adds settings (a crash hook, parse limits). */
async function startServer(dir: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/start.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      CORPUS_DIR: path.join(dir, "corpus"),
      DATA_DIR: path.join(dir, "data"),
      HOST: "127.0.0.1",
      PORT: String(port),
      ADMIN_TOKEN: TOKEN,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "ignore"],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url);
  return { url, pid: child.pid, exited, kill: (signal = "SIGKILL") => child.kill(signal) };
}

const corpusFiles = async (dir: string) => (await readdir(path.join(dir, "corpus"))).sort();
const EXPECTED_FILES = ["lexicon.json", DOCUMENT, "unit-aliases.json", OUTLINE_FILE].sort();

/** Restarts without the hook and waits until the corpus folder is indexed; returns the documents it serves. */
async function restartAndSettle(dir: string): Promise<string[]> {
  const server = await startServer(dir);
  try {
    for (;;) {
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { reloading: boolean };
      if (!health.reloading) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const documents = (await (await fetch(`${server.url}/api/admin/documents`, { headers: await authOf(server.url) })).json()) as { file: string }[];
    return documents.map((d) => d.file).sort();
  } finally {
    server.kill();
    await server.exited;
  }
}

async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "crash-case-"));
  await cp(template, dir, { recursive: true });
  return dir;
}

describe("kill -9 during a publish that replaces a document", () => {
  it.each([
    ["publish:staged", "old"],
    ["publish:backed-up", "old"],
    ["publish:swapped", "new"],
    ["publish:indexed", "new"],
  ] as const)("at %s keeps one whole version (%s) and nothing else", async (step, kept) => {
    const dir = await workspace();
    try {
      const server = await startServer(dir, { IPBOT_CRASH_AT: step });
      const auth = await authOf(server.url);
      const preview = await fetch(`${server.url}/api/admin/documents/preview`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/octet-stream", "X-File-Name": DOCUMENT },
        body: NEW_VERSION,
      });
      expect(preview.status).toBe(200);
      const { uploadId } = (await preview.json()) as { uploadId: string };
      await fetch(`${server.url}/api/admin/documents/publish`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ uploadId }) });
      expect(await server.exited).toBe("SIGKILL");
      // The crash left the change half done.
      expect((await corpusFiles(dir)).some((f) => f.startsWith("."))).toBe(true);

      const served = await restartAndSettle(dir);
      expect(await corpusFiles(dir)).toEqual(EXPECTED_FILES);
      const content = await readFile(path.join(dir, "corpus", DOCUMENT));
      expect(content.equals(kept === "old" ? oldVersion : Buffer.from(NEW_VERSION))).toBe(true);
      expect(served).toEqual([DOCUMENT, OUTLINE_FILE].sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("kill -9 during a removal", () => {
  it.each(["remove:aside", "remove:indexed"])("at %s puts the unconfirmed removal back", async (step) => {
    const dir = await workspace();
    try {
      const server = await startServer(dir, { IPBOT_CRASH_AT: step });
      const auth = await authOf(server.url);
      await fetch(`${server.url}/api/admin/documents/${encodeURIComponent(DOCUMENT)}`, { method: "DELETE", headers: auth });
      expect(await server.exited).toBe("SIGKILL");
      expect(await corpusFiles(dir)).not.toContain(DOCUMENT);

      const served = await restartAndSettle(dir);
      expect(await corpusFiles(dir)).toEqual(EXPECTED_FILES);
      expect((await readFile(path.join(dir, "corpus", DOCUMENT))).equals(oldVersion)).toBe(true);
      expect(served).toEqual([DOCUMENT, OUTLINE_FILE].sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("SIGTERM while a hostile document is being parsed", () => {
  it("stops the server, and the parser process with it", async () => {
    const dir = await workspace();
    // Limits raised so that the parser would grind on 25,000 nested <div>s for minutes.
    const server = await startServer(dir, { PARSE_MAX_NESTING: "1000000", PARSE_TIMEOUT_MS: "600000" });
    try {
      const { url } = server;
      const auth = await authOf(url);
      const { nestedDivsHtml } = await import("../../src/bench/hostile-documents.js");
      const preview = fetch(`${url}/api/admin/documents/preview`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/octet-stream", "X-File-Name": "nested.html" },
        body: new Uint8Array(nestedDivsHtml().bytes),
      }).catch(() => undefined);
      const parsers = async () => (await run("pgrep", ["-P", String(server.pid), "-f", "parser-child"]).catch(() => ({ stdout: "" }))).stdout.split("\n").filter(Boolean);
      let parser: string[] = [];
      while (parser.length === 0) {
        parser = await parsers();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Wait until it is deep in the parse (seconds of CPU), not still loading its code.
      const { cpuMsOf } = await import("../../src/bench/resources.js");
      await expect.poll(async () => (await cpuMsOf(Number(parser[0]))) ?? 0, { timeout: 60_000, interval: 200 }).toBeGreaterThan(3000);
      server.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      await preview;
      // The parser died with its parent rather than grinding on as an orphan.
      await expect.poll(async () => (await run("ps", ["-o", "pid=", "-p", parser[0]!]).catch(() => ({ stdout: "" }))).stdout.trim(), { timeout: 10_000 }).toBe("");
    } finally {
      server.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
