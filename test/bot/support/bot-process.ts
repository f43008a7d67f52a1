import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { cliCommand } from "../../helpers/cli.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** A valid-looking token; telegram-test-api accepts any. */
export const FAKE_TOKEN = "123456789:TEST-fake-token-for-the-e2e-suite_xyz";

/**
 * The real product process, started the way `npm start` does
 * (`node scripts/run.mjs start`) with its own temp data folder and a temp copy of
 * the corpus. Collects its JSON log lines for the test to wait on.
 */
export class BotProcess {
  readonly logs: Record<string, unknown>[] = [];
  private stderrTail = "";

  private constructor(
    readonly child: ChildProcess,
    readonly dir: string,
  ) {
    let buffer = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          this.logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          this.logs.push({ msg: line });
        }
      }
    });
    child.stdout!.resume();
  }

  /** Starts the process in a new temp folder, or in the folder of an earlier process (`reuse`), to restart it with its data. */
  static async start(env: Record<string, string>, reuse?: string): Promise<BotProcess> {
    const dir = reuse ?? (await mkdtemp(path.join(os.tmpdir(), "ipbot-e2e-")));
    const corpusDir = path.join(dir, "corpus");
    if (!reuse) await cp(path.join(ROOT, "corpus"), corpusDir, { recursive: true });
    const child = spawn(...cliCommand("start"), {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? dir,
        LOG_LEVEL: "info",
        WEB_ENABLED: "false",
        LLM_PROVIDER: "none",
        EMBEDDINGS_PROVIDER: "hashed",
        DATA_DIR: path.join(dir, "data"),
        CORPUS_DIR: corpusDir,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so that cleanup kills whatever it started too.
      detached: true,
    });
    return new BotProcess(child, dir);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Log lines whose message is `msg`. */
  logged(msg: string): Record<string, unknown>[] {
    return this.logs.filter((l) => l.msg === msg);
  }

  /** The last part of stderr, for failure messages. */
  get tail(): string {
    return this.stderrTail;
  }

  /** Sends SIGTERM and resolves with the exit code. */
  async terminate(): Promise<number | null> {
    if (!this.alive) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once("exit", (code) => resolve(code)));
    this.child.kill("SIGTERM");
    return exited;
  }

  /** Kills whatever is left of the process (and anything it started) and removes its folder, unless `keepFolder`. */
  async cleanup(options: { keepFolder?: boolean } = {}): Promise<void> {
    try {
      process.kill(-this.child.pid!, "SIGKILL");
    } catch {
      // The group is gone already.
    }
    if (!options.keepFolder) await rm(this.dir, { recursive: true, force: true });
  }
}

/** Polls `check` until it returns a value (not undefined/false), or fails after `timeoutMs` with `what`. */
export async function eventually<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
