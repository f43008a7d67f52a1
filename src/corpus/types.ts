/**
 * The domain model recovered from the policy documents. Everything later
 * (index, retrieval, answers, bot, console) speaks in these types.
 */

/** A responsible unit exactly as the document writes it, e.g. `泰安银保监分局`. */
export type ResponsibleUnit = string;

export type RecordKind = "measure" | "section" | "table";

/**
 * One citable piece of a document: a numbered measure, an unnumbered section
 * with a body (发展目标, 加强工作保障 …) or a table under its heading.
 */
export interface PolicyRecord {
  /** Stable id: `<documentId>#<heading numbers>`, e.g. `outline#3.3.2`. */
  id: string;
  documentId: string;
  /** The document's title, e.g. `泰安市知识产权强市建设纲要（征求意见稿）`. */
  document: string;
  kind: RecordKind;
  /** Headings from the top, the record's own last, as written: `["三、工作措施", "（三）提升知识产权运用效益", "2.建立知识产权运营机制"]`. */
  path: string[];
  /** Its own number as written (`2.`, `（三）`), or null. */
  number: string | null;
  /** A measure's lead phrase (`建立知识产权运营机制`) or the section's heading without its number (`发展目标`). */
  title: string;
  /** The body, without the heading and without the responsible-units clause. */
  text: string;
  /** Responsible units as written, in order; lead units first where the document distinguishes them. */
  units: ResponsibleUnit[];
  /** Where a document names 牵头单位 / 配合单位, the two lists apart. */
  unitRoles?: { lead: ResponsibleUnit[]; support: ResponsibleUnit[] };
  /** True when the title is not a heading written to name the record: an untitled article's lead clause, a table row's first cell, a Q&A pair's question. */
  titleDerived?: boolean;
  /** True when the text ends its list of units with 等 (国家知识产权局、财政部等按职责分工负责): not every unit is named. */
  unitsOpenEnded?: boolean;
  /** For a table record: its header and rows. */
  table?: { header: string[]; rows: string[][] };
}

/** A node of a document's outline tree: every heading, with or without a body. */
export interface OutlineNode {
  heading: string;
  title: string;
  number: string | null;
  /** The record holding this node's body, if it has one. */
  recordId?: string;
  children: OutlineNode[];
}

/** The issuing level of a document, from the nation down to a county or district. */
export type DocumentLevel = "national" | "provincial" | "municipal" | "county" | "unknown";

/** Whether a document is in force: a draft for comment, an official text, or repealed. */
export type DocumentStatus = "draft" | "official" | "repealed";

/**
 * What a document is, as a citation needs to say it: detected from its title
 * and text (`detectDocumentMeta`), overridable by admins in `corpus/documents.json`.
 */
export interface DocumentMeta {
  level: DocumentLevel;
  /** The place it governs as written (泰安市, 山东省, 岱岳区), when the title or issuer names one. */
  region?: string;
  /** The issuing body (山东省人民政府办公厅), when the text names it. */
  issuer?: string;
  status: DocumentStatus;
  /** Date of issue as written (2026年3月1日). */
  date?: string;
  /** 文号 as written (鲁政办字〔2026〕5号). */
  number?: string;
  /** A short name for lists and citations: the title without its status and sample marks. */
  short: string;
}

export interface PolicyDocument {
  /** File-derived id, unique in the corpus. */
  id: string;
  /** File name relative to the corpus folder. */
  file: string;
  title: string;
  meta: DocumentMeta;
  sha256: string;
  outline: OutlineNode[];
  records: PolicyRecord[];
}

/** A responsible unit with the records it is named in. */
export interface UnitEntry {
  name: ResponsibleUnit;
  recordIds: string[];
}
