/** Plain-text loader: one paragraph per non-empty line. */
import type { Block } from "../blocks.js";
import { DocumentError } from "../blocks.js";
import { DEFAULT_PARSE_LIMITS, NOT_TEXT_REASON, overLimit, type ParseLimits } from "../limits.js";
import { paragraph } from "./text.js";

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 with a BOM, and
 * otherwise GB18030, the legacy encoding of many Chinese government files.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    // TextDecoder strips a UTF-8 BOM by default.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** Control characters no text document holds (tab, line breaks and form feed are text), or an undecodable byte. */
function isNotTextChar(code: number): boolean {
  return code <= 0x08 || (code >= 0x0e && code <= 0x1f) || code === 0x7f || code === 0xfffd;
}

/**
 * Decodes a text-based document (.txt, .md, .html) and checks it is text:
 * a NUL byte, or more than one character in a hundred that is a control
 * character or undecodable, means a binary file renamed (an executable, an
 * image) and it is refused; so is text longer than the limit.
 */
export function decodeTextDocument(bytes: Uint8Array, limits: ParseLimits = DEFAULT_PARSE_LIMITS): string {
  const text = decodeText(bytes);
  if (text.includes("\u0000")) throw new DocumentError("", NOT_TEXT_REASON, { refusal: "not_text" });
  if (text.length > limits.maxChars) throw overLimit("maxChars", limits);
  let odd = 0;
  for (let i = 0; i < text.length; i++) if (isNotTextChar(text.charCodeAt(i))) odd++;
  if (odd > 8 && odd > text.length / 100) throw new DocumentError("", NOT_TEXT_REASON, { refusal: "not_text" });
  return text;
}

/** Reads a .txt file's bytes as blocks. */
export function txtToBlocks(bytes: Uint8Array, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Block[] {
  const lines = decodeTextDocument(bytes, limits).split(/\r\n|\r|\n|\u2028|\u2029/);
  const blocks: Block[] = [];
  for (const line of lines) {
    blocks.push(...paragraph(line));
    if (blocks.length > limits.maxBlocks) throw overLimit("maxBlocks", limits);
  }
  return blocks;
}
