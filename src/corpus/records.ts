import type { DocumentStructure, SectionNode } from "./structure.js";
import type { OutlineNode, PolicyRecord } from "./types.js";
import { parseResponsibleUnits, type UnitsClause } from "./units.js";

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

  if (structure.preamble.length > 0) {
    records.push({
      id: `${documentId}#0`,
      documentId,
      document,
      kind: "section",
      path: [document],
      number: null,
      title: document,
      text: structure.preamble.join("\n"),
      units: [],
    });
  }

  const visit = (node: SectionNode, parentPath: string[], idPath: string): OutlineNode => {
    const heading = node.heading!;
    const label = heading.label;
    const path = [...parentPath, label];
    const outlineNode: OutlineNode = { heading: label, title: heading.title, number: heading.marker, children: [] };

    const { text, clause } = unitsOfBody(node.paragraphs);
    if (text) {
      const id = `${documentId}#${idPath}`;
      records.push({
        id,
        documentId,
        document,
        kind: clause || heading.inline ? "measure" : "section",
        path,
        number: heading.marker,
        title: heading.title,
        text,
        units: clause?.units ?? [],
        ...(clause?.roles ? { unitRoles: clause.roles } : {}),
      });
      outlineNode.recordId = id;
    }
    node.tables.forEach((table, t) => {
      const [header = [], ...rows] = table.rows;
      const title = table.caption ?? heading.title;
      const id = `${documentId}#${idPath}t${t + 1}`;
      records.push({
        id,
        documentId,
        document,
        kind: "table",
        path: table.caption ? [...path, table.caption] : path,
        number: null,
        title,
        text: rows.map((row) => renderRow(header, row)).join("\n"),
        // A schedule under a measure is that measure's: the same units answer for it.
        units: clause?.units ?? [],
        table: { header, rows },
      });
      outlineNode.children.push({ heading: title, title, number: null, recordId: id, children: [] });
    });
    node.children.forEach((child, c) => outlineNode.children.push(visit(child, path, `${idPath}.${c + 1}`)));
    return outlineNode;
  };

  const outline = structure.sections.map((section, s) => visit(section, [], String(s + 1)));
  return { records: records.map(stripUndefined), outline };
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
  const withRoles = clauses.filter((c) => c.roles);
  if (withRoles.length === 0) return { units, textWithout };
  const lead = unique(withRoles.flatMap((c) => c.roles!.lead));
  const support = unique(withRoles.flatMap((c) => c.roles!.support)).filter((u) => !lead.includes(u));
  return { units, roles: { lead, support }, textWithout };
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
