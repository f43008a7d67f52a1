/**
 * What Telegram does with a message sent with `parse_mode: "HTML"`, so that
 * tests can assert what a user sees. The emulator stores the raw text and
 * accepts anything; the real Bot API refuses unknown tags, unbalanced tags and
 * unknown entities with 400 "can't parse entities", which `htmlProblems` finds.
 */

/** Tags the Bot API accepts in HTML mode. */
const ALLOWED_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"]);

/** The text Telegram shows: tags removed, the four named entities and numeric ones decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** Why Telegram would refuse this HTML message, or [] when it would accept it. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (html.length > 4096) problems.push(`longer than 4096 characters (${html.length})`);
  if (!visibleText(html).trim()) problems.push("no visible text");
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^<>]*>/g)) {
    const [, closing, name] = m;
    if (!ALLOWED_TAGS.has(name!.toLowerCase())) problems.push(`unsupported tag <${name}>`);
    if (!closing) stack.push(name!);
    else if (stack.pop() !== name) problems.push(`</${name}> closes a tag it did not open`);
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.map((t) => `<${t}>`).join("")}`);
  const text = html.replace(/<\/?[a-zA-Z][\w-]*[^<>]*>/g, "");
  if (/[<>]/.test(text)) problems.push("a bare < or > outside a tag");
  if (/&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);)/.test(text)) problems.push("an & that starts no entity Telegram knows");
  return problems;
}
