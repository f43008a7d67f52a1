/**
 * Parses untrusted documents out of the serving process: in a child Node
 * process with a heap ceiling, killed when one document takes longer than
 * the time limit. Whatever a file does to the parser (a tree of 25,000
 * nested elements, a zip bomb, five million paragraphs), the process that
 * answers questions only waits for a message. Uploads, previews, re-indexes
 * and start-up builds all parse through here.
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { DocumentError, type DocumentRefusal } from "./blocks.js";
import { limitReason, type ParseLimits } from "./limits.js";
import type { PolicyDocument } from "./types.js";

/** One file to parse: where it is, and the name the corpus knows it by. */
export interface DocumentSource {
  path: string;
  name: string;
}

export interface ParseRequest extends DocumentSource {
  id: number;
  limits: ParseLimits;
}

export type ParseResponse = { id: number; ok: true; document: PolicyDocument } | { id: number; ok: false; reason: string; refusal?: DocumentRefusal };

/** The parser process's scheduling priority (nice value): below the server's, which answers questions. */
const PARSER_NICENESS = 10;

/** How long a fresh parser process may take to start (loading its code, not parsing). */
const STARTUP_MS = 60_000;

/**
 * The child's entry. Under vitest the sources are TypeScript and the child
 * loads tsx's hooks; compiled (`npm start`, the CLI: the bundle in dist/), it
 * is `dist/parser-child.js`, next to the shared chunk this code is in, or one
 * folder up from an entry (`dist/cli/*.js`) that holds it, and needs none.
 */
function childCommand(memoryMb: number): { entry: string; execArgv: string[] } {
  const compiled = import.meta.url.endsWith(".js");
  const execArgv = [`--max-old-space-size=${memoryMb}`];
  if (!compiled) {
    execArgv.push("--import", createRequire(import.meta.url).resolve("tsx"));
    return { entry: fileURLToPath(new URL("./parser-child.ts", import.meta.url)), execArgv };
  }
  const beside = fileURLToPath(new URL("./parser-child.js", import.meta.url));
  return { entry: existsSync(beside) ? beside : fileURLToPath(new URL("../parser-child.js", import.meta.url)), execArgv };
}

/**
 * Parser processes alive now. When the service exits (a SIGTERM while a
 * preview parses) they are killed with it: one busy with a bad document
 * would not notice its parent leave until it finished.
 */
const live = new Set<ChildProcess>();
let killOnExit = false;

/** One parser process; replaced by a fresh one after it is killed or dies. */
class ParserProcess {
  private readonly child: ChildProcess;
  private readonly ready: Promise<void>;
  private stderr = "";
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exitListeners = new Set<() => void>();

  constructor(limits: ParseLimits) {
    const { entry, execArgv } = childCommand(limits.memoryMb);
    // No environment: the child needs none, and so never holds a token or key.
    this.child = fork(entry, [], { execArgv, env: {}, stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "advanced" });
    this.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-4096)));
    live.add(this.child);
    // Parsing is background work: the serving process gets the cores first.
    if (this.child.pid !== undefined) {
      try {
        os.setPriority(this.child.pid, PARSER_NICENESS);
      } catch {
        // Not permitted here: the child runs at the parent's priority.
      }
    }
    if (!killOnExit) {
      killOnExit = true;
      process.once("exit", () => {
        for (const child of live) child.kill("SIGKILL");
      });
    }
    this.child.once("exit", (code, signal) => {
      live.delete(this.child);
      this.exited = { code, signal };
      for (const listener of this.exitListeners) listener();
    });
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the document parser did not start")), STARTUP_MS);
      const onMessage = (message: unknown) => {
        if ((message as { ready?: boolean }).ready) {
          clearTimeout(timer);
          this.child.off("message", onMessage);
          resolve();
        }
      };
      this.child.on("message", onMessage);
      this.exitListeners.add(() => {
        clearTimeout(timer);
        reject(new Error(`the document parser exited at start-up: ${this.stderr.trim().split("\n").at(-1) ?? "no output"}`));
      });
    });
    this.ready.catch(() => undefined);
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  /** Parses one document; rejects with DocumentError for a refused file, past the time limit or the memory ceiling. */
  async parse(request: ParseRequest): Promise<PolicyDocument> {
    await this.ready;
    return new Promise<PolicyDocument>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.child.off("message", onMessage);
        this.exitListeners.delete(onExit);
      };
      const timer = setTimeout(() => {
        done();
        this.kill();
        reject(new DocumentError(request.name, limitReason("timeoutMs", request.limits), { refusal: "limit" }));
      }, request.limits.timeoutMs);
      const onMessage = (message: ParseResponse) => {
        if (message.id !== request.id) return;
        done();
        if (message.ok) resolve(message.document);
        else reject(new DocumentError(request.name, message.reason, { refusal: message.refusal }));
      };
      const onExit = () => {
        done();
        const reason = this.exitReason(request.limits);
        reject(new DocumentError(request.name, reason, { refusal: reason === limitReason("memoryMb", request.limits) ? "limit" : undefined }));
      };
      this.child.on("message", onMessage);
      this.exitListeners.add(onExit);
      this.child.send(request);
    });
  }

  /** Why the child died while parsing: the heap ceiling, in practice. */
  private exitReason(limits: ParseLimits): string {
    const { code, signal } = this.exited ?? { code: null, signal: null };
    if (/heap out of memory|Reached heap limit|allocation failed/i.test(this.stderr) || signal === "SIGABRT" || code === 134) {
      return limitReason("memoryMb", limits);
    }
    return `文档解析进程意外退出（${signal ?? `退出码 ${code}`}）`;
  }

  kill(): void {
    if (this.alive) this.child.kill("SIGKILL");
  }

  /** Lets the child finish on its own (it exits when the channel closes). */
  close(): void {
    if (this.alive && this.child.connected) this.child.disconnect();
  }
}

let nextId = 1;

/**
 * Parses documents in order in a parser process (one for the whole list,
 * replaced after a document kills it), calling `onEach` before each.
 * Rejects with the DocumentError of the first file that is refused.
 */
export async function parseDocuments(sources: readonly DocumentSource[], limits: ParseLimits, onEach?: (index: number, source: DocumentSource) => void): Promise<PolicyDocument[]> {
  if (sources.length === 0) return [];
  let parser = new ParserProcess(limits);
  const documents: PolicyDocument[] = [];
  try {
    for (const [index, source] of sources.entries()) {
      onEach?.(index, source);
      if (!parser.alive) parser = new ParserProcess(limits);
      documents.push(await parser.parse({ id: nextId++, path: source.path, name: source.name, limits }));
    }
    return documents;
  } finally {
    parser.close();
  }
}

/** Parses one document out of process; see `parseDocuments`. */
export async function parseDocument(source: DocumentSource, limits: ParseLimits): Promise<PolicyDocument> {
  const [document] = await parseDocuments([source], limits);
  return document!;
}
