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
import { decodeText, txtToBlocks } from "./txt.js";

/** How one format turns a file's bytes into blocks, and how to describe a file it cannot parse. */
interface Format {
  read(bytes: Buffer, file: string): Block[] | Promise<Block[]>;
  corrupt: string;
  empty: string;
}

const NO_TEXT = "the document contains no text";

const TEXT: Format = { read: txtToBlocks, corrupt: "not a readable text file", empty: NO_TEXT };
const MARKDOWN: Format = {
  read: async (bytes) => (await import("./markdown.js")).markdownToBlocks(decodeText(bytes)),
  corrupt: "not a readable Markdown file",
  empty: NO_TEXT,
};
const HTML: Format = { read: async (bytes) => (await import("./html.js")).htmlToBlocks(decodeText(bytes)), corrupt: "not a readable HTML file", empty: NO_TEXT };
const DOCX: Format = {
  read: async (bytes) => (await import("./docx.js")).docxToBlocks(bytes),
  corrupt: "not a valid Word .docx file (an old .doc or a renamed file must be re-saved as .docx)",
  empty: NO_TEXT,
};
const PDF: Format = {
  read: async (bytes, file) => (await import("./pdf.js")).pdfToBlocks(bytes, file),
  corrupt: "not a valid PDF file, or the PDF is damaged",
  empty: "the PDF contains no extractable text (a scanned PDF needs OCR before it can be added)",
};

/** Formats by lower-case extension. */
const FORMATS: Record<string, Format> = {
  ".txt": TEXT,
  ".md": MARKDOWN,
  ".html": HTML,
  ".htm": HTML,
  ".docx": DOCX,
  ".pdf": PDF,
};

/** Extensions readBlocks accepts, for messages and file pickers. */
export const READABLE_EXTENSIONS = Object.keys(FORMATS);

/**
 * Reads a .txt, .md, .docx, .pdf or .html/.htm file as paragraphs and tables,
 * in document order. Throws DocumentError (and nothing else) when the file is
 * missing, unreadable, of an unsupported type, corrupt, or has no text.
 */
export async function readBlocks(file: string): Promise<Block[]> {
  const extension = extname(file).toLowerCase();
  const format = FORMATS[extension];
  if (!format) throw new DocumentError(file, unsupportedReason(extension));
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new DocumentError(file, unreadableReason(error), { cause: error });
  });
  let blocks: Block[];
  try {
    blocks = await format.read(bytes, file);
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError(file, `${format.corrupt}: ${messageOf(error)}`, { cause: error });
  }
  if (blocks.length === 0) throw new DocumentError(file, format.empty);
  return blocks;
}

function unsupportedReason(extension: string): string {
  const supported = READABLE_EXTENSIONS.join(", ");
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
