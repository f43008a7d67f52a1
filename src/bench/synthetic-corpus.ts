import { copyFile, mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { DATA_FILES } from "../corpus/lexicon.js";
import { SeededRandom } from "./random.js";

/** One generated policy document. */
export interface SyntheticDocument {
  file: string;
  title: string;
  text: string;
}

const REGIONS = ["泰安市", "泰山区", "岱岳区", "新泰市", "肥城市", "宁阳县", "东平县", "泰安高新区", "泰安经开区", "徂汶景区"];
const DOCUMENT_KINDS = [
  "知识产权强市建设纲要",
  "知识产权保护工作实施方案",
  "专利转化运用专项行动计划",
  "商标品牌建设若干措施",
  "知识产权工作要点",
  "知识产权运营服务体系建设方案",
  "知识产权质押融资工作方案",
  "知识产权公共服务提升行动方案",
  "地理标志保护工程实施意见",
  "知识产权人才培养计划",
];
const EDITIONS = ["（征求意见稿）", "（试行）", "（修订稿）", "（送审稿）", "（2022年版）", "（2023年版）", "（2024年版）", "（2025年版）"];
const INDUSTRIES = [
  "人工智能",
  "集成电路",
  "生命健康",
  "生物医药",
  "新材料",
  "高端装备",
  "新能源",
  "现代农业",
  "文化旅游",
  "数字经济",
  "医养健康",
  "精细化工",
  "纺织服装",
  "输变电装备",
  "绿色建材",
  "食品加工",
];
const VERBS = ["强化", "加强", "深化", "健全", "完善", "推进", "提升", "优化", "加大", "注重", "建立", "支持"];
const EXTRA_UNITS = ["发展改革委", "财政局", "工业和信息化局", "人力资源社会保障局", "地方金融监管局", "税务局", "统计局"];
/** Wording swaps that keep a sentence's sense and its domain words. */
const REWORDINGS: [RegExp, readonly string[]][] = [
  [/积极/g, ["积极", "大力", "持续", "着力"]],
  [/大力/g, ["大力", "积极", "全力"]],
  [/市场主体/g, ["市场主体", "企业", "经营主体"]],
  [/进一步/g, ["进一步", "持续", "不断"]],
  [/不断/g, ["不断", "持续", "逐步"]],
  [/着力/g, ["着力", "努力", "重点"]],
];

const MEASURE = /^(\d{1,2})\.\s*([^。]{2,40})。(.*)$/;
const UNITS_CLAUSE = /（责任单位：([^）]+)）\s*$/;
const CN_PAREN_HEADING = /^（([一二三四五六七八九十]+)）(.+)$/;

/**
 * Documents derived from the outline, each different enough that lexical and
 * vector search do not degenerate on copies: another region, kind and
 * edition in the title; measure titles with other verbs; measures reordered
 * within their group; sentences shuffled, reworded and borrowed across
 * measures; industries, targets and responsible units (region-level units,
 * sometimes an added one) substituted. The heading and units-clause forms
 * stay as the outline writes them, so the real parser reads them the same
 * way. Same seed, same documents.
 */
export function generateSyntheticDocuments(outline: string, count: number, seed = 11): SyntheticDocument[] {
  const random = new SeededRandom(seed);
  const lines = outline.split(/\r?\n/).map((l) => l.replace(/\[bookmark:[^\]]*\]/g, "").trim());
  const allSentences = lines.filter((l) => MEASURE.test(l)).flatMap((l) => sentencesOf(bodyOf(l)));
  const titles = new Set<string>();
  const docs: SyntheticDocument[] = [];
  for (let i = 0; i < count; i++) {
    let title: string;
    do title = random.pick(REGIONS) + random.pick(DOCUMENT_KINDS);
    while (titles.has(title) && titles.size < REGIONS.length * DOCUMENT_KINDS.length);
    titles.add(title);
    const region = title.startsWith("泰安市") ? "泰安市" : REGIONS.find((r) => title.startsWith(r))!;
    const text = deriveDocument(lines, { random, title, edition: random.pick(EDITIONS), region, allSentences });
    docs.push({ file: `${String(i + 1).padStart(3, "0")}-${title}.txt`, title, text });
  }
  return docs;
}

interface Variation {
  random: SeededRandom;
  title: string;
  edition: string;
  region: string;
  allSentences: readonly string[];
}

