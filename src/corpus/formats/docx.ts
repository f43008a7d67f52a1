/** Word (.docx) loader: mammoth turns the document into HTML, which the HTML loader reads, tables included. */
import mammoth from "mammoth";
import type { Block } from "../blocks.js";
import { htmlToBlocks } from "./html.js";

/** Reads a .docx file's bytes as blocks; rejects when the bytes are not a Word document. */
export async function docxToBlocks(bytes: Buffer): Promise<Block[]> {
  const { value } = await mammoth.convertToHtml({ buffer: bytes }, { externalFileAccess: false });
  return htmlToBlocks(value);
}
