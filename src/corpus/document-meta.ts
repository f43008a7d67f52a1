import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { DocumentLevel, DocumentMeta, DocumentStatus, PolicyDocument } from "./types.js";

/** Admins' corrections of what detection gets wrong, by corpus file name, in `corpus/documents.json`. */
export const DOCUMENTS_FILE = "documents.json";

const LevelSchema = z.enum(["national", "provincial", "municipal", "county", "unknown"]);
const StatusSchema = z.enum(["draft", "official", "repealed"]);

export const DocumentMetaOverrideSchema = z
  .object({
    level: LevelSchema,
    region: z.string().min(1).max(40),
    issuer: z.string().min(1).max(80),
    status: StatusSchema,
    date: z.string().min(1).max(40),
    number: z.string().min(1).max(60),
    short: z.string().min(1).max(80),
  })
  .partial()
  .strict();
export type DocumentMetaOverride = z.infer<typeof DocumentMetaOverrideSchema>;

export const DocumentOverridesSchema = z.object({ documents: z.record(z.string(), DocumentMetaOverrideSchema).default({}) });
export type DocumentOverrides = z.infer<typeof DocumentOverridesSchema>;

/** Chinese names of the levels and statuses, one place for every adapter. */
export const LEVEL_NAMES: Record<DocumentLevel, string> = { national: "国家", provincial: "省", municipal: "市", county: "县区", unknown: "" };
export const STATUS_NAMES: Record<DocumentStatus, string> = { draft: "征求意见稿", official: "正式", repealed: "已废止" };

