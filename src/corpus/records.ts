import type { DocumentStructure, SectionNode } from "./structure.js";
import type { OutlineNode, PolicyRecord } from "./types.js";
import { parseResponsibleUnits, splitUnits, type UnitsClause } from "./units.js";

/**
 * Turns a recovered structure into citable records and an outline tree.
 * A heading with a body becomes one record (a measure when it has
 * responsible units or an inline lead phrase, a section otherwise); a bare
 * heading only names the path of its children, so no record is ever a heading
 * alone. Each table becomes a record titled by its caption or heading.
 */
export function buildRecords(documentId: string, structure: DocumentStructure): { records: PolicyRecord[]; outline: OutlineNode[] } {
  const records: PolicyRecord[] = [];
  const document = structure.title;

  // A document of 问：…/答：… pairs without headings (a 政策解读) has them all in its preamble.
  const preamblePairs = questionPairs(structure.preamble);
  const preamble = preamblePairs ? preamblePairs.before : structure.preamble;
  if (preamble.length > 0) {
    records.push({
      id: `${documentId}#0`,
      documentId,
      document,
      kind: "section",
      path: [document],
      number: null,
      title: document,
      text: preamble.join("\n"),
      units: [],
    });
  }
  const topOutline: OutlineNode[] = [];
  preamblePairs?.pairs.forEach((pair, q) => {
    const record = pairRecord(documentId, document, `${documentId}#0q${q + 1}`, [], pair);
    records.push(record);
    topOutline.push({ heading: pair.question, title: pair.question, number: null, recordId: record.id, children: [] });
  });

  const visit = (node: SectionNode, parentPath: string[], idPath: string): OutlineNode => {
    const heading = node.heading!;
    const label = heading.label;
    const path = [...parentPath, label];
    const outlineNode: OutlineNode = { heading: label, title: heading.title, number: heading.marker, children: [] };

    const pairs = questionPairs(node.paragraphs);
    const untitledArticle = heading.style === "article" && heading.title === heading.marker;
    const { text, clause } = unitsOfBody(pairs ? pairs.before : node.paragraphs);
    if (text) {
      const id = `${documentId}#${idPath}`;
      records.push({
        id,
        documentId,
        document,
        kind: clause ? "measure" : "section",
        path,
        number: heading.marker,
        title: untitledArticle ? articleTitle(text, heading.marker) : heading.title,
        ...(untitledArticle && articleTitle(text, heading.marker) !== heading.marker ? { titleDerived: true } : {}),
        text,
        units: clause?.units ?? [],
        ...(clause?.roles ? { unitRoles: clause.roles } : {}),
        ...(clause?.openEnded ? { unitsOpenEnded: true } : {}),
      });
      outlineNode.recordId = id;
    }
    // A 政策解读 of 问：…/答：… pairs: each pair is a record titled by its question.
    pairs?.pairs.forEach((pair, q) => {
      const record = pairRecord(documentId, document, `${documentId}#${idPath}q${q + 1}`, path, pair);
      records.push(record);
      outlineNode.children.push({ heading: pair.question, title: pair.question, number: null, recordId: record.id, children: [] });
    });
    const tabled = tableRecords(documentId, document, node.tables, path, idPath, heading.title, clause?.units ?? []);
    records.push(...tabled.records);
    outlineNode.children.push(...tabled.outline);
    node.children.forEach((child, c) => outlineNode.children.push(visit(child, path, `${idPath}.${c + 1}`)));
    return outlineNode;
  };

  // A schedule that is the whole document (附件 一览表 with no headings): each row is cited on its own too.
  const preambleTables = tableRecords(documentId, document, structure.preambleTables, [document], "0", document, []);
  records.push(...preambleTables.records);
  const outline = [...topOutline, ...preambleTables.outline, ...structure.sections.map((section, s) => visit(section, [], String(s + 1)))];
  return { records: records.map(stripUndefined), outline };
}

/**
 * The records of a node's tables: each row cited on its own with its table's caption (a caption alone
 * answers no question about one row), its units from a 责任单位/受理部门 column or else the node's.
 */
function tableRecords(
  documentId: string,
  document: string,
  tables: SectionNode["tables"],
  path: string[],
  idPath: string,
  headingTitle: string,
  nodeUnits: string[],
): { records: PolicyRecord[]; outline: OutlineNode[] } {
  const records: PolicyRecord[] = [];
  const outline: OutlineNode[] = [];
  tables.forEach((table, t) => {
    const [header = [], ...rows] = table.rows;
    const caption = table.caption ?? headingTitle;
    const tablePath = table.caption ? [...path, table.caption] : path;
    const unitColumn = header.findIndex((h) => UNIT_COLUMN.test(h.replace(/\s+/g, "")));
    const tableNode: OutlineNode = { heading: caption, title: caption, number: null, children: [] };
    rows.forEach((row, r) => {
      const id = rows.length === 1 ? `${documentId}#${idPath}t${t + 1}` : `${documentId}#${idPath}t${t + 1}r${r + 1}`;
      // A row is named by its first cell that says something: not a 序号 column's 1, 2, 3.
      const key = row.find((cell) => cell.trim() && !/^[\d一二三四五六七八九十]+[.、．]?$/.test(cell.trim())) ?? caption;
      const rowUnits = unitColumn >= 0 && row[unitColumn] ? splitUnits(row[unitColumn]!) : nodeUnits;
      records.push({
        id,
        documentId,
        document,
        kind: "table",
        path: tablePath,
        number: null,
        title: rows.length === 1 ? caption : key,
        ...(rows.length === 1 ? {} : { titleDerived: true }),
        text: renderRow(header, row),
        // A schedule under a measure is that measure's: the same units answer for it, unless a column names its own.
        units: rowUnits,
        table: { header, rows: [row] },
      });
      if (rows.length === 1) tableNode.recordId = id;
      else tableNode.children.push({ heading: key, title: key, number: null, recordId: id, children: [] });
    });
    outline.push(tableNode);
  });
  return { records, outline };
}

