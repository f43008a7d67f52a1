import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { projectRoot } from "../config/project-root.js";
import { AnswerSchema } from "../engine/answer-schema.js";
import { waitForHealth } from "./load.js";

/** The project's root, where `npm run` runs from. */
export const ROOT = projectRoot();
/** The compiled entries (`npm run build`; `npm run bench` builds them when stale). */
const DIST = path.join(ROOT, "dist");
const WORKER = path.join(DIST, "bench", "worker.js");

export type Env = Record<string, string | undefined>;

/**
 * The environment of every process the benchmark starts: the offline
 * configuration (hashed embeddings, no LLM, no Telegram), so figures compare
 * across machines and never reach the network, with `overrides` on top.
 */
export function benchEnv(overrides: Env): Env {
  return {
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    EMBEDDINGS_PROVIDER: "hashed",
    LLM_PROVIDER: "none",
    TELEGRAM_BOT_TOKEN: "",
    WEBHOOK_URL: "",
    WEBHOOK_SECRET: "",
    ...overrides,
  };
}

/**
 * Preloaded into a Node child whose CPU time is wanted: on exit it writes the
 * process's user + system CPU microseconds (all threads) to file descriptor 3.
 */
const CPU_REPORT = `data:text/javascript,${encodeURIComponent(
  'import { writeSync } from "node:fs"; process.on("exit", () => { const u = process.cpuUsage(); try { writeSync(3, String(u.user + u.system)); } catch {} });',
)}`;

/**
 * Runs a child to its end, stdout collected, stderr passed through; rejects on
 * a non-zero exit. A Node child (`command` is this Node) also reports its CPU
 * time, which a busy machine's other processes do not inflate as they do the
 * wall time.
 */
function run(command: string, args: readonly string[], env: Env): Promise<{ stdout: string; ms: number; cpuMs?: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const isNode = command === process.execPath;
    const child = spawn(command, isNode ? ["--import", CPU_REPORT, ...args] : args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe", "pipe"] });
    let stdout = "";
    let cpu = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding("utf8").on("data", (chunk: string) => (cpu += chunk));
    child.stderr!.pipe(process.stderr, { end: false });
    child.once("error", reject);
    child.once("close", (code) => {
      const ms = performance.now() - started;
      const cpuMs = cpu ? Number(cpu) / 1000 : undefined;
      if (code === 0) resolve({ stdout, ms, ...(cpuMs !== undefined ? { cpuMs } : {}) });
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}`));
    });
  });
}

/** Runs a phase of the compiled src/bench/worker.ts in a fresh Node process and returns the figures it printed. */
export async function runWorker<T>(phase: "ingest" | "serve", args: readonly string[], env: Env): Promise<T> {
  const { stdout } = await run(process.execPath, [WORKER, phase, ...args], env);
  const last = stdout.trim().split("\n").at(-1);
  if (!last) throw new Error(`the ${phase} worker printed nothing`);
  return JSON.parse(last) as T;
}

/**
 * Wall time of one run of a command that prints one JSON line per question
 * (`ask --json`, the BM25 peer), start-up included, the command given as the
 * argument list after the executable. Checks the number of lines, and with
 * `check` each line.
 */
export async function timeJsonLines(
  command: string,
  args: readonly string[],
  env: Env,
  expectedLines: number,
  check?: (line: unknown) => void,
): Promise<{ ms: number; cpuMs?: number }> {
  const { stdout, ms, cpuMs } = await run(command, args, env);
  const lines = stdout.trim().split("\n").filter(Boolean);
  if (lines.length !== expectedLines) throw new Error(`${path.basename(args[0] ?? command)} printed ${lines.length} lines for ${expectedLines} questions`);
  for (const line of lines) check?.(JSON.parse(line));
  return { ms, ...(cpuMs !== undefined ? { cpuMs } : {}) };
}

/** Wall time of one `ask --json` run (one question, or `--batch FILE`); every line must be a valid answer. */
export const timeAsk = (command: string, args: readonly string[], env: Env, expectedLines: number) =>
  timeJsonLines(command, args, env, expectedLines, (line) => AnswerSchema.parse(line));

/** The compiled `ask --json`, as `npm run ask` runs it, without npm: `--batch FILE`, or one question. */
export const askCompiled = (input: { batch: string } | { question: string }): [string, string[]] => [
  process.execPath,
  [path.join(DIST, "cli", "ask.js"), "--json", ...("batch" in input ? ["--batch", input.batch] : [input.question])],
];
/** `npm run --silent ask -- --json --batch FILE`, as a user types it (npm and the stale check included). */
export const askWithNpm = (file: string): [string, string[]] => ["npm", ["run", "--silent", "ask", "--", "--json", "--batch", file]];
/** The plain LangChain.js BM25 peer (src/bench/bm25-peer.ts), compiled the same way. */
export const bm25Peer = (input: { batch: string } | { question: string }): [string, string[]] => [
  process.execPath,
  [path.join(DIST, "bench", "bm25-peer.js"), ...("batch" in input ? ["--batch", input.batch] : [input.question])],
];

/** A free TCP port on 127.0.0.1 (free when asked; the server binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** From spawn to the first healthy `/api/health`. */
  startupMs: number;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts the real compiled `src/cli/start.ts` (web console only) as a child
 * Node process on 127.0.0.1 and waits until it is healthy. Its pid is the
 * server's own (no wrapper), so its memory can be read from /proc.
 */
export async function startServerProcess(env: Env): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [path.join(DIST, "cli", "start.js")], {
    cwd: ROOT,
    env: { ...env, WEB_ENABLED: "true", HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.pipe(process.stderr, { end: false });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  try {
    const died = exited.then(() => {
      throw new Error("the server exited before it was healthy");
    });
    died.catch(() => undefined); // only the race below reports it
    await Promise.race([waitForHealth(url), died]);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    url,
    pid: child.pid!,
    startupMs: performance.now() - started,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
