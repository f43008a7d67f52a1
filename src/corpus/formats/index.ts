/**
 * Reads any supported document into blocks. This is the one entry point the
 * rest of the corpus code uses; every problem with the file itself comes out
 * as a DocumentError naming the file and saying why. The parsers of the
 * heavier formats (pdf.js above all) are loaded on first use, so answering
 * from a built index never pays for them.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { DocumentError, type Block } from "../blocks.js";
import { READABLE_EXTENSIONS_TEXT, type ReadableExtension } from "../upload-policy.js";
import { DEFAULT_PARSE_LIMITS, overLimit, type ParseLimits } from "../limits.js";
import { decodeTextDocument, txtToBlocks } from "./txt.js";

/** How one format turns a file's bytes into blocks, and how to describe a file it cannot parse. */
interface Format {
  read(bytes: Buffer, file: string, limits: ParseLimits): Block[] | Promise<Block[]>;
  corrupt: string;
  empty: string;
}

const NO_TEXT = "the document contains no text";

const TEXT: Format = { read: (bytes, _file, limits) => txtToBlocks(bytes, limits), corrupt: "not a readable text file", empty: NO_TEXT };
const MARKDOWN: Format = {
  read: async (bytes, _file, limits) => (await import("./markdown.js")).markdownToBlocks(decodeTextDocument(bytes, limits), limits),
  corrupt: "not a readable Markdown file",
  empty: NO_TEXT,
};
const HTML: Format = {
  read: async (bytes, _file, limits) => (await import("./html.js")).htmlToBlocks(decodeTextDocument(bytes, limits), limits),
  corrupt: "not a readable HTML file",
  empty: NO_TEXT,
};
const DOCX: Format = {
  read: async (bytes, _file, limits) => (await import("./docx.js")).docxToBlocks(bytes, limits),
  corrupt: "not a valid Word .docx file (an old .doc or a renamed file must be re-saved as .docx)",
  empty: NO_TEXT,
};
const PDF: Format = {
  read: async (bytes, file, limits) => (await import("./pdf.js")).pdfToBlocks(bytes, file, limits),
  corrupt: "not a valid PDF file, or the PDF is damaged",
  empty: "the PDF contains no extractable text (a scanned PDF needs OCR before it can be added)",
};

/** Formats by lower-case extension. */
const FORMATS: Record<ReadableExtension, Format> = {
  ".txt": TEXT,
  ".md": MARKDOWN,
  ".html": HTML,
  ".htm": HTML,
  ".docx": DOCX,
  ".pdf": PDF,
};

/**
 * Reads a .txt, .md, .docx, .pdf or .html/.htm file as paragraphs and tables,
 * in document order. Throws DocumentError (and nothing else) when the file is
 * missing, unreadable, of an unsupported type, corrupt, past a limit, or has no text.
 */
export async function readBlocks(file: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<Block[]> {
  const extension = extname(file).toLowerCase();
  const format = (FORMATS as Record<string, Format | undefined>)[extension];
  if (!format) throw new DocumentError(file, unsupportedReason(extension));
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new DocumentError(file, unreadableReason(error), { cause: error });
  });
  let blocks: Block[];
  try {
    blocks = await format.read(bytes, file, limits);
    checkBlocks(blocks, limits);
  } catch (error) {
    if (error instanceof DocumentError) throw new DocumentError(file, error.reason, { cause: error, refusal: error.refusal });
    throw new DocumentError(file, `${format.corrupt}: ${messageOf(error)}`, { cause: error });
  }
  if (blocks.length === 0) throw new DocumentError(file, format.empty);
  return blocks;
}

/** The limits every format shares, on what it produced: blocks, characters, table cells. */
function checkBlocks(blocks: readonly Block[], limits: ParseLimits): void {
  if (blocks.length > limits.maxBlocks) throw overLimit("maxBlocks", limits);
  let chars = 0;
  let cells = 0;
  for (const block of blocks) {
    if (block.kind === "paragraph") chars += block.text.length;
    else
      for (const row of block.rows) {
        cells += row.length;
        for (const cell of row) chars += cell.length;
      }
  }
  if (cells > limits.maxTableCells) throw overLimit("maxTableCells", limits);
  if (chars > limits.maxChars) throw overLimit("maxChars", limits);
}

function unsupportedReason(extension: string): string {
  const supported = READABLE_EXTENSIONS_TEXT;
  if (extension === "") return `the file has no extension; supported types are ${supported}`;
  const hint = extension === ".doc" ? " (save it as .docx first)" : extension === ".wps" ? " (save it as .docx first)" : "";
  return `unsupported file type "${extension}"${hint}; supported types are ${supported}`;
}

function unreadableReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "file not found";
  if (code === "EACCES" || code === "EPERM") return "permission denied: the file cannot be read";
  if (code === "EISDIR") return "this is a folder, not a file";
  return `the file cannot be read (${code ?? messageOf(error)})`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
