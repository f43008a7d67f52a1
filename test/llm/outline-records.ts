/** The real outline, parsed by the corpus loader, with its records looked up by title. */
import path from "node:path";
import { loadDocument } from "../../src/corpus/document.js";
import type { PolicyDocument, PolicyRecord } from "../../src/corpus/types.js";

export const OUTLINE_FILE = path.resolve(import.meta.dirname, "../../corpus/泰安市知识产权强市建设纲要（征求意见稿）.txt");

let loaded: Promise<PolicyDocument> | undefined;

export function outline(): Promise<PolicyDocument> {
  loaded ??= loadDocument(OUTLINE_FILE);
  return loaded;
}

/** Records by their title as written (`建立知识产权运营机制`, `发展目标`). */
export async function records(...titles: string[]): Promise<PolicyRecord[]> {
  const doc = await outline();
  return titles.map((title) => {
    const record = doc.records.find((r) => r.title === title);
    if (!record) throw new Error(`no record titled ${title}`);
    return record;
  });
}
