/**
 * Rebuilds paragraphs and simple tables from the positioned text of PDF pages.
 * A PDF has no paragraphs, only glyph runs at coordinates, so this reads the
 * layout the way a person would: lines by baseline, paragraph breaks by short
 * lines, indents and heading numbers, table rows by wide column gaps.
 */
import type { Block } from "../blocks.js";
import { HEADING_MARKER, isCjk, joinFragment, joinLines, paragraph } from "./text.js";

/** One run of text on a page, in PDF points (y grows upwards). */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font size, from the text matrix. */
  size: number;
}

/** A visual line: its text split into cells at wide gaps (one cell for ordinary text). */
interface Line {
  cells: Cell[];
  x: number;
  right: number;
  y: number;
  size: number;
  text: string;
}

interface Cell {
  text: string;
  x: number;
  right: number;
}

/** A gap this many font sizes wide separates table cells rather than words. */
const CELL_GAP = 1.5;
/** A line ending this many font sizes before the right margin ends its paragraph. */
const SHORT_LINE = 1.5;
/** A line starting this many font sizes right of the previous one is an indented first line. */
const INDENT = 0.9;

/** Turns the text runs of each page (in page order) into blocks. */
export function layoutBlocks(pages: readonly TextRun[][]): Block[] {
  const pageLines = pages.map((runs) => dropPageNumber(groupLines(runs)));
  const body = pageLines.flat().filter((line) => line.cells.length === 1);
  const leftMargin = Math.min(...body.map((line) => line.x));
  const rightMargin = textRightMargin(body);
  const blocks: Block[] = [];
  let paragraphLines: Line[] = [];
  const endParagraph = (): void => {
    blocks.push(...paragraph(tidy(joinLines(paragraphLines.map((line) => line.text)))));
    paragraphLines = [];
  };
  for (const item of pageLines.flatMap(findTables)) {
    if ("rows" in item) {
      endParagraph();
      blocks.push({ kind: "table", rows: item.rows });
      continue;
    }
    const previous = paragraphLines.at(-1);
    if (previous && startsParagraph(item, previous, { leftMargin, rightMargin })) endParagraph();
    paragraphLines.push(item);
  }
  endParagraph();
  return blocks;
}

/**
 * Where full lines end. Not the maximum: punctuation may hang past the margin.
 * The 90th percentile of line ends is the margin in any text with some full lines.
 */
function textRightMargin(lines: readonly Line[]): number {
  const rights = lines.map((line) => line.right).sort((a, b) => a - b);
  return rights[Math.floor(0.9 * (rights.length - 1))] ?? 0;
}

/** Whether `line` opens a new paragraph rather than continuing the one `previous` belongs to. */
function startsParagraph(line: Line, previous: Line, margins: { leftMargin: number; rightMargin: number }): boolean {
  // A line that stopped early only ends the paragraph if the next line's first word would have fitted.
  const room = margins.rightMargin - previous.right;
  const endedShort = room > Math.max(SHORT_LINE * previous.size, leadingWordWidth(line) + 0.5 * line.size);
  const indented = line.x > Math.max(previous.x, margins.leftMargin) + INDENT * line.size;
  const resized = Math.abs(line.size - previous.size) > 1;
  return endedShort || indented || resized || HEADING_MARKER.test(line.text);
}

/**
 * Estimated width of what a line breaker must keep together at the start of
 * the line: a Latin word or number, or one Chinese character, with any closing
 * punctuation that may not start a line.
 */
function leadingWordWidth(line: Line): number {
  // Latin letters and digits only: \p{L} would take a whole run of Chinese characters for one word.
  const word = /^(?:[\p{Script=Latin}0-9][\p{Script=Latin}0-9.,:/%_\-–]*|.)[，。、；：？！）》」』”’,.;:?!)\]]*/u.exec(line.text)?.[0] ?? "";
  return [...word].reduce((width, char) => width + (isCjk(char) ? 1 : 0.55) * line.size, 0);
}

/** Groups a page's runs into lines, top to bottom, each split into cells at wide gaps. */
function groupLines(runs: readonly TextRun[]): Line[] {
  const sorted = runs.filter((run) => run.text.trim() !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const run of sorted) {
    const group = groups.at(-1);
    const first = group?.[0];
    if (group && first && Math.abs(first.y - run.y) <= 0.5 * Math.min(first.size, run.size)) group.push(run);
    else groups.push([run]);
  }
  return groups.map(toLine);
}