function deriveDocument(lines: readonly string[], v: Variation): string {
  const { random } = v;
  const cityUnits = v.region === "泰安市" || random.chance(0.3);
  const industries = random.shuffle(INDUSTRIES).slice(0, 4);
  const out: string[] = [];
  let group: string[] = [];
  const flush = () => {
    random.shuffle(group).forEach((line, k) => out.push(deriveMeasure(line, k + 1, v, cityUnits)));
    group = [];
  };
  for (const [n, line] of lines.entries()) {
    // A blank line inside a run of measures does not end their group.
    if (!line) continue;
    if (MEASURE.test(line)) {
      group.push(line);
      continue;
    }
    flush();
    if (line === "泰安市知识产权强市建设纲要") out.push(v.title);
    else if (line === "（征求意见稿）" && n < 6) out.push(v.edition);
    else if (CN_PAREN_HEADING.test(line)) out.push(line.replace(CN_PAREN_HEADING, (_, num: string, rest: string) => `（${num}）${revise(rest, random)}`));
    else if (/^[0-9一二三四五六七八九十]+、/.test(line) || line.length <= 12) out.push(line);
    else out.push(rewordBody(line, v));
  }
  flush();
  return substituteFacts(out.join("\n"), industries, random) + "\n";
}

function deriveMeasure(line: string, number: number, v: Variation, cityUnits: boolean): string {
  const { random } = v;
  const [, , title = "", rest = ""] = MEASURE.exec(line)!;
  const clause = UNITS_CLAUSE.exec(rest);
  const body = clause ? rest.slice(0, clause.index) : rest;
  let units = clause
    ? clause[1]!
        .split(/[、，]/)
        .map((u) => u.trim())
        .filter(Boolean)
    : [];
  if (!cityUnits) units = units.map((u) => (u.startsWith("市") && !u.startsWith("市场") ? v.region + u.slice(1) : u));
  if (units.length > 0 && random.chance(0.25)) units.push((cityUnits ? "市" : v.region) + random.pick(EXTRA_UNITS));
  const sentences = random.shuffle(sentencesOf(body));
  if (random.chance(0.2)) sentences.push(random.pick(v.allSentences));
  const text = sentences.map((s) => reword(s, random)).join("");
  return `${number}.${revise(title, random)}。${text}${units.length ? `（责任单位：${[...new Set(units)].join("、")}）` : ""}`;
}

function rewordBody(line: string, v: Variation): string {
  const place = v.region === "泰安市" ? "我市" : `我${v.region.slice(-1) === "区" ? "区" : v.region.slice(-1)}`;
  return sentencesOf(line)
    .map((s) => reword(s, v.random).replace(/我市/g, place))
    .join("");
}

/** A heading with its leading verb swapped now and then. */
function revise(title: string, random: SeededRandom): string {
  const verb = VERBS.find((w) => title.startsWith(w));
  if (!verb || random.chance(0.4)) return title;
  return random.pick(VERBS) + title.slice(verb.length);
}

function reword(sentence: string, random: SeededRandom): string {
  let out = sentence;
  for (const [pattern, choices] of REWORDINGS) out = out.replace(pattern, () => random.pick(choices));
  return out;
}

function substituteFacts(text: string, industries: readonly string[], random: SeededRandom): string {
  return text
    .replace("人工智能、集成电路、生命健康、生物医药", industries.join("、"))
    .replace("13条重点产业链", `${8 + random.below(10)}条重点产业链`)
    .replace("每万人口高价值发明专利达到3.6件", `每万人口高价值发明专利达到${(2 + random.below(40) / 10).toFixed(1)}件`)
    .replace("有效注册商标量达到9万件", `有效注册商标量达到${3 + random.below(10)}万件`);
}

function bodyOf(line: string): string {
  const rest = MEASURE.exec(line)?.[3] ?? "";
  const clause = UNITS_CLAUSE.exec(rest);
  return clause ? rest.slice(0, clause.index) : rest;
}

/** Sentences ending in 。 (the last one may lack it). */
function sentencesOf(text: string): string[] {
  return (text.match(/[^。]+。?/g) ?? []).map((s) => (s.endsWith("。") ? s : s + "。")).filter((s) => s.length > 1);
}

/**
 * Writes the documents and the corpus's data files (lexicon, unit aliases)
 * into `dir`, which must be a scratch folder, and returns the documents'
 * total size in bytes.
 */
export async function writeSyntheticCorpus(dir: string, docs: readonly SyntheticDocument[], dataFilesFrom: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  for (const doc of docs) {
    await writeFile(path.join(dir, doc.file), doc.text);
    bytes += Buffer.byteLength(doc.text);
  }
  for (const name of DATA_FILES) {
    const source = path.join(dataFilesFrom, name);
    if (
      await stat(source).then(
        () => true,
        () => false,
      )
    )
      await copyFile(source, path.join(dir, name));
  }
  return bytes;
}
