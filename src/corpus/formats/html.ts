/**
 * HTML loader: walks the body in document order, turning block elements into
 * paragraphs and `<table>`s into table blocks. The .docx loader reuses it on
 * mammoth's HTML, which is why tables survive from Word documents.
 */
import { parse, HTMLElement, TextNode, type Node } from "node-html-parser";
import type { Block, TableBlock } from "../blocks.js";
import { DEFAULT_PARSE_LIMITS, overLimit, type ParseLimits } from "../limits.js";
import { joinLines, paragraph } from "./text.js";

/** Elements whose content is never document text. */
const SKIPPED = new Set(["script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object"]);

/** Elements that start and end a paragraph of their own. */
const BLOCK = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "div",
  "blockquote",
  "pre",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "nav",
  "aside",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "figure",
  "figcaption",
  "address",
  "hr",
  "center",
  "form",
  "fieldset",
  "caption",
  "body",
  "html",
]);

/** Elements that never have content. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen"]);
/** Elements the parser closes when a sibling opens (`<p>a<p>b`), so leaving them open does not nest. */
const SELF_CLOSING_SIBLINGS = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rt", "rp", "caption"]);
/** Elements whose content is raw text, where a `<div>` is not a tag. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "noscript", "template"]);

/**
 * The deepest element nesting of an HTML source, up to `limit` + 1: one
 * linear scan of its tags, so a file of unclosed `<div>`s is refused before
 * the tree parser, whose work grows with the square of the depth, sees it.
 */
export function htmlNestingDepth(html: string, limit: number): number {
  // Attributes stop at the next "<" too, so a source of unterminated tags is still scanned once.
  const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)([^<>]*)>/g;
  const lower = html.toLowerCase();
  const open: string[] = [];
  let deepest = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const [, closing, rawName, attributes] = m;
    if (rawName === undefined) continue; // a comment
    const name = rawName.toLowerCase();
    if (VOID.has(name) || SELF_CLOSING_SIBLINGS.has(name)) continue;
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
      continue;
    }
    if (attributes?.endsWith("/")) continue;
    if (RAW_TEXT.has(name)) {
      const end = lower.indexOf(`</${name}`, tag.lastIndex);
      tag.lastIndex = end < 0 ? html.length : end;
      continue;
    }
    open.push(name);
    deepest = Math.max(deepest, open.length);
    if (deepest > limit) break;
  }
  return deepest;
}

/** Reads an HTML document (as text) as blocks; refuses one nested deeper than the limit. */
export function htmlToBlocks(html: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Block[] {
  if (htmlNestingDepth(html, limits.maxNesting) > limits.maxNesting) throw overLimit("maxNesting", limits);
  const root = parse(html, { comment: false, blockTextElements: { pre: true } });
  const start = root.querySelector("body") ?? root;
  return new BlockCollector().collect(start);
}

/** Accumulates inline text into the current line and emits blocks at block boundaries. */
class BlockCollector {
  private readonly blocks: Block[] = [];
  private line = "";

  collect(node: Node): Block[] {
    this.visit(node, false);
    this.flush();
    return this.blocks;
  }

  private visit(node: Node, inPre: boolean): void {
    if (node instanceof TextNode) {
      this.addText(node.text, inPre);
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = node.rawTagName?.toLowerCase() ?? "";
    if (SKIPPED.has(tag)) return;
    if (tag === "br") return this.flush();
    if (tag === "table") return this.addTable(node);
    const isBlock = BLOCK.has(tag);
    if (isBlock) this.flush();
    for (const child of node.childNodes) this.visit(child, inPre || tag === "pre");
    if (isBlock) this.flush();
  }

  private addText(text: string, inPre: boolean): void {
    if (!inPre) {
      this.line += text.replace(/[\s\u00a0]+/g, " ");
      return;
    }
    // Inside <pre> every source line is a line of its own.
    const lines = text.split(/\r?\n/);
    lines.forEach((part, i) => {
      if (i > 0) this.flush();
      this.line += part;
    });
  }

  private flush(): void {
    this.blocks.push(...paragraph(this.line.replace(/ {2,}/g, " ")));
    this.line = "";
  }

  private addTable(table: HTMLElement): void {
    this.flush();
    const rows = tableRows(table);
    // A one-column table is page layout, not data: read its cells as ordinary content.
    if (rows.every((row) => row.length <= 1)) {
      for (const cell of rows.flat()) {
        this.visit(cell, false);
        this.flush();
      }
      return;
    }
    const block: TableBlock = { kind: "table", rows: rows.map((row) => row.flatMap(cellTexts)) };
    block.rows = block.rows.filter((row) => row.some((cell) => cell !== ""));
    if (block.rows.length > 0) this.blocks.push(block);
  }
}

/** The table's rows (header rows first) as lists of cell elements, ignoring nested tables' rows. */
function tableRows(table: HTMLElement): HTMLElement[][] {
  const head: HTMLElement[] = [];
  const body: HTMLElement[] = [];
  const foot: HTMLElement[] = [];
  for (const child of elementChildren(table)) {
    const tag = child.rawTagName.toLowerCase();
    if (tag === "tr") body.push(child);
    const group = tag === "thead" ? head : tag === "tbody" ? body : tag === "tfoot" ? foot : undefined;
    group?.push(...elementChildren(child).filter((el) => el.rawTagName.toLowerCase() === "tr"));
  }
  return [...head, ...body, ...foot].map((tr) => elementChildren(tr).filter((el) => ["td", "th"].includes(el.rawTagName.toLowerCase())));
}

/** A cell's text, repeated as empty cells for its colspan so columns stay aligned. */
function cellTexts(cell: HTMLElement): string[] {
  const texts = new BlockCollector().collect(cell).map((block) => (block.kind === "paragraph" ? block.text : block.rows.map((row) => row.join(" ")).join(" ")));
  const span = Math.min(Math.max(Number(cell.getAttribute("colspan") ?? 1) || 1, 1), 50);
  return [joinLines(texts), ...Array<string>(span - 1).fill("")];
}

function elementChildren(el: HTMLElement): HTMLElement[] {
  return el.childNodes.filter((n): n is HTMLElement => n instanceof HTMLElement);
}