function toLine(runs: TextRun[]): Line {
  const sorted = [...runs].sort((a, b) => a.x - b.x);
  const size = Math.max(...sorted.map((run) => run.size));
  const cells: Cell[] = [];
  for (const run of sorted) {
    const cell = cells.at(-1);
    const gap = cell ? run.x - cell.right : Infinity;
    if (!cell || gap > CELL_GAP * size) {
      cells.push({ text: run.text, x: run.x, right: run.x + run.width });
      continue;
    }
    // Runs that touch are one word; a visible gap is a space (dropped again next to Chinese).
    cell.text = gap < 0.15 * size ? cell.text + run.text : joinFragment(cell.text, run.text);
    cell.right = Math.max(cell.right, run.x + run.width);
  }
  for (const cell of cells) cell.text = tidy(cell.text);
  const first = cells[0] as Cell;
  const last = cells.at(-1) as Cell;
  return { cells, x: first.x, right: last.right, y: sorted[0]?.y ?? 0, size, text: tidy(cells.map((c) => c.text).join(" ")) };
}

/** Drops a bare page number ("3", "- 3 -", "第 3 页") at the foot of a page. */
function dropPageNumber(lines: Line[]): Line[] {
  const last = lines.at(-1);
  const isPageNumber = last && /^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／共]\s*\d{1,4}\s*页?)?[-—–\s]*$/u.test(last.text);
  return isPageNumber && lines.length > 1 ? lines.slice(0, -1) : lines;
}

/**
 * Replaces runs of two or more lines with the same number (≥ 2) of cells by a
 * table. A line with fewer cells inside the table's columns is a cell that
 * wrapped, and is appended to the row above.
 */
function findTables(lines: Line[]): Array<Line | { rows: string[][] }> {
  const out: Array<Line | { rows: string[][] }> = [];
  let i = 0;
  while (i < lines.length) {
    const head = lines[i] as Line;
    const table = head.cells.length >= 2 ? readTable(lines, i) : undefined;
    if (table && table.rows.length >= 2) {
      out.push({ rows: table.rows });
      i = table.end;
    } else {
      out.push(head);
      i += 1;
    }
  }
  return out;
}

function readTable(lines: Line[], start: number): { rows: string[][]; end: number } {
  const head = lines[start] as Line;
  const columns = head.cells.map((cell) => cell.x);
  const rows = [head.cells.map((cell) => cell.text)];
  let end = start + 1;
  while (end < lines.length) {
    const line = lines[end] as Line;
    if (line.cells.length === columns.length) {
      rows.push(line.cells.map((cell) => cell.text));
      end += 1;
      continue;
    }
    const slots = line.cells.map((cell) => columnOf(cell, columns));
    const next = lines[end + 1];
    const rowFollows = next !== undefined && next.cells.length === columns.length;
    // After the last row, a line starting in the first column is more likely the next paragraph.
    if (line.cells.length > columns.length || slots.includes(-1) || (!rowFollows && slots.includes(0))) break;
    const row = rows.at(-1) as string[];
    line.cells.forEach((cell, k) => {
      const slot = slots[k] as number;
      row[slot] = tidy(joinFragment(row[slot] ?? "", cell.text));
    });
    end += 1;
  }
  return { rows, end };
}

/** The column a wrapped cell sits in, or -1 when it straddles or precedes the columns. */
function columnOf(cell: Cell, columns: number[]): number {
  const tolerance = 2;
  for (let k = columns.length - 1; k >= 0; k -= 1) {
    const left = columns[k] as number;
    const nextLeft = columns[k + 1] ?? Infinity;
    if (cell.x >= left - tolerance && cell.right <= nextLeft + tolerance) return k;
  }
  return -1;
}

/**
 * Normalises whitespace the PDF's spacing introduced: runs collapse to one
 * space, and no space survives next to a Chinese character (layout engines
 * widen the gap between Chinese and Latin text, which extractors read as a space).
 * Kangxi radicals and compatibility ideographs, which some fonts map glyphs to,
 * become the ordinary characters.
 */
function tidy(text: string): string {
  return text
    .replace(/[\u2E80-\u2FDF\uF900-\uFAFF]/gu, (c) => c.normalize("NFKC"))
    .replace(/\s+/g, " ")
    .replace(/ (?=.)/gu, (space, offset: number, whole: string) => (isCjk(whole[offset - 1]) || isCjk(whole[offset + 1]) ? "" : space))
    .trim();
}
