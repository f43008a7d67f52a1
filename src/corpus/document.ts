import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DocumentError } from "./blocks.js";
import { readBlocks } from "./formats/index.js";
import { detectDocumentMeta } from "./document-meta.js";
import { DEFAULT_PARSE_LIMITS, limitReason, type ParseLimits } from "./limits.js";
import { buildRecords } from "./records.js";
import { recoverStructure, type SectionNode } from "./structure.js";
import type { PolicyDocument } from "./types.js";

/** A short, stable id for a corpus file, usable in record ids and 64-byte Telegram callback data. */
export function documentIdFor(file: string): string {
  return "d" + createHash("sha1").update(file.normalize("NFC")).digest("hex").slice(0, 8);
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Reads one file of the corpus into a structured document, in this process.
 * Throws `DocumentError` (which file, why) when it cannot be read, is past
 * one of the limits, or holds no citable text. Untrusted files go through
 * `parseDocuments` (./parser.ts), which runs this in a child process.
 */
export async function loadDocument(absolutePath: string, relativeName = path.basename(absolutePath), limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<PolicyDocument> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (cause) {
    throw new DocumentError(relativeName, "the file cannot be read", { cause });
  }
  // Name the file as the corpus knows it, never by the server's absolute path.
  const blocks = await readBlocks(absolutePath, limits).catch((error: unknown) => {
    throw error instanceof DocumentError ? new DocumentError(relativeName, error.reason, { cause: error, refusal: error.refusal }) : error;
  });
  const fallbackTitle = path.basename(relativeName, path.extname(relativeName));
  const structure = recoverStructure(blocks, fallbackTitle);
  // Records carry their whole heading path, so depth costs its square: bound it before building them.
  if (headingDepth(structure.sections) > limits.maxNesting) throw new DocumentError(relativeName, limitReason("maxNesting", limits), { refusal: "limit" });
  const id = documentIdFor(relativeName);
  const { records, outline } = buildRecords(id, structure);
  if (records.length === 0) throw new DocumentError(relativeName, "no text was found to cite (no section or paragraph with a body)");
  const fullText = blocks.map((b) => (b.kind === "paragraph" ? b.text : b.rows.map((r) => r.join(" ")).join("\n"))).join("\n");
  const meta = detectDocumentMeta(structure.title, fullText);
  return { id, file: relativeName, title: structure.title, meta, sha256: sha256(bytes), outline, records };
}

/** How deep the heading tree goes, without recursing into it. */
function headingDepth(sections: readonly SectionNode[]): number {
  let deepest = 0;
  const pending: [SectionNode, number][] = sections.map((node) => [node, 1]);
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [node, depth] = item;
    deepest = Math.max(deepest, depth);
    for (const child of node.children) pending.push([child, depth + 1]);
  }
  return deepest;
}
