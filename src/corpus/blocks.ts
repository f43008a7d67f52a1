/**
 * What every format loader produces: the document as an ordered list of
 * paragraphs and tables, before any structure is recovered. Keeping the
 * formats to this one shape is what lets a single structure parser serve
 * .txt, .md, .docx, .pdf and .html alike.
 */
export type Block = ParagraphBlock | TableBlock;

/** One logical paragraph (a heading line is a paragraph too). */
export interface ParagraphBlock {
  kind: "paragraph";
  text: string;
  /** The source marks it as a heading (a Markdown `###` line): a numbered one is a heading even when it asks a question. */
  heading?: boolean;
}

/** A table: its first row is the header when the source marks one (or the first row otherwise). */
export interface TableBlock {
  kind: "table";
  rows: string[][];
}

/** A document that cannot be read: the edge turns it into "which file and why". */
export class DocumentError extends Error {
  /**
   * Set when the file was refused for what it would cost to parse (past a
   * limit) or for not being text at all; `reason` is then the Chinese
   * sentence admins read, naming the limit.
   */
  readonly refusal: DocumentRefusal | undefined;

  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown; refusal?: DocumentRefusal | undefined },
  ) {
    super(`${file}: ${reason}`, options);
    this.name = "DocumentError";
    this.refusal = options?.refusal;
  }
}

export type DocumentRefusal = "limit" | "not_text";
