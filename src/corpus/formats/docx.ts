/**
 * Word (.docx) loader: the archive is sized up first (what it inflates to,
 * how many paragraphs and table cells its document holds), then mammoth
 * turns it into HTML, which the HTML loader reads, tables included.
 */
import mammoth from "mammoth";
import type { Block } from "../blocks.js";
import { DEFAULT_PARSE_LIMITS, overLimit, type ParseLimits } from "../limits.js";
import { htmlToBlocks } from "./html.js";
import { countElements, inflateEntry, ZipBudgetError, zipEntries } from "./zip.js";

/** Reads a .docx file's bytes as blocks; rejects when the bytes are not a Word document or exceed a limit. */
export async function docxToBlocks(bytes: Buffer, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<Block[]> {
  checkArchive(bytes, limits);
  const { value } = await mammoth.convertToHtml({ buffer: bytes }, { externalFileAccess: false });
  return htmlToBlocks(value, limits);
}

/**
 * Inflates every entry under the limit's budget (declared sizes first, as
 * the cheap test; then the real output, which a bomb cannot lie about) and
 * counts the main document's paragraphs and cells before any XML is parsed.
 */
function checkArchive(bytes: Buffer, limits: ParseLimits): void {
  const entries = zipEntries(bytes);
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > limits.maxInflatedBytes) throw overLimit("maxInflatedBytes", limits);
  let budget = limits.maxInflatedBytes;
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    let data: Buffer;
    try {
      data = inflateEntry(bytes, entry, budget);
    } catch (error) {
      if (error instanceof ZipBudgetError) throw overLimit("maxInflatedBytes", limits);
      throw error;
    }
    budget -= data.length;
    if (entry.name === "word/document.xml") {
      if (countElements(data, "w:p") > limits.maxBlocks) throw overLimit("maxBlocks", limits);
      if (countElements(data, "w:tc") > limits.maxTableCells) throw overLimit("maxTableCells", limits);
    }
  }
}
