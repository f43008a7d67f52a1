/**
 * What a crash can leave behind, and how start-up puts it right. Publishing
 * writes the new file as `.upload-<pid>-<name>`, moves the old one to
 * `.previous-<pid>-<name>`, then moves the new one in; removing moves the
 * file to `.removed-<pid>-<name>` until the index without it is serving.
 * After a `kill -9` between any two of those steps, start-up keeps the
 * document: the old version comes back when the new one never arrived, a
 * removal that was never confirmed is undone, and the rest is deleted.
 */
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../log/index.js";

/** The prefixes of a change's files in the corpus folder, with the pid of the process that made them. */
const LEFTOVER = /^\.(upload|previous|removed)-(\d+)-(.+)$/u;

/** Where previews write the uploaded bytes for the parser (inside DATA_DIR, so start-up can clear it). */
export const UPLOADS_DIR = "uploads";

/** Marks the corpus's change files of this process. */
export const changeFile = (kind: "upload" | "previous" | "removed", name: string) => `.${kind}-${process.pid}-${name}`;

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false; // at start-up, nothing of ours is in progress yet
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Restores or removes the change files of processes that are gone; returns what it did, for the log. */
export async function recoverCorpus(corpusDir: string, logger: Logger): Promise<{ restored: string[]; removed: string[] }> {
  const restored: string[] = [];
  const removed: string[] = [];
  const entries = await readdir(corpusDir).catch(() => [] as string[]);
  for (const entry of entries) {
    const match = LEFTOVER.exec(entry);
    if (!match || isRunning(Number(match[2]))) continue;
    const kind = match[1] as "upload" | "previous" | "removed";
    const name = match[3]!;
    const leftover = path.join(corpusDir, entry);
    const original = path.join(corpusDir, name);
    // A previous version or a removed file whose place is empty goes back: the change never finished.
    if (kind !== "upload" && !(await exists(original))) {
      await rename(leftover, original);
      restored.push(name);
    } else {
      await rm(leftover, { force: true, recursive: true });
      removed.push(entry);
    }
  }
  if (restored.length > 0 || removed.length > 0) {
    logger.warn({ restored, removed }, "an interrupted publish or removal was found in the corpus folder and put right");
  }
  return { restored, removed };
}

/** Clears what builds and previews leave in DATA_DIR when interrupted: `.build-*` index folders, CURRENT temp files, upload copies. */
export async function cleanDataLeftovers(dataDir: string, indexDir: string, logger: Logger): Promise<void> {
  const cleared: string[] = [];
  for (const name of await readdir(indexDir).catch(() => [] as string[])) {
    if (name.startsWith(".build-") || /^CURRENT\.\d+\.tmp$/.test(name)) {
      await rm(path.join(indexDir, name), { recursive: true, force: true });
      cleared.push(`index/${name}`);
    }
  }
  const uploads = path.join(dataDir, UPLOADS_DIR);
  for (const name of await readdir(uploads).catch(() => [] as string[])) {
    await rm(path.join(uploads, name), { recursive: true, force: true });
    cleared.push(`${UPLOADS_DIR}/${name}`);
  }
  await mkdir(uploads, { recursive: true });
  if (cleared.length > 0) logger.info({ cleared }, "cleared what an interrupted build or preview left in DATA_DIR");
}
