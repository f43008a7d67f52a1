/** Plain-text loader: one paragraph per non-empty line. */
import type { Block } from "../blocks.js";
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

/** Reads a .txt file's bytes as blocks. */
export function txtToBlocks(bytes: Uint8Array): Block[] {
  return decodeText(bytes)
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .flatMap((line) => paragraph(line));
}
