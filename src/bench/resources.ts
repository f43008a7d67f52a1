import { readFile } from "node:fs/promises";

/** This process's peak resident set size so far, in bytes (the kernel's high-water mark). */
export function ownPeakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Another process's peak resident set size in bytes, from `VmHWM` in
 * /proc/<pid>/status (Linux); undefined where there is no /proc or the
 * process is gone. Read it before the process exits.
 */
export async function peakRssOf(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => undefined);
  const kb = status && /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : undefined;
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times, on every mainstream architecture. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, all threads) another process has used so far, in
 * milliseconds, from /proc/<pid>/stat; undefined where there is no /proc.
 * The difference of two readings is what a piece of work cost that process,
 * however busy the machine's other processes kept the cores.
 */
export async function cpuMsOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (!stat) return undefined;
  // Fields after the command name (which may hold spaces), from field 3 (state) on.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime + stime) ? ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND : undefined;
}
