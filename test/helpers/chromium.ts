import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

/** Where a Chromium is looked for, after `CHROMIUM_PATH`: Debian's and Ubuntu's packages. */
export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** What Debian needs for the browser tests: the browser and CJK fonts for readable screenshots. */
export const APT_PACKAGES = ["chromium", "fonts-noto-cjk"];

/** The flags every browser test launches Chromium with (headless, no network of its own). */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The machine as the lookup sees it; injectable so the logic is tested without touching the real one. */
export interface ChromiumHost {
  env: Record<string, string | undefined>;
  candidates: readonly string[];
  isExecutable(file: string): boolean;
  isRoot: boolean;
  /** Debian or a derivative with apt-get on the PATH. */
  hasApt: boolean;
  /** Runs a command with its output shown; returns its exit code. */
  run(command: string, args: readonly string[]): number;
  log(line: string): void;
}

export type ChromiumLookup = { ok: true; path: string; installed: boolean } | { ok: false; message: string };

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string, env: Record<string, string | undefined>): boolean {
  return (env.PATH ?? "").split(path.delimiter).some((dir) => dir !== "" && isExecutable(path.join(dir, command)));
}

/** This machine. */
export function realHost(): ChromiumHost {
  return {
    env: process.env,
    candidates: CHROMIUM_CANDIDATES,
    isExecutable,
    isRoot: process.getuid?.() === 0,
    hasApt: fs.existsSync("/etc/debian_version") && onPath("apt-get", process.env),
    run: (command, args) => spawnSync(command, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status ?? 1,
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

/** The first Chromium found: `CHROMIUM_PATH` when set (and only it), else the usual places. */
export function findChromium(host: Pick<ChromiumHost, "env" | "candidates" | "isExecutable">): string | undefined {
  const configured = host.env.CHROMIUM_PATH;
  if (configured) return host.isExecutable(configured) ? configured : undefined;
  return host.candidates.find((file) => host.isExecutable(file));
}

/**
 * Finds the browser the browser tests drive, installing Debian's `chromium`
 * through apt when it is missing and this is root on Debian. When it cannot,
 * the message names the one command that fixes it.
 */
export function ensureChromium(host: ChromiumHost): ChromiumLookup {
  const configured = host.env.CHROMIUM_PATH;
  const found = findChromium(host);
  if (found) return { ok: true, path: found, installed: false };
  if (configured) return { ok: false, message: `CHROMIUM_PATH=${configured} is not an executable file. Fix: unset CHROMIUM_PATH, or point it at a Chromium binary.` };
  const install = `apt-get install -y ${APT_PACKAGES.join(" ")}`;
  if (!host.hasApt) {
    return { ok: false, message: `No Chromium found (looked at ${host.candidates.join(", ")}). Fix: install Chromium and run CHROMIUM_PATH=/path/to/chromium npm test` };
  }
  if (!host.isRoot) {
    return { ok: false, message: `No Chromium found (looked at ${host.candidates.join(", ")}). Fix: sudo apt-get update && sudo ${install}` };
  }
  host.log(`No Chromium found for the browser tests: installing Debian's chromium (apt-get update && ${install})`);
  const code = host.run("apt-get", ["update", "-q"]) || host.run("apt-get", ["install", "-y", "-q", ...APT_PACKAGES]);
  const installed = code === 0 ? findChromium(host) : undefined;
  if (!installed) return { ok: false, message: `Installing Chromium failed (apt-get exit code ${code}). Fix: apt-get update && ${install}` };
  host.log(`Chromium installed at ${installed}`);
  return { ok: true, path: installed, installed: true };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Set by test/setup/global.ts: the outcome of `ensureChromium` on this machine. */
    chromium: ChromiumLookup;
  }
}

/** The Chromium every browser test launches; throws the fix when there is none. */
export function chromiumPath(): string {
  const lookup = inject("chromium") ?? ensureChromium(realHost());
  if (!lookup.ok) throw new Error(lookup.message);
  return lookup.path;
}
