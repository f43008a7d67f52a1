/**
 * Just enough of the ZIP format to size up a .docx before a parser inflates
 * it: the central directory's entries, and each entry inflated under a byte
 * budget, so a zip bomb costs at most the budget however its sizes are declared.
 */
import { inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** As the central directory declares it (a bomb may lie; `inflateEntry` does not trust it). */
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Why a file is not a ZIP archive this reader accepts. */
export class ZipFormatError extends Error {
  override name = "ZipFormatError";
}

/** Too many bytes: the archive inflates past the budget. */
export class ZipBudgetError extends Error {
  override name = "ZipBudgetError";
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries listed in the archive's central directory. */
export function zipEntries(bytes: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("no end of central directory record");
  const count = bytes.readUInt16LE(eocd + 10);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new ZipFormatError("ZIP64 archives are not supported");
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new ZipFormatError("damaged central directory");
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** An entry's bytes, inflated; throws ZipBudgetError past `maxBytes` of output. */
export function inflateEntry(bytes: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) throw new ZipFormatError(`damaged entry ${entry.name}`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new ZipBudgetError(entry.name);
    return data;
  }
  if (entry.method !== 8) throw new ZipFormatError(`entry ${entry.name} uses compression method ${entry.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new ZipBudgetError(entry.name);
    throw new ZipFormatError(`entry ${entry.name} cannot be inflated: ${(error as Error).message}`);
  }
}

/** How many times an XML element starts in `xml` (`<w:p>`, `<w:p w:rsidR=…>`, `<w:p/>`; not `<w:pPr>`). */
export function countElements(xml: Buffer, tag: string): number {
  const open = Buffer.from(`<${tag}`);
  let count = 0;
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + open.length)) {
    const next = xml[at + open.length];
    if (next === 0x3e || next === 0x20 || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) count++;
  }
  return count;
}
