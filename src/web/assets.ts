import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";
import { projectRoot } from "../config/project-root.js";

/** One file the server sends as is. */
export interface Asset {
  body: string;
  type: string;
}

const PUBLIC_DIR = path.join(projectRoot(), "src", "web", "public") + path.sep;

/** The browser scripts, written in TypeScript beside the pages and bundled at start. */
const SCRIPTS = { "/assets/staff.js": "staff.ts", "/assets/admin.js": "admin.ts", "/assets/login.js": "login.ts" } as const;

/**
 * Builds the console's pages into memory once, at server start: the two HTML
 * pages, the stylesheet and the browser scripts bundled by esbuild (no build
 * step, no files written). Keyed by the URL path they are served under.
 */
export function buildAssets(): Map<string, Asset> {
  const read = (name: string) => fs.readFileSync(PUBLIC_DIR + name, "utf8");
  const assets = new Map<string, Asset>([
    ["/", { body: read("index.html"), type: "text/html; charset=utf-8" }],
    ["/admin", { body: read("admin.html"), type: "text/html; charset=utf-8" }],
    ["/login", { body: read("login.html"), type: "text/html; charset=utf-8" }],
    ["/assets/style.css", { body: read("style.css"), type: "text/css; charset=utf-8" }],
  ]);
  for (const [url, entry] of Object.entries(SCRIPTS)) {
    const result = buildSync({
      entryPoints: [PUBLIC_DIR + entry],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2020",
      charset: "utf8",
      legalComments: "none",
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
    assets.set(url, { body: output.text, type: "text/javascript; charset=utf-8" });
  }
  return assets;
}
