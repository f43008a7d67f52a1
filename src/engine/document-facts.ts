import { ISSUE_NUMBER, LEVEL_NAMES } from "../corpus/document-meta.js";
import type { PolicyDocument, PolicyRecord } from "../corpus/types.js";
import { GENRE_WORDS } from "./genre.js";

/** Every 文号 in a text, as the corpus's metadata reads them. */
export const DOCUMENT_NUMBER = new RegExp(ISSUE_NUMBER.source, "g");
/** Asking about a document itself, not what it says: its 文号, date, issuer, status. */
const ASKS_FACTS =
  /(文号|发文字号|(?<![老企商店])字号|哪年(发|出|印发)|什么时候(发布|印发|出台|发的|出的)|发布(时间|日期)|印发(时间|日期)|哪个(部门|单位|机关)(发|印发|出台|制定)|发文(单位|机关)|谁(发|印发|出台|制定)的|是不是正式|是正式|正式稿|征求意见稿|还有效|有效吗|废止|作废|是什么文件|哪个文件|什么文件)/;

/** Brackets and spaces made alike, so that 〔2024〕 and [2024] meet. */
function numberKey(text: string): string {
  return text
    .replace(/\s+/g, "")
    .replace(/[[(（【]/g, "〔")
    .replace(/[\])）】]/g, "〕");
}

/**
 * The document a question asks about as a document (鲁政字〔2024〕136号是什么文件,
 * 三年行动方案的文号是多少, 纲要是正式稿吗): by its 文号 written in the question, or
 * by a question about its facts that names it (`named`: the ids the question's
 * words pick out). Undefined for a question about what documents say.
 */
export function documentAskedAbout(question: string, documents: readonly PolicyDocument[], named: ReadonlySet<string>): PolicyDocument | undefined {
  for (const written of question.match(DOCUMENT_NUMBER) ?? []) {
    const found = documents.find((d) => d.meta.number && numberKey(d.meta.number) === numberKey(written));
    if (found) return found;
  }
  if (!ASKS_FACTS.test(question) || named.size !== 1) return undefined;
  const document = documents.find((d) => named.has(d.id));
  return document && namedAsItself(question, document.meta.short) ? document : undefined;
}

/** The kinds documents are called by (纲要, 办法 …), as the genre weights know them. */
const GENRE = new RegExp(`(${GENRE_WORDS.join("|")})`);
const DEMONSTRATIVE = /(这个|那个|该|这份|那份|本|此)$/;

/**
 * Whether the question names the document, not another of its kind: the words just before its kind
 * (三年行动方案, 这个纲要) are its title's, or nothing is; 「商标品牌价值评价指南什么时候发布」 asks of a
 * guideline a measure promises, not of the 办事指南 in the corpus.
 */
function namedAsItself(question: string, short: string): boolean {
  const kind = GENRE.exec(question);
  if (!kind) return true;
  const before = question.slice(0, kind.index).replace(/[《》「」\s]/g, "");
  const lead = before.slice(-2);
  return lead.length === 0 || DEMONSTRATIVE.test(before) || short.includes(lead);
}

const STATUS_NAMES = { draft: "征求意见稿（尚未正式施行）", official: "正式文件", repealed: "已废止" } as const;

/** What the corpus knows of a document, as one sentence per fact: only what its text or the admins' data file gives. */
export function documentFacts(document: PolicyDocument): string[] {
  const { meta } = document;
  const facts = [`文件名称：《${document.title}》`];
  if (meta.number) facts.push(`文号：${meta.number}`);
  if (meta.issuer) facts.push(`发文单位：${meta.issuer}`);
  if (meta.date) facts.push(`日期：${meta.date}`);
  const level = LEVEL_NAMES[meta.level];
  if (level) facts.push(`层级：${level}级${meta.region ? `（${meta.region}）` : ""}`);
  facts.push(`状态：${STATUS_NAMES[meta.status]}`);
  return facts;
}

/**
 * The document a question about a document's purpose (这个纲要是干什么的) asks of: the one it names, or with none named,
 * the one document when there is one, else the largest home-level one (the plan the others implement).
 */
export function documentWhosePurposeIsAsked(
  documents: readonly PolicyDocument[],
  named: ReadonlySet<string>,
  atHome: (document: PolicyDocument) => boolean,
): PolicyDocument | undefined {
  if (named.size === 1) return documents.find((d) => named.has(d.id));
  if (named.size > 1) return undefined;
  const home = documents.filter(atHome);
  return (home.length > 0 ? home : documents).reduce<PolicyDocument | undefined>((best, d) => (!best || d.records.length > best.records.length ? d : best), undefined);
}

/**
 * Where a document says what it is for: its first section (编制背景, 第一条 …) and the untitled opening before it
 * (为深入贯彻落实…，制定本纲要), the section first; at most three records.
 */
export function openingOf(document: PolicyDocument): PolicyRecord[] {
  const [first, ...rest] = document.records;
  if (!first) return [];
  const preamble = first.title === document.title || (first.path.length === 1 && first.number === null) ? first : undefined;
  const sections = (preamble ? rest : document.records).filter((r) => r.kind === "section").slice(0, 2);
  return [...sections.slice(0, 1), ...(preamble ? [preamble] : []), ...sections.slice(1)].slice(0, 3);
}
