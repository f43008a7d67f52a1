/**
 * Markdown loader: headings, paragraphs and list items become paragraphs;
 * GFM tables become table blocks (header row first).
 */
import { Lexer, type Token, type Tokens } from "marked";
import type { Block } from "../blocks.js";
import { htmlToBlocks } from "./html.js";
import { HEADING_MARKER, joinLines, paragraph } from "./text.js";

/** Reads Markdown source as blocks. */
export function markdownToBlocks(source: string): Block[] {
  return blocksOf(new Lexer({ gfm: true }).lex(source));
}

function blocksOf(tokens: readonly Token[]): Block[] {
  return tokens.flatMap((token) => blockOf(token as Tokens.Generic));
}

function blockOf(token: Tokens.Generic): Block[] {
  switch (token.type) {
    case "heading":
      return paragraph(joinLines(inlineText(token.tokens).split("\n")));
    case "paragraph":
    case "text":
      return token.tokens ? softParagraphs(inlineText(token.tokens)) : softParagraphs(String(token.text));
    case "list":
      return (token as Tokens.List).items.flatMap((item, i) => listItem(token as Tokens.List, item, i));
    case "blockquote":
      return blocksOf(token.tokens ?? []);
    case "table":
      return [tableOf(token as Tokens.Table)];
    case "code":
      return String(token.text).split("\n").flatMap((line) => paragraph(line));
    case "html":
      return htmlToBlocks(String(token.text));
    default:
      return []; // space, hr, def
  }
}

/**
 * One list item. An ordered item keeps its number ("1. …") because in policy
 * text the number is part of the measure's heading.
 */
function listItem(list: Tokens.List, item: Tokens.ListItem, index: number): Block[] {
  const blocks = blocksOf(item.tokens);
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