const DRAFT = /(征求意见稿|送审稿|草案|讨论稿|意见征集稿)/;
const REPEALED = /(已废止|已失效|废止$)/;
/** A 文号 as documents write it: 鲁政字〔2024〕136号, 岱政办发[2026]8号. */
export const ISSUE_NUMBER = /[\u4e00-\u9fa5]{1,10}[〔［\[【(（]\s*(?:19|20)\d\d\s*[〕］\]】)）]\s*\d{1,4}\s*号/;
const DATE = /(19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/;
const ISSUER_LINE = /^(?:[\u4e00-\u9fa5]{2,12}(?:人民政府办公厅|人民政府办公室|人民政府|知识产权局|市场监督管理局|市场监管局|财政厅|财政局|委员会|办公室|国务院|部))\s*$/;

/** Where the title's place name stops: the first administrative suffix. */
const REGION = /^(国务院|国家|全国|[\u4e00-\u9fa5]{2,7}?(?:自治区|省|市|自治州|州|盟|区|县|旗))/;

/**
 * Detects a document's level, region, issuer, status, date and 文号 from its
 * title and text. A county-level city (新泰市) reads like a city by its name:
 * the salutation of a 通知 (各镇人民政府、街道办事处) tells the two apart, and
 * `corpus/documents.json` corrects what the text does not show.
 */
export function detectDocumentMeta(title: string, text: string): DocumentMeta {
  const head = text.slice(0, 3000);
  const status: DocumentStatus = DRAFT.test(title) ? "draft" : REPEALED.test(title) ? "repealed" : "official";
  const region = regionOf(title) ?? regionOf(issuerOf(head) ?? "");
  const issuer = issuerOf(head);
  const number = ISSUE_NUMBER.exec(head)?.[0].replace(/\s+/g, "");
  const date = dateOf(text);
  return stripUndefined({ level: levelOf(title, issuer, region, head, text), region, issuer, status, date, number, short: shortTitle(title) });
}

/** A place named inside a title: 关于申报2027年度泰安市… → 泰安市. */
const INNER_REGION = /(?:年度|关于|印发)([\u4e00-\u9fa5]{2,4}?(?:省|市|区|县))/;

function regionOf(text: string): string | undefined {
  const name = REGION.exec(text.replace(/^关于/, ""))?.[1] ?? INNER_REGION.exec(text)?.[1];
  if (!name) return undefined;
  return name === "国务院" || name === "国家" || name === "全国" ? "全国" : name;
}

function levelOf(title: string, issuer: string | undefined, region: string | undefined, head: string, text: string): DocumentLevel {
  const names = `${title}\n${issuer ?? ""}`;
  if (/^(国务院|国家|全国|中共中央|财政部|商务部|司法部|公安部|科技部|工业和信息化部|市场监管总局|最高人民)/.test(title) || /^(国务院|国家|中共中央)/.test(issuer ?? ""))
    return "national";
  if (region === "全国") return "national";
  // The salutation names whom the text is sent to, one level down.
  if (/各(镇|乡)(人民政府)?[、，,]|街道办事处[，,：:]|各乡镇/.test(head)) return "county";
  if (/各县（市、区）|各县\(市、区\)|各县市区/.test(head)) return /省/.test(region ?? "") ? "provincial" : "municipal";
  if (/各市人民政府|各设区的市/.test(head)) return "provincial";
  if (/各省、自治区、直辖市/.test(head)) return "national";
  if (!region && /(知识产权强国|全国)/.test(title)) return "national";
  if (!region) return /省/.test(names) ? "provincial" : (levelOfUnits(text) ?? "unknown");
  if (/(省|自治区)$/.test(region)) return "provincial";
  if (/(区|县|旗)$/.test(region)) return "county";
  // 「根据《泰安市知识产权强市建设纲要》…」 in a 新泰市 text: a city that implements another city's document is a county-level one under it.
  const superior = SUPERIOR_CITY.exec(head)?.[1];
  if (/市$/.test(region) && superior && superior !== region) return "county";
  if (/(市|州|盟)$/.test(region)) return "municipal";
  return "unknown";
}

/** Another city's document a text names as its basis (根据《泰安市…》). */
const SUPERIOR_CITY = /(?:根据|依据|贯彻|落实)[^。《]{0,12}《([\u4e00-\u9fa5]{2,4}?市)[^》]*》/;

/** Bodies of each level as units name them: 国家知识产权局, 最高人民法院, 商务部; 省市场监管局; 市市场监管局. */
const UNITS_OF_LEVEL: [DocumentLevel, RegExp][] = [
  ["national", /(国家[\u4e00-\u9fa5]{2,8}(局|委|院)|最高人民(法院|检察院)|国务院|(?<![省市县区])(司法|商务|财政|科技|教育|公安|农业农村|工业和信息化)部|中国贸促会)/g],
  ["provincial", /省[\u4e00-\u9fa5]{2,8}(厅|局|委|办)/g],
  ["municipal", /(?<![省县区])市[\u4e00-\u9fa5]{2,8}(局|委|办)/g],
];
/** A level the units named show beyond doubt: at least this many of one level, and more than twice any other. */
const UNITS_SHOWING_LEVEL = 3;

/** The level of the bodies a text's 责任单位 name, when one level clearly dominates (a national task list titled by no place). */
function levelOfUnits(text: string): DocumentLevel | undefined {
  const counts = UNITS_OF_LEVEL.map(([level, pattern]) => ({ level, n: text.match(pattern)?.length ?? 0 })).sort((a, b) => b.n - a.n);
  const [first, second] = counts;
  return first && first.n >= UNITS_SHOWING_LEVEL && first.n > 2 * (second?.n ?? 0) ? first.level : undefined;
}

/** The issuing body: a line naming one alone, near the top or signed at the end. */
function issuerOf(head: string): string | undefined {
  for (const line of head.split("\n").slice(0, 12)) {
    const t = line.trim();
    if (ISSUER_LINE.test(t)) return t;
  }
  return /^([\u4e00-\u9fa5]{2,12}(?:人民政府办公厅|人民政府办公室|人民政府))关于/.exec(head.trim())?.[1];
}

/** The date of issue: the last full date in the first lines or in the closing lines, where 通知 and 办法 put it. */
function dateOf(text: string): string | undefined {
  const lines = text.split("\n");
  const candidates = [...lines.slice(0, 10), ...lines.slice(-8)];
  for (const line of candidates.reverse()) {
    const m = DATE.exec(line.trim());
    if (m && line.trim().length <= 30) return m[0].replace(/\s+/g, "");
  }
  return undefined;
}

/** 《泰安市知识产权强市建设纲要（征求意见稿）》 → 泰安市知识产权强市建设纲要. */
export function shortTitle(title: string): string {
  const bare = title
    // Only a pair around the whole title: 《X》政策解读 keeps its 《X》.
    .replace(/^《([^《》]*)》$/, "$1")
    .replace(/[（(](征求意见稿|送审稿|草案|讨论稿|试行|暂行)[）)]/g, "")
    .trim();
  return bare || title;
}

/** The document with admins' corrections applied; an override wins field by field. */
export function withOverrides(document: PolicyDocument, overrides: DocumentOverrides): PolicyDocument {
  const override = overrides.documents[document.file];
  return override ? { ...document, meta: { ...document.meta, ...override } } : document;
}

export async function readDocumentOverrides(corpusDir: string): Promise<DocumentOverrides> {
  let raw: string;
  try {
    raw = await readFile(path.join(corpusDir, DOCUMENTS_FILE), "utf8");
  } catch {
    return { documents: {} };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new Error(`${DOCUMENTS_FILE} is not valid JSON: ${(cause as Error).message}`);
  }
  const parsed = DocumentOverridesSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${DOCUMENTS_FILE} is malformed: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
