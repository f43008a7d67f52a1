import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshness } from "../../scripts/build.mjs";

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "dist-freshness-"));
  for (const file of ["package.json", "package-lock.json", "scripts/build.mjs", "src/cli/ask.ts", "src/engine/engine.ts"]) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), "");
  }
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Records a build that started `ago` ms ago and read these sources. */
function built(ago: number, files = ["src/cli/ask.ts", "src/engine/engine.ts"]): void {
  fs.mkdirSync(path.join(root, "dist"), { recursive: true });
  fs.writeFileSync(path.join(root, "dist", "inputs.json"), JSON.stringify({ startedAt: Date.now() - ago, files }));
  const before = new Date(Date.now() - ago - 60_000);
  for (const file of ["package.json", "package-lock.json", "scripts/build.mjs", ...files]) fs.utimesSync(path.join(root, file), before, before);
}

describe("when the compiled CLI is rebuilt", () => {
  it("builds when dist/ was never built", () => {
    expect(freshness(root)).toBe("dist/ has not been built");
  });

  it("runs the bundle as it is while nothing it was built from changed", () => {
    built(1_000);
    expect(freshness(root)).toBe("fresh");
  });

  it("rebuilds when a source it was built from, or the dependencies, changed since", () => {
    built(60_000);
    fs.utimesSync(path.join(root, "src/engine/engine.ts"), new Date(), new Date());
    expect(freshness(root)).toBe("src/engine/engine.ts changed");
    built(60_000);
    fs.utimesSync(path.join(root, "package-lock.json"), new Date(), new Date());
    expect(freshness(root)).toBe("package-lock.json changed");
  });

  it("rebuilds when a source it was built from is gone", () => {
    built(1_000);
    fs.rmSync(path.join(root, "src/engine/engine.ts"));
    expect(freshness(root)).toBe("src/engine/engine.ts is gone");
  });
});
