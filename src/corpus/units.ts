import type { ResponsibleUnit } from "./types.js";

/** The responsible-units clause found at the end of a body, and the body without it. */
export interface UnitsClause {
  units: ResponsibleUnit[];
  roles?: { lead: ResponsibleUnit[]; support: ResponsibleUnit[] };
  textWithout: string;
}

/** Splits a list of units on 、 and ， (the outline mixes both), and on ；, keeping each name as written. */
export function splitUnits(list: string): ResponsibleUnit[] {
  return list
    .split(/[、，,；;]/)
    .map((u) => u.trim().replace(/[。.]$/, ""))
    .filter(Boolean);
}

const RESPONSIBLE = /[（(]\s*责任单位\s*[：:]\s*([^（）()]+?)\s*[）)]\s*[。.]?\s*$/;
const RESPONSIBLE_BARE = /(?:^|[。\n])\s*责任单位\s*[：:]\s*([^\n。（）()]+?)\s*[。.]?\s*$/;
const LEAD_SUPPORT =
  /[（(]?\s*牵头单位\s*[：:]\s*([^\n（）()]+?)\s*[；;，,]?\s*(?:\n\s*)?配合单位\s*[：:]\s*([^\n（）()]+?)\s*[）)]?\s*[。.]?\s*$/;
const LEAD_ONLY = /[（(]?\s*牵头单位\s*[：:]\s*([^\n（）()]+?)\s*[）)]?\s*[。.]?\s*$/;
const RESPONSIBLE_SUFFIX = /[（(]\s*([^（）()]{2,300}?)\s*(?:按职责分工|分别)?负责\s*[）)]\s*[。.]?\s*$/;

/**
 * Parses the responsible units at the end of a measure's body, in any of the
 * forms policy documents use: `（责任单位：A、B，C）`, `（A、B负责）`,
 * `牵头单位：A 配合单位：B、C`. Returns undefined when there is none.
 */
export function parseResponsibleUnits(body: string): UnitsClause | undefined {
  const text = body.trimEnd();
  let m = RESPONSIBLE.exec(text) ?? RESPONSIBLE_BARE.exec(text);
  if (m?.[1]) return { units: splitUnits(m[1]), textWithout: strip(text, m) };

  m = LEAD_SUPPORT.exec(text);
  if (m?.[1] && m[2]) {
    const lead = splitUnits(m[1]);
    const support = splitUnits(m[2]);
    return { units: [...lead, ...support], roles: { lead, support }, textWithout: strip(text, m) };
  }
  m = LEAD_ONLY.exec(text);
  if (m?.[1]) {
    const lead = splitUnits(m[1]);
    return { units: lead, roles: { lead, support: [] }, textWithout: strip(text, m) };
  }

  m = RESPONSIBLE_SUFFIX.exec(text);
  if (m?.[1]) {
    const units = splitUnits(m[1]);
    // "（…负责）" is a units clause only when every item reads like a unit's name, not a sentence.
    if (units.length > 0 && units.every((u) => u.length <= 24 && !/[。，,：:]/.test(u))) {
      return { units, textWithout: strip(text, m) };
    }
  }
  return undefined;
}

function strip(text: string, match: RegExpExecArray): string {
  const kept = text.slice(0, match.index) + (match[0].startsWith("。") ? "。" : "");
  return kept.trim();
}
