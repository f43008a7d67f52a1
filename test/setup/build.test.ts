import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshness } from "../../scripts/build.mjs";
import { distillGeneralDictionary, GENERAL_DICTIONARY_FILE } from "../../src/engine/understand/typos.js";
import { jiebaDictionaryFile } from "../../src/index/tokenizer.js";
import { ROOT } from "../helpers/paths.js";

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "dist-freshness-"));
  for (const file of ["package.json", "package-lock.json", "scripts/build.mjs", "src/cli/ask.ts", "src/engine/engine.ts"]) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), "");
  }
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Records a build that started `ago` ms ago, read these sources and generated these files. */
function built(ago: number, files = ["src/cli/ask.ts", "src/engine/engine.ts"], generated: string[] = []): void {
  fs.mkdirSync(path.join(root, "dist"), { recursive: true });
  fs.writeFileSync(path.join(root, "dist", "inputs.json"), JSON.stringify({ startedAt: Date.now() - ago, files, generated }));
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

describe("the data a build generates", () => {
  it("rebuilds when a file the build generated is gone", () => {
    fs.writeFileSync(path.join(root, "dist-words.json"), "{}");
    built(1_000, undefined, ["dist-words.json"]);
    expect(freshness(root)).toBe("fresh");
    fs.rmSync(path.join(root, "dist-words.json"));
    expect(freshness(root)).toBe("dist-words.json is gone");
  });

  it("ships typo correction's everyday words exactly as distilled from the installed jieba dictionary", () => {
    // dist/ is built by the test setup; every copy (one beside each bundle holding typos.ts) is checked.
    const inputs = JSON.parse(fs.readFileSync(path.join(ROOT, "dist", "inputs.json"), "utf8")) as { generated: string[] };
    const copies = inputs.generated.filter((f) => path.basename(f) === GENERAL_DICTIONARY_FILE);
    expect(copies).toContain(`dist/cli/${GENERAL_DICTIONARY_FILE}`);
    const distilled = distillGeneralDictionary();
    for (const copy of copies) expect(JSON.parse(fs.readFileSync(path.join(ROOT, copy), "utf8"))).toEqual(distilled);
    // Two-character words joined end to end, sorted: 公司 and 负责 are everyday words of jieba's; 的 a function character.
    const twoCharacterWords = distilled.words["2"]?.match(/../g) ?? [];
    expect(twoCharacterWords).toEqual(expect.arrayContaining(["公司", "负责"]));
    expect(twoCharacterWords).toEqual([...twoCharacterWords].sort());
    expect(distilled.functionChars).toContain("的");
    expect(distilled.source.dictBytes).toBe(fs.statSync(jiebaDictionaryFile()).size);
  });
});
