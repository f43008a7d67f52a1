import type { ResponsibleUnit } from "./types.js";

/** The responsible-units clause found at the end of a body, and the body without it. */
export interface UnitsClause {
  units: ResponsibleUnit[];
  roles?: { lead: ResponsibleUnit[]; support: ResponsibleUnit[] };
  /** The list ended in 等: the units named are not all of them. */
  openEnded?: boolean;
  textWithout: string;
}

/** `国家知识产权局、财政部等` → the units without 等, and whether it was there. */
function withoutEtc(units: ResponsibleUnit[]): { units: ResponsibleUnit[]; openEnded?: boolean } {
  const last = units.at(-1);
  if (!last || !/[^等]等$/.test(last) || last.length < 3) return { units };
  return { units: [...units.slice(0, -1), last.slice(0, -1)], openEnded: true };
}

/**
 * Splits a list of units on 、 and ， (the outline mixes both), and on ；,
 * keeping each name as written. Separators inside parentheses belong to the
 * name: `各县（市、区）人民政府` is one unit.
 */
export function splitUnits(list: string): ResponsibleUnit[] {
  const units: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of list) {
    if ("（(".includes(ch)) depth += 1;
    else if ("）)".includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && "、，,；;".includes(ch)) {
      units.push(current);
      current = "";
    } else current += ch;
  }
  units.push(current);
  return units
    .map((u) =>
      u
        .trim()
        .replace(/[。.]$/, "")
        .trim(),
    )
    .filter(Boolean);
}

/**
 * A list of names, allowing one level of parentheses inside a name
 * (`各县（市、区）政府`); `stop` lists further characters a name never holds.
 */
const names = (stop = "") => `(?:[^\\n${stop}（）()【】]|[（(][^\\n（）()]*[）)])+?`;
const NAMES = names();
const OPEN = "[（(【\\[]";
const CLOSE = "[）)】\\]]";

const RESPONSIBLE = new RegExp(`${OPEN}\\s*责任单位\\s*[：:]\\s*(${NAMES})\\s*${CLOSE}\\s*[。.]?\\s*$`);
/** An unbracketed clause ends the text and holds no sentence end of its own. */
const RESPONSIBLE_BARE = new RegExp(`(?:^|[。\\n])\\s*责任单位\\s*[：:]\\s*(${names("。")})\\s*[。.]?\\s*$`);
const LEAD_SUPPORT = new RegExp(`${OPEN}?\\s*牵头单位\\s*[：:]\\s*(${NAMES})\\s*[；;，,。]?\\s*(?:\\n\\s*)?配合单位\\s*[：:]\\s*(${NAMES})\\s*${CLOSE}?\\s*[。.]?\\s*$`);
const LEAD_ONLY = new RegExp(`${OPEN}?\\s*牵头单位\\s*[：:]\\s*(${NAMES})\\s*${CLOSE}?\\s*[。.]?\\s*$`);
const RESPONSIBLE_SUFFIX = new RegExp(`[（(]\\s*由?\\s*(${NAMES})\\s*(?:按职责分工|按职责|分别|共同)?负责\\s*[）)]\\s*[。.]?\\s*$`);

/**
 * Parses the responsible units at the end of a measure's body, in any of the
 * forms policy documents use: `（责任单位：A、B，C）`, `（A、B负责）`,
 * `牵头单位：A 配合单位：B、C`. Returns undefined when there is none.
 */
export function parseResponsibleUnits(body: string): UnitsClause | undefined {
  const text = body.trimEnd();
  let m = RESPONSIBLE.exec(text) ?? RESPONSIBLE_BARE.exec(text);
  if (m?.[1]) return { ...withoutEtc(splitUnits(m[1])), textWithout: strip(text, m) };

  m = LEAD_SUPPORT.exec(text);
  if (m?.[1] && m[2]) {
    const lead = splitUnits(m[1]);
    const { units: support, openEnded } = withoutEtc(splitUnits(m[2]));
    return { units: [...lead, ...support], roles: { lead, support }, ...(openEnded ? { openEnded } : {}), textWithout: strip(text, m) };
  }
  m = LEAD_ONLY.exec(text);
  if (m?.[1]) {
    const { units: lead, openEnded } = withoutEtc(splitUnits(m[1]));
    return { units: lead, roles: { lead, support: [] }, ...(openEnded ? { openEnded } : {}), textWithout: strip(text, m) };
  }

  m = RESPONSIBLE_SUFFIX.exec(text);
  if (m?.[1]) {
    const { units, openEnded } = withoutEtc(splitUnits(m[1]));
    // "（…负责）" is a units clause only when every item reads like a unit's name, not a sentence.
    if (units.length > 0 && units.every((u) => u.length <= 24 && !/[。，,：:]/.test(u))) {
      return { units, ...(openEnded ? { openEnded } : {}), textWithout: strip(text, m) };
    }
  }
  return undefined;
}

function strip(text: string, match: RegExpExecArray): string {
  const kept = text.slice(0, match.index) + (match[0].startsWith("。") ? "。" : "");
  return kept.trim();
}
