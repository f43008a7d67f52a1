/**
 * Documents built to hurt a parser, generated at run time (never committed):
 * the reproductions of issue 11, for the benchmark's "hostile documents"
 * phase and the tests that prove each is refused without harm.
 */
import { crc32, createDeflateRaw, deflateRawSync } from "node:zlib";

export interface HostileDocument {
  /** A short label for reports. */
  label: string;
  /** The upload's file name. */
  file: string;
  bytes: Buffer;
}

/** One entry of a ZIP archive to write: its bytes, or a deflated stream with its real size and CRC. */
interface ZipInput {
  name: string;
  deflated: Buffer;
  crc: number;
  size: number;
  /** Declared in the headers instead of `size` (a lying bomb). */
  declaredSize?: number;
}

const entryOf = (name: string, content: string | Buffer): ZipInput => {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
  return { name, deflated: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
};

/** A ZIP archive of deflated entries (what a .docx is). */
export function zipArchive(entries: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const size = entry.declaredSize ?? entry.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.deflated.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + entry.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** The document.xml of a .docx whose body is `paragraphs` (already XML). */
const documentXml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;

/** A minimal, valid .docx of the given paragraphs' text. */
export function docxOf(paragraphs: readonly string[], extra: readonly ZipInput[] = []): Buffer {
  const body = paragraphs.map((text) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`).join("");
  return zipArchive([entryOf("[Content_Types].xml", CONTENT_TYPES), entryOf("_rels/.rels", RELS), entryOf("word/document.xml", documentXml(body)), ...extra]);
}

/** Deflates `size` zero bytes without holding them: a zip bomb's payload. */
async function deflatedZeros(size: number): Promise<ZipInput & { name: string }> {
  const chunk = Buffer.alloc(1 << 20);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (data: Buffer) => out.push(data));
  const finished = new Promise<void>((resolve, reject) => deflate.once("end", resolve).once("error", reject));
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await finished;
  return { name: "word/media/image1.bin", deflated: Buffer.concat(out), crc, size };
}

/** 4,000 or more unclosed `<div>`s: quadratic in a tree parser. */
export function nestedDivsHtml(depth = 25_000): HostileDocument {
  return { label: `${depth.toLocaleString("en")} unclosed <div>`, file: "nested-divs.html", bytes: Buffer.from(`<html><body>${"<div>".repeat(depth)}泰安</body></html>`) };
}

/** A small .docx whose document.xml holds millions of empty paragraphs. */
export function paragraphBombDocx(paragraphs = 5_000_000): HostileDocument {
  const body = "<w:p/>".repeat(paragraphs);
  const bytes = zipArchive([entryOf("[Content_Types].xml", CONTENT_TYPES), entryOf("_rels/.rels", RELS), entryOf("word/document.xml", documentXml(body))]);
  return { label: `.docx of ${paragraphs.toLocaleString("en")} paragraphs`, file: "paragraph-bomb.docx", bytes };
}

/** A .docx with an entry of zeros that inflates to `inflatedBytes`; `lie` declares it tiny in the headers. */
export async function zipBombDocx(inflatedBytes = 1 << 30, lie = false): Promise<HostileDocument> {
  const bomb = await deflatedZeros(inflatedBytes);
  const bytes = docxOf(["第一条 总则。"], [{ ...bomb, ...(lie ? { declaredSize: 1024 } : {}) }]);
  return {
    label: `zip bomb .docx (${Math.round(inflatedBytes / 1048576)} MB inflated${lie ? ", sizes lied about" : ""})`,
    file: lie ? "lying-zip-bomb.docx" : "zip-bomb.docx",
    bytes,
  };
}

/** A .txt of numbered measures, one a line, each a list restarting at 1 (the tree goes as deep as it is long). */
export function manyMeasuresTxt(measures = 100_000): HostileDocument {
  const lines = Array.from({ length: measures }, (_, i) => `1.加强知识产权保护措施第${i + 1}项（责任单位：市市场监管局）`);
  return { label: `.txt of ${measures.toLocaleString("en")} measures`, file: "many-measures.txt", bytes: Buffer.from(lines.join("\n")) };
}

/** A GFM table of `rows` × `columns` cells. */
export function hugeMarkdownTable(rows = 2_000, columns = 1_000): HostileDocument {
  const row = (cell: string) => `|${Array<string>(columns).fill(cell).join("|")}|`;
  const lines = [row("项目"), row("---"), ...Array.from({ length: rows }, () => row("1"))];
  return { label: `Markdown table ${rows.toLocaleString("en")} × ${columns.toLocaleString("en")}`, file: "huge-table.md", bytes: Buffer.from(lines.join("\n")) };
}

/** A megabyte of NUL bytes named .txt. */
export function nulText(bytes = 1 << 20): HostileDocument {
  return { label: "1 MB of NUL bytes as .txt", file: "nul-bytes.txt", bytes: Buffer.alloc(bytes) };
}

/** Every hostile document of the benchmark, in the order it previews them. */
export async function hostileDocuments(): Promise<HostileDocument[]> {
  return [nestedDivsHtml(), paragraphBombDocx(), await zipBombDocx(), await zipBombDocx(256 << 20, true), manyMeasuresTxt(), hugeMarkdownTable(), nulText()];
}
