import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { Accounts } from "../../../src/app/accounts.js";
import type { PolicyService } from "../../../src/app/types.js";
import type { Role } from "../../../src/store/types.js";
import { startService } from "../../../src/cli/bootstrap.js";
import { loadConfig, type Config } from "../../../src/config/index.js";
import type { Logger } from "../../../src/log/index.js";
import { startWebServer } from "../../../src/web/index.js";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const CORPUS = path.join(ROOT, "corpus");
export const ADMIN_TOKEN = "test-admin-token-0123456789";
/** The password every test account gets. */
export const PASSWORD = "correct-horse-battery";

/** A real console: the service as `npm start` builds it, serving HTTP on a free loopback port. */
export interface TestConsole {
  url: string;
  service: PolicyService;
  config: Config;
  /** Every log line written, parsed. */
  logs: Record<string, unknown>[];
  /** The raw log text, to check that no secret reached it. */
  logText(): string;
  /** Moves the sessions' clock forward (idle and absolute expiry). */
  advanceClock(ms: number): void;
  /** The sessions' clock, for another app over the same service (`createWebApp({ now })`). */
  now(): number;
  stop(): Promise<void>;
}

/**
 * Starts the real service (real corpus parser, index, engine, SQLite store)
 * in a temporary DATA_DIR, with a temporary copy of the corpus when the test
 * adds or removes documents, and the web server on 127.0.0.1, port 0.
 */
export async function startTestConsole(options: { copyCorpus?: boolean; adminToken?: string | null } = {}): Promise<TestConsole> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "web-test-"));
  let corpusDir = CORPUS;
  if (options.copyCorpus) {
    corpusDir = path.join(temp, "corpus");
    fs.cpSync(CORPUS, corpusDir, { recursive: true });
  }
  const token = options.adminToken === undefined ? ADMIN_TOKEN : options.adminToken;
  const config = loadConfig({
    DATA_DIR: path.join(temp, "data"),
    CORPUS_DIR: corpusDir,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "info",
    ...(token ? { ADMIN_TOKEN: token } : {}),
  });
  let text = "";
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = chunk.toString("utf8");
      text += line;
      for (const l of line.split("\n")) if (l.trim()) logs.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  const logger: Logger = pino({ level: "info" }, sink);
  const service = await startService(config, logger);
  let offset = 0;
  const now = () => Date.now() + offset;
  const server = await startWebServer({ service, config, logger, now });
  return {
    url: server.url,
    service,
    config,
    logs,
    logText: () => text,
    advanceClock: (ms) => (offset += ms),
    now,
    async stop() {
      await server.stop();
      await service.close();
      fs.rmSync(temp, { recursive: true, force: true });
    },
  };
}

/** Lists a folder's files, hidden ones included, to prove an upload wrote nothing. */
export function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/** Creates an account directly in the store (as an admin would in the page). */
export async function createAccount(app: TestConsole, username: string, role: Role, displayName = username): Promise<void> {
  const created = await new Accounts(app.service.accounts).create({ username, displayName, role, password: PASSWORD });
  if (!created.ok) throw new Error(`account ${username}: ${created.problem}`);
}

/** Signs in as a script does and returns the `Authorization` header of that session. */
export async function bearerFor(app: TestConsole, username: string, password = PASSWORD): Promise<Record<string, string>> {
  const response = await fetch(app.url + "/api/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password, bearer: true }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return { Authorization: `Bearer ${token}` };
}

/**
 * The `Authorization` header of a bearer session of `username`, created as
 * `role` when it does not exist: what a script (or a test) sends to the
 * console's API, which needs a signed-in person.
 */
export async function sessionHeaders(app: TestConsole, username = "api.staff", role: Role = "staff"): Promise<Record<string, string>> {
  if (!app.service.accounts.byUsername(username)) await createAccount(app, username, role);
  return bearerFor(app, username);
}
