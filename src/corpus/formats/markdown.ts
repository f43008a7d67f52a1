/**
 * Markdown loader: headings, paragraphs and list items become paragraphs;
 * GFM tables become table blocks (header row first).
 */
import { Lexer, type Token, type Tokens } from "marked";
import type { Block } from "../blocks.js";
import { DEFAULT_PARSE_LIMITS, overLimit, type ParseLimits } from "../limits.js";
import { htmlToBlocks } from "./html.js";
import { HEADING_MARKER, joinLines, paragraph } from "./text.js";

/**
 * Reads Markdown source as blocks. The lexer and this reader recurse into
 * quotes and lists, so a source nested deeper than the limit is refused
 * first, and so is one with more table cells than allowed.
 */
export function markdownToBlocks(source: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Block[] {
  if (markdownNestingDepth(source, limits.maxNesting) > limits.maxNesting) throw overLimit("maxNesting", limits);
  // Every cell of a GFM table is bounded by a pipe: more pipes than allowed cells (and a margin for row ends) is too many.
  let pipes = 0;
  for (let at = source.indexOf("|"); at >= 0; at = source.indexOf("|", at + 1)) pipes++;
  if (pipes > limits.maxTableCells * 1.2) throw overLimit("maxTableCells", limits);
  return blocksOf(new Lexer({ gfm: true }).lex(source), limits);
}

/**
 * The deepest nesting a line of Markdown opens: its quote markers (`>`) and
 * list markers (`-`, `1.`) at the start, one level each, and its
 * indentation, a level per two spaces. Scans each line once.
 */
export function markdownNestingDepth(source: string, limit: number): number {
  const marker = /^[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))/;
  let deepest = 0;
  for (const line of source.split("\n")) {
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, "    ").length;
    let depth = Math.floor(indent / 2);
    let rest = line;
    for (let m = marker.exec(rest); m && depth <= limit; m = marker.exec(rest)) {
      depth++;
      rest = rest.slice(m[0].length);
    }
    deepest = Math.max(deepest, depth);
    if (deepest > limit) break;
  }
  return deepest;
}

function blocksOf(tokens: readonly Token[], limits: ParseLimits): Block[] {
  return tokens.flatMap((token) => blockOf(token as Tokens.Generic, limits));
}

function blockOf(token: Tokens.Generic, limits: ParseLimits): Block[] {
  switch (token.type) {
    case "heading":
      return paragraph(joinLines(inlineText(token.tokens).split("\n"))).map((block) => ({ ...block, heading: true }));
    case "paragraph":
    case "text":
      return token.tokens ? softParagraphs(inlineText(token.tokens)) : softParagraphs(String(token.text));
    case "list":
      return (token as Tokens.List).items.flatMap((item, i) => listItem(token as Tokens.List, item, i, limits));
    case "blockquote":
      return blocksOf(token.tokens ?? [], limits);
    case "table":
      return [tableOf(token as Tokens.Table)];
    case "code":
      return String(token.text)
        .split("\n")
        .flatMap((line) => paragraph(line));
    case "html":
      return htmlToBlocks(String(token.text), limits);
    default:
      return []; // space, hr, def
  }
}

/**
 * One list item. An ordered item keeps its number ("1. …") because in policy
 * text the number is part of the measure's heading.
 */
function listItem(list: Tokens.List, item: Tokens.ListItem, index: number, limits: ParseLimits): Block[] {
  const blocks = blocksOf(item.tokens, limits);
  const first = blocks[0];
  if (list.ordered && first?.kind === "paragraph") {
    const marker = /^\s*\d+([.)])/.exec(item.raw)?.[1] ?? ".";
    const number = (typeof list.start === "number" ? list.start : 1) + index;
    first.text = `${number}${marker} ${first.text}`;
  }
  return blocks;
}

function tableOf(table: Tokens.Table): Block {
  const row = (cells: Tokens.TableCell[]): string[] => cells.map((cell) => joinLines(inlineText(cell.tokens).split("\n")));
  return { kind: "table", rows: [row(table.header), ...table.rows.map(row)] };
}

/** Marks a hard line break (two trailing spaces or a backslash), which always ends a paragraph. */
const HARD_BREAK = "\u2028";

/**
 * Splits a Markdown paragraph at its soft line breaks only where the next line
 * opens a numbered heading: Chinese policy files converted to Markdown often
 * put each measure on its own line without a blank line between them.
 */
function softParagraphs(text: string): Block[] {
  const groups: string[][] = [];
  for (const line of text.split("\n")) {
    const last = groups.at(-1);
    if (last === undefined || line.startsWith(HARD_BREAK) || HEADING_MARKER.test(line)) {
      groups.push([line.replace(HARD_BREAK, "")]);
    } else last.push(line);
  }
  return groups.flatMap((lines) => paragraph(joinLines(lines)));
}

/** The plain text of inline tokens: formatting dropped, hard breaks kept as newlines. */
function inlineText(tokens: readonly Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      const t = token as Tokens.Generic;
      if (t.type === "br") return `\n${HARD_BREAK}`;
      if (t.type === "html") return "";
      if (t.type === "image") return String(t.text ?? "");
      if (t.tokens && t.tokens.length > 0) return inlineText(t.tokens);
      return String(t.text ?? "");
    })
    .join("");
}