/**
 * The units of a body, from every paragraph that ends with a units clause (a
 * list item may carry one before further items; several items may each carry
 * their own), and the body without the clauses.
 */
function unitsOfBody(paragraphs: readonly string[]): { text: string; clause?: UnitsClause } {
  const kept: string[] = [];
  const clauses: UnitsClause[] = [];
  for (const paragraph of joinSupportLines(paragraphs)) {
    const found = parseResponsibleUnits(paragraph);
    if (!found) {
      kept.push(paragraph);
      continue;
    }
    clauses.push(found);
    if (found.textWithout) kept.push(found.textWithout);
  }
  const text = kept.join("\n");
  if (clauses.length === 0) return { text };
  return { text, clause: mergeClauses(clauses, text) };
}

/** `牵头单位：…` and `配合单位：…` on lines of their own are one clause. */
function joinSupportLines(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const paragraph of paragraphs) {
    const previous = out.at(-1);
    if (previous !== undefined && /^[（(]?\s*配合单位\s*[：:]/.test(paragraph) && /牵头单位\s*[：:][^\n]*$/.test(previous)) {
      out[out.length - 1] = `${previous}\n${paragraph}`;
    } else out.push(paragraph);
  }
  return out;
}

/** One clause naming every unit once, in order of first mention, roles kept where the document gives them. */
function mergeClauses(clauses: readonly UnitsClause[], textWithout: string): UnitsClause {
  if (clauses.length === 1) return { ...clauses[0]!, textWithout };
  const unique = (names: string[]) => [...new Set(names)];
  const units = unique(clauses.flatMap((c) => c.units));
  const openEnded = clauses.some((c) => c.openEnded) ? { openEnded: true } : {};
  const withRoles = clauses.filter((c) => c.roles);
  if (withRoles.length === 0) return { units, ...openEnded, textWithout };
  const lead = unique(withRoles.flatMap((c) => c.roles!.lead));
  const support = unique(withRoles.flatMap((c) => c.roles!.support)).filter((u) => !lead.includes(u));
  return { units, roles: { lead, support }, ...openEnded, textWithout };
}

/** One 问/答 pair as a record titled by its question, under the headings of `path`. */
function pairRecord(documentId: string, document: string, id: string, path: readonly string[], pair: { question: string; answer: string[] }): PolicyRecord {
  const answer = unitsOfBody(pair.answer);
  return {
    id,
    documentId,
    document,
    kind: answer.clause ? "measure" : "section",
    path: [...path, pair.question],
    number: null,
    title: pair.question,
    // A question is mostly question words (申请, 哪个部门, 材料): searched as a title they would outweigh its topic.
    titleDerived: true,
    text: answer.text,
    units: answer.clause?.units ?? [],
    ...(answer.clause?.roles ? { unitRoles: answer.clause.roles } : {}),
    ...(answer.clause?.openEnded ? { unitsOpenEnded: true } : {}),
  };
}

/** A table column that names each row's units. */
const UNIT_COLUMN = /^(责任单位|责任部门|受理部门|受理单位|牵头单位|负责单位|承办单位|主管部门|实施单位)$/;

/** An untitled article's title for ranking and display: its lead clause (its citation keeps 第八条). */
export function articleTitle(text: string, marker: string): string {
  const lead = text.split(/[，。；：,;:\n]/)[0]?.trim() ?? "";
  if (lead.length < 4) return marker;
  return lead.length > 24 ? `${lead.slice(0, 22)}…` : lead;
}

const QUESTION = /^(?:[一二三四五六七八九十\d]+[、.．]\s*)?(?:问|Q)\s*[：:]\s*(.+)$/;
const ANSWER = /^(?:答|A)\s*[：:]\s*/;

/** 问：…/答：… pairs in a body, and what precedes the first question; undefined when there are none. */
function questionPairs(paragraphs: readonly string[]): { before: string[]; pairs: { question: string; answer: string[] }[] } | undefined {
  const first = paragraphs.findIndex((p) => QUESTION.test(p));
  if (first === -1) return undefined;
  const pairs: { question: string; answer: string[] }[] = [];
  for (const paragraph of paragraphs.slice(first)) {
    const q = QUESTION.exec(paragraph);
    if (q?.[1]) pairs.push({ question: q[1].trim(), answer: [] });
    else pairs.at(-1)!.answer.push(paragraph.replace(ANSWER, ""));
  }
  return { before: paragraphs.slice(0, first), pairs: pairs.filter((p) => p.answer.length > 0) };
}

/** A table row with its header, so the row reads on its own: `项目：发明专利授权；资助标准：每件…`. */
export function renderRow(header: readonly string[], row: readonly string[]): string {
  return row
    .map((cell, i) => (header[i] ? `${header[i]}：${cell}` : cell))
    .filter((s) => s.replace(/[：\s]/g, ""))
    .join("；");
}

function stripUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/** How many tables the records hold: each row is a record of its own, so rows of one table count once. */
export function countTables(records: readonly PolicyRecord[]): number {
  return new Set(records.filter((r) => r.kind === "table").map((r) => r.id.replace(/r\d+$/, ""))).size;
}
