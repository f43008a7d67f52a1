/**
 * Finding the organisations an answer names, so that an LLM answer can only
 * name the responsible units its cited measures list. Pure functions.
 */

/** Words that end a phrase; an organisation's name does not contain them. */
// 和 stays allowed: 市文化和旅游局, 市发展和改革委员会.
const FUNCTION_CHARS = "的为以在对是了将可要应需向与等及或由并请把被从给让使于其该此这那每也都就还";
const NAME_CHAR = `[\\p{Script=Han}--[${FUNCTION_CHARS}]]`;

/** `市…局`, `泰安…分局`, `国家…局`, `市…中心`, `泰安…海关`: a place, then a name, then an organisation word. */
const PLACE_PREFIXED = new RegExp(`(?:泰安市?|山东省?|国家|省|市)${NAME_CHAR}{0,12}?(?:分局|局|人民法院|法院|检察院|委员会|办公室|办|中心|海关)`, "gv");
/** Organisation words distinctive enough to find without a place: `…分局`, `…人民法院`, `…检察院`, `…委员会`. */
const DISTINCTIVE = new RegExp(`${NAME_CHAR}{2,10}(?:分局|人民法院|检察院|委员会)`, "gv");

/** Words ending in 局 or 办 that are not organisations (专利布局, 新格局, 办理). */
const NOT_AN_ORGANISATION = /(?:布局|格局|全局|大局|开局|结局|当局|僵局|变局)$/;
const CONTINUES_AS_VERB = /^[理法事好成得到面势部]/;

/**
 * Organisation-like names in a text: every known unit it contains, and every
 * token that looks like one (市财政局, 山东省高级人民法院) even if unknown.
 */
export function findUnitMentions(text: string, knownUnits: Iterable<string>): string[] {
  const mentions = new Set<string>();
  for (const unit of knownUnits) if (unit && text.includes(unit)) mentions.add(unit);
  for (const pattern of [PLACE_PREFIXED, DISTINCTIVE]) {
    for (const match of text.matchAll(pattern)) {
      const token = match[0];
      const next = text.charAt(match.index + token.length);
      if (NOT_AN_ORGANISATION.test(token)) continue;
      if (/[局办]$/.test(token) && !/分局$/.test(token) && CONTINUES_AS_VERB.test(next)) continue;
      mentions.add(token);
    }
  }
  return [...mentions];
}

/**
 * The first organisation named in `answer` that the cited measures do not
 * list, or undefined. A mention passes when it is a cited unit, ends with
 * one (`泰安市市场监管局` for `市市场监管局`), or is quoted from the cited
 * text itself (`国家知识产权局专利局商标业务受理泰安窗口`).
 */
export function firstUncitedUnit(answer: string, citedUnits: readonly string[], knownUnits: Iterable<string>, citedText: string): string | undefined {
  return findUnitMentions(answer, knownUnits).find((mention) => !citedUnits.some((unit) => mention === unit || mention.endsWith(unit)) && !citedText.includes(mention));
}
