// Runs one compiled CLI entry: `node scripts/run.mjs ask --json "问题"`. Rebuilds dist/ first when a
// source is newer than the bundle (a few stat calls when it is not), then imports the entry in this process.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DIST, ENTRIES, ensureDist } from "./build.mjs";

const name = process.argv[2] ?? "";
const entry = `cli/${name}`;
if (!(entry in ENTRIES)) {
  process.stderr.write(
    `Usage: node scripts/run.mjs ${Object.keys(ENTRIES)
      .filter((e) => e.startsWith("cli/"))
      .map((e) => e.slice(4))
      .join("|")} [arguments]\n`,
  );
  process.exit(2);
}
await ensureDist();
// The entry reads its own arguments from process.argv, as if it had been started directly.
process.argv.splice(2, 1);
await import(pathToFileURL(path.join(DIST, `${entry}.js`)).href);
