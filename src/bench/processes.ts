import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { AnswerSchema } from "../engine/answer-schema.js";
import { waitForHealth } from "./load.js";

/** The project's root, where `npm run` and `tsx` run from. */
export const ROOT = path.resolve(import.meta.dirname, "../..");
const WORKER = path.join(ROOT, "src", "bench", "worker.ts");
const TSX_BIN = path.join(ROOT, "node_modules", ".bin", "tsx");

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

/** Runs a child to its end, stdout collected, stderr passed through; rejects on a non-zero exit. */
function run(command: string, args: readonly string[], env: Env): Promise<{ stdout: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.pipe(process.stderr, { end: false });
    child.once("error", reject);
    child.once("close", (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ stdout, ms });
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}`));
    });
  });
}

/**
 * Runs a phase of src/bench/worker.ts in a fresh Node process (through tsx's
 * loader, without its wrapper process) and returns the figures it printed.
 */
export async function runWorker<T>(phase: "ingest" | "serve", args: readonly string[], env: Env): Promise<T> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", WORKER, phase, ...args], env);
  const last = stdout.trim().split("\n").at(-1);
  if (!last) throw new Error(`the ${phase} worker printed nothing`);
  return JSON.parse(last) as T;
}

/**
 * Wall time of one `ask --json --batch FILE` run, start-up included, the
 * command given as the argument list after the executable. Checks that every
 * line it printed is a valid answer.
 */
export async function timeAskBatch(command: string, args: readonly string[], env: Env, expectedLines: number): Promise<number> {
  const { stdout, ms } = await run(command, args, env);
  const lines = stdout.trim().split("\n").filter(Boolean);
  if (lines.length !== expectedLines) throw new Error(`ask --batch printed ${lines.length} answers for ${expectedLines} questions`);
  for (const line of lines) AnswerSchema.parse(JSON.parse(line));
  return ms;
}

/** `tsx src/cli/ask.ts --json --batch FILE`, as the brief times it. */
export const askWithTsx = (file: string): [string, string[]] => [TSX_BIN, ["src/cli/ask.ts", "--json", "--batch", file]];
/** `npm run --silent ask -- --json --batch FILE`, as a user types it. */
export const askWithNpm = (file: string): [string, string[]] => ["npm", ["run", "--silent", "ask", "--", "--json", "--batch", file]];

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
 * Starts the real `src/cli/start.ts` (web console only) as a child Node
 * process on 127.0.0.1 and waits until it is healthy. Its pid is the server's
 * own (no tsx wrapper), so its memory can be read from /proc.
 */
export async function startServerProcess(env: Env): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/cli/start.ts"], {
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
