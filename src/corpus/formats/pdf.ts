/**
 * PDF loader: reads positioned text with pdfjs (fully offline, no worker
 * thread, no font loading) and hands it to the layout reader.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Block } from "../blocks.js";
import { DocumentError } from "../blocks.js";
import { DEFAULT_PARSE_LIMITS, overLimit, type ParseLimits } from "../limits.js";
import { layoutBlocks, type TextRun } from "./pdf-layout.js";

/** pdfjs's bundled data: character maps for CJK fonts without a ToUnicode table, and the standard fonts. */
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/** Reads a PDF file's bytes as blocks; rejects when pdfjs cannot open them. */
export async function pdfToBlocks(bytes: Uint8Array, file: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<Block[]> {
  const task = getDocument({
    // pdfjs detaches the buffer it is given, so hand it a copy.
    data: new Uint8Array(bytes),
    cMapUrl: join(PDFJS_DIR, "cmaps") + "/",
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, "standard_fonts") + "/",
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      if (error instanceof Error && error.name === "PasswordException") {
        throw new DocumentError(file, "the PDF is password-protected; save an unprotected copy", { cause: error });
      }
      throw error;
    });
    if (pdf.numPages > limits.maxPdfPages) throw overLimit("maxPdfPages", limits);
    const pages: TextRun[][] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      pages.push(content.items.flatMap((item) => ("str" in item ? [toRun(item)] : [])));
      page.cleanup();
    }
    return layoutBlocks(pages);
  } finally {
    await task.destroy();
  }
}

function toRun(item: { str: string; transform: number[]; width: number; height: number }): TextRun {
  const [a = 1, b = 0, c = 0, d = 1, x = 0, y = 0] = item.transform;
  const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
  return { text: item.str, x, y, width: item.width, size };
}
