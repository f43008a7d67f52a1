import type { Block } from "./blocks.js";
import { cleanText } from "./clean.js";
import { bracketSpacedArticleTitle, matchHeading, sameFamily, type HeadingMatch, type HeadingStyle } from "./headings.js";
import { isSignatureLine, opensAttachmentList, takeTitle, withoutPageFooter } from "./title.js";

/** A heading with what stands under it, before records are made. */
export interface SectionNode {
  heading: HeadingMatch | undefined;
  /** Paragraphs of body text directly under this heading (an inline measure's text first). */
  paragraphs: string[];
  /** Tables directly under this heading, each with the short caption that preceded it, if any. */
  tables: { caption: string | undefined; rows: string[][] }[];
  children: SectionNode[];
}

export interface DocumentStructure {
  title: string;
  /** Body paragraphs before the first heading (the preamble). */
  preamble: string[];
  /** Tables before the first heading (a schedule that is the whole document). */
  preambleTables: SectionNode["tables"];
  sections: SectionNode[];
  /** A notice's closing matter (its list of attachments, its signature): the document's, cited by no record. */
  closing: string[];
}

/**
 * Recovers a document's title and heading hierarchy from its blocks. Levels
 * are not fixed per marker: a marker style seen for the first time opens a
 * level below the current one, a style already open closes back to its
 * level, and a style of the same family whose number runs on from an open
 * level (`2、 总体要求` → `三、工作措施`) is taken as that level.
 */
export function recoverStructure(blocks: readonly Block[], fallbackTitle: string): DocumentStructure {
  const cleaned = blocks
    .map((b): Block => (b.kind === "paragraph" ? { ...b, text: cleanText(bracketSpacedArticleTitle(b.text)) } : { kind: "table", rows: b.rows.map((r) => r.map(cleanText)) }))
    .filter((b) => (b.kind === "paragraph" ? b.text.length > 0 : b.rows.some((r) => r.some(Boolean))));

  const body = withoutPageFooter(cleaned);
  const { title, consumed } = takeTitle(body, fallbackTitle);
  const root: SectionNode = { heading: undefined, paragraphs: [], tables: [], children: [] };
  const stack: { style: HeadingStyle; ordinal: number; node: SectionNode }[] = [];
  const current = () => stack[stack.length - 1]?.node ?? root;
  let pendingCaption: string | undefined;
  // The closing matter of a notice once its body has begun: the list of attachments (附件：1.申报书（样式） 2.…)
  // and the signature (issuer, date), up to the next heading that is not an attachment's name.
  let closing = false;
  const closingMatter: string[] = [];

  for (const block of withoutSignature(body.slice(consumed))) {
    if (block.kind === "paragraph" && stack.length > 0 && !closing && opensAttachmentList(block.text)) closing = true;
    if (closing && block.kind === "paragraph") {
      const heading = matchHeading(block.text, block.heading === true);
      if (!heading || isAttachmentName(heading, block.text)) {
        closingMatter.push(block.text);
        continue;
      }
      // An attached document begins: its headings start from the top.
      closing = false;
      stack.length = 0;
    }
    if (block.kind === "table") {
      // The caption names the table; it is not also body text.
      if (pendingCaption !== undefined && current().paragraphs.at(-1) === pendingCaption) current().paragraphs.pop();
      current().tables.push({ caption: pendingCaption, rows: block.rows });
      pendingCaption = undefined;
      continue;
    }
    const heading = matchHeading(block.text, block.heading === true);
    if (!heading) {
      const node = current();
      // A short line with no sentence end right before a table is its caption (附表：专利资助标准).
      if (block.text.length <= 40 && !/[。；;]$/.test(block.text)) pendingCaption = block.text;
      else pendingCaption = undefined;
      node.paragraphs.push(block.text);
      continue;
    }
    pendingCaption = undefined;
    const level = levelFor(stack, heading);
    stack.length = level;
    const node: SectionNode = { heading, paragraphs: heading.rest ? [heading.rest] : [], tables: [], children: [] };
    (stack[level - 1]?.node ?? root).children.push(node);
    stack.push({ style: heading.style, ordinal: heading.ordinal, node });
  }
  root.children.forEach(foldBareLeaves);
  return { title, preamble: root.paragraphs, preambleTables: root.tables, sections: root.children, closing: closingMatter };
}

