import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APT_PACKAGES, type ChromiumHost, ensureChromium } from "../helpers/chromium.js";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-lookup-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function executable(name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, "#!/bin/sh\n", { mode: 0o755 });
  return file;
}

/** A machine with no browser in `dir`; `apt-get install` "installs" one there. */
function host(overrides: Partial<ChromiumHost> = {}): ChromiumHost & { commands: string[]; lines: string[] } {
  const commands: string[] = [];
  const lines: string[] = [];
  return {
    env: {},
    candidates: [path.join(dir, "chromium")],
    isExecutable: (file) => fs.existsSync(file) && (fs.statSync(file).mode & 0o111) !== 0,
    isRoot: true,
    hasApt: true,
    run(command, args) {
      commands.push([command, ...args].join(" "));
      if (args[0] === "install") executable("chromium");
      return 0;
    },
    log: (line) => lines.push(line),
    commands,
    lines,
    ...overrides,
  };
}

describe("finding the browser the browser tests drive", () => {
  it("uses the Chromium that is there, installing nothing", () => {
    const browser = executable("chromium");
    const machine = host();
    expect(ensureChromium(machine)).toEqual({ ok: true, path: browser, installed: false });
    expect(machine.commands).toEqual([]);
  });

  it("prefers CHROMIUM_PATH over the usual places", () => {
    executable("chromium");
    const other = executable("my-chrome");
    expect(ensureChromium(host({ env: { CHROMIUM_PATH: other } }))).toMatchObject({ ok: true, path: other });
  });

  it("installs Debian's chromium through apt when it is missing and this is root, saying so", () => {
    const machine = host();
    const lookup = ensureChromium(machine);
    expect(lookup).toEqual({ ok: true, path: path.join(dir, "chromium"), installed: true });
    expect(machine.commands).toEqual(["apt-get update -q", `apt-get install -y -q ${APT_PACKAGES.join(" ")}`]);
    expect(machine.lines.join("\n")).toContain("installing Debian's chromium");
  });

  it("names the one command that fixes it when it cannot install", () => {
    const notRoot = host({ isRoot: false });
    expect(ensureChromium(notRoot)).toEqual({ ok: false, message: expect.stringContaining("Fix: sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk") });
    expect(notRoot.commands).toEqual([]);
    expect(ensureChromium(host({ hasApt: false }))).toEqual({ ok: false, message: expect.stringContaining("CHROMIUM_PATH=/path/to/chromium npm test") });
    expect(ensureChromium(host({ env: { CHROMIUM_PATH: path.join(dir, "nowhere") } }))).toEqual({ ok: false, message: expect.stringContaining("is not an executable file") });
  });

  it("reports a failed apt-get with the command to run", () => {
    const machine = host({ run: () => 100 });
    expect(ensureChromium(machine)).toEqual({ ok: false, message: expect.stringContaining("exit code 100") });
  });
});
