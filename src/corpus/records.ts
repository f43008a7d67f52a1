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
    const label = `${heading.marker}${heading.title}`;
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
        units: [],
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
 * The units clause of a body, wherever a paragraph ends with one (a list
 * item may carry it before further items), and the body without it.
 */
function unitsOfBody(paragraphs: readonly string[]): { text: string; clause?: UnitsClause } {
  const kept: string[] = [];
  let clause: UnitsClause | undefined;
  for (const paragraph of paragraphs) {
    const found = clause ? undefined : parseResponsibleUnits(paragraph);
    if (found) {
      clause = found;
      if (found.textWithout) kept.push(found.textWithout);
    } else kept.push(paragraph);
  }
  if (!clause) {
    // "牵头单位：…" and "配合单位：…" may stand on lines of their own.
    const joined = kept.join("\n");
    const across = parseResponsibleUnits(joined);
    if (across) return { text: across.textWithout, clause: across };
  }
  return { text: kept.join("\n"), ...(clause ? { clause } : {}) };
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