/** An item of a list of attachments (`1.2025年度项目申报书（样式）`): a short name, no sentence. */
function isAttachmentName(heading: HeadingMatch, line: string): boolean {
  return /^(arabic|circled)/.test(heading.style) && line.length <= ATTACHMENT_NAME_CHARS && !/[。；;，,]/.test(line);
}
const ATTACHMENT_NAME_CHARS = 60;
/** At most this many lines at the end are a signature (issuer, a second issuer, the date). */
const SIGNATURE_LINES = 3;

/** The blocks without a signature at the end: the issuer and the date are the document's, not its last section's. */
function withoutSignature(blocks: readonly Block[]): Block[] {
  let end = blocks.length;
  while (end > 0 && blocks.length - end < SIGNATURE_LINES) {
    const b = blocks[end - 1]!;
    if (b.kind !== "paragraph" || !isSignatureLine(b.text.trim())) break;
    end--;
  }
  return blocks.slice(0, end);
}

/**
 * A numbered line with nothing under it inside a section (`1.发明专利`,
 * `2.实用新型专利` listed under a measure) is an item of that section's
 * body, not a heading: it goes back into the body so its words stay citable.
 */
function foldBareLeaves(top: SectionNode): void {
  // Children before parents, without recursion: a file can nest numbered lists as deep as it has lines.
  const order: SectionNode[] = [];
  const pending = [top];
  for (let node = pending.pop(); node; node = pending.pop()) {
    order.push(node);
    for (const child of node.children) pending.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) foldChildren(order[i]!);
}

function foldChildren(node: SectionNode): void {
  const kept: SectionNode[] = [];
  for (const child of node.children) {
    const bare = child.paragraphs.length === 0 && child.tables.length === 0 && child.children.length === 0;
    if (bare && child.heading) node.paragraphs.push(child.heading.label);
    else kept.push(child);
  }
  node.children = kept;
}

type OpenLevel = { style: HeadingStyle; ordinal: number };

/** How many open levels stay open above a new heading (its depth is that plus one). */
function levelFor(stack: readonly OpenLevel[], heading: HeadingMatch): number {
  return rankedLevel(stack, heading) ?? listLevel(stack, heading);
}

/** 部分 › 章 › 节 › 条: the 第…X headings of regulations have a fixed order, whichever of them a document uses. */
const RANK: Partial<Record<HeadingStyle, number>> = { part: 0, chapter: 1, section: 2, article: 3 };

/**
 * The level of a 第…X heading: a sibling of the open one of its rank, a child
 * of the nearest open one of a higher rank, closing any lower ones (a
 * 第二节 after 第一条 closes the article). Undefined for other styles, or
 * when no 第…X heading is open.
 */
function rankedLevel(stack: readonly OpenLevel[], heading: HeadingMatch): number | undefined {
  const rank = RANK[heading.style];
  if (rank === undefined) return undefined;
  let lower: number | undefined;
  for (let i = stack.length - 1; i >= 0; i--) {
    const openRank = RANK[stack[i]!.style];
    if (openRank === undefined) continue;
    if (openRank === rank) return i;
    if (openRank < rank) return i + 1;
    lower = i;
  }
  return lower;
}

/** The level of a list-style heading (一、 （一） 1. （1） ①), whose levels a document chooses freely. */
function listLevel(stack: readonly OpenLevel[], heading: HeadingMatch): number {
  // A number that runs on from an open level continues that list, even past a deeper list of the same style.
  for (let i = stack.length - 1; i >= 0; i--) {
    const open = stack[i]!;
    if (open.style === heading.style && heading.ordinal === open.ordinal + 1) return i;
  }
  for (let i = stack.length - 1; i >= 0; i--) {
    const open = stack[i]!;
    if (open.style === heading.style) {
      // A list restarting at 1 is a new list one level down (items under a measure), not a sibling of an old one.
      if (heading.ordinal === 1 && open.ordinal !== 0) return stack.length;
      return i;
    }
  }
  for (let i = stack.length - 1; i >= 0; i--) {
    const open = stack[i]!;
    if (sameFamily(open.style, heading.style) && heading.ordinal === open.ordinal + 1) return i;
  }
  return stack.length;
}
