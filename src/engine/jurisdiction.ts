import type { DocumentLevel, DocumentMeta } from "../corpus/types.js";

/** The deployment's own place: its city's measures answer first, higher levels follow as 上级政策. */
export interface HomeJurisdiction {
  city: string;
  province: string;
}

/** The level a question asks about when it names one (省里的政策, 国家层面, 岱岳区), else undefined. */
export interface LevelFocus {
  level: DocumentLevel;
  /** A named county or district (岱岳区), for telling county documents apart. */
  region?: string;
}

const ORDER: Record<DocumentLevel, number> = { county: 0, municipal: 1, unknown: 1, provincial: 2, national: 3 };

/** How far above the home city a level is: 0 for the city itself (and documents of no known level). */
export function levelsAbove(level: DocumentLevel): number {
  return Math.max(0, ORDER[level] - ORDER.municipal);
}

/** A document of the home city itself (or of no known level): what answers a question that names no level. */
export function isHome(meta: DocumentMeta, home: HomeJurisdiction): boolean {
  if (meta.level === "unknown") return true;
  return meta.level === "municipal" && (meta.region === undefined || meta.region === home.city);
}

const PROVINCIAL = /(省里|省级|全省|省政府|省委|省上|省内|省厅|省一级)/;
const NATIONAL =
  /(国家层面|国家级|全国|国务院|中央|部委|^国家|国家(今年|明年|每年|一年|有|出台|的|关于|政策|规定|要求|层级|对|在|要|怎么|是否|会|是|任务|清单|文件|那边|那块|还|也|能|给|发|几))/;
const MUNICIPAL = /(市里|市级|本市|我市|全市|市政府)/;
const COUNTY = /(区里|县里|区级|县级|区政府|县政府)/;

/**
 * Which level a question names, if any: the province by name or 省里, the
 * nation, the home city, a county or district by name or 区里. Regions are
 * those the corpus's documents govern, so a new document's district is
 * known without a code change.
 */
export function levelAsked(question: string, home: HomeJurisdiction, regions: readonly { region: string; level: DocumentLevel }[]): LevelFocus | undefined {
  const provinceName = home.province.replace(/省$/, "");
  const found: { at: number; focus: LevelFocus }[] = [];
  const seen = (at: number, focus: LevelFocus) => {
    if (at >= 0) found.push({ at, focus });
  };
  // A county or district the corpus governs, or a city other than home (肥城市 read as a city of its own): the place named.
  for (const { region, level } of regions) {
    if (level !== "county" && !(level === "municipal" && region !== home.city)) continue;
    seen(question.lastIndexOf(region), { level, region });
    if (region.length >= 3) seen(question.lastIndexOf(region.slice(0, -1)), { level, region });
  }
  seen(Math.max(lastMatch(question, PROVINCIAL), question.lastIndexOf(home.province), lastMatch(question, new RegExp(`${provinceName}(?!大学)`, "g"))), { level: "provincial" });
  seen(lastMatch(question, NATIONAL), { level: "national" });
  seen(lastMatch(question, COUNTY), { level: "county" });
  const cityNamed = question.lastIndexOf(home.city.replace(/市$/, ""));
  seen(Math.max(lastMatch(question, MUNICIPAL), cityNamed), { level: "municipal" });
  // "省里在扩大质押融资，泰安市里谁负责": the level named last is the one asked about; the earlier one is context.
  found.sort((x, y) => y.at - x.at);
  // "我们合作社在肥城…市里奖励多少钱": in a county-level city (肥城市, 新泰市) 市里 is that city, unless the home city is named.
  const countyCity = found.find((f) => f.focus.region?.endsWith("市") && f.focus.region !== home.city);
  if (found[0]?.focus.level === "municipal" && !found[0].focus.region && countyCity && cityNamed < 0) return countyCity.focus;
  return found[0]?.focus;
}

/** Where a pattern last matches in a text, or -1. */
function lastMatch(text: string, pattern: RegExp): number {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  let last = -1;
  for (const m of text.matchAll(global)) last = m.index;
  return last;
}

/**
 * A document's weight for a question: the level asked wins; with none asked
 * the home city's documents come first, a county's a little after, higher
 * levels after those, so that a provincial measure whose title names the
 * topic does not outrank the city's measure on it.
 */
export function levelWeight(meta: DocumentMeta, focus: LevelFocus | undefined, home: HomeJurisdiction): number {
  if (focus) {
    if (meta.level !== focus.level) return meta.level === "unknown" ? 0.9 : 0.7;
    if (focus.region && meta.region && meta.region !== focus.region) return 0.8;
    return 1.25;
  }
  const foreignCity = meta.level === "municipal" && meta.region !== undefined && meta.region !== home.city;
  if (foreignCity) return 0.75;
  switch (meta.level) {
    case "municipal":
    case "unknown":
      return 1;
    case "county":
      return 0.75;
    case "provincial":
      return 0.8;
    case "national":
      return 0.75;
  }
}
