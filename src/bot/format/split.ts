/** Telegram refuses messages longer than this. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

interface Token {
  raw: string;
  kind: "open" | "close" | "void" | "char" | "entity";
  /** Tag name for open/close tags. */
  name?: string;
  /** 2: a line ends after it; 1: a sentence ends after it; 0: not a place to break. */
  breakRank: 0 | 1 | 2;
}

const TOKEN = /<\/?([a-zA-Z][\w-]*)(?:\s[^<>]*)?>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[\s\S]/gu;
const SENTENCE_END = new Set(["。", "！", "？", "；", "!", "?", ";"]);

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  for (const m of html.matchAll(TOKEN)) {
    const raw = m[0];
    if (m[1]) {
      const name = m[1].toLowerCase();
      const kind = raw.startsWith("</") ? "close" : raw.endsWith("/>") ? "void" : "open";
      tokens.push({ raw, kind, name, breakRank: 0 });
    } else if (raw.length > 1 && raw.startsWith("&")) {
      tokens.push({ raw, kind: "entity", breakRank: 0 });
    } else {
      tokens.push({ raw, kind: "char", breakRank: raw === "\n" ? 2 : SENTENCE_END.has(raw) ? 1 : 0 });
    }
  }
  return tokens;
}

function applyTag(stack: Token[], token: Token): Token[] {
  if (token.kind === "open") return [...stack, token];
  if (token.kind === "close") {
    const at = stack.map((t) => t.name).lastIndexOf(token.name);
    return at < 0 ? stack : stack.slice(0, at);
  }
  return stack;
}

const closingOf = (stack: Token[]): string =>
  stack
    .slice()
    .reverse()
    .map((t) => `</${t.name}>`)
    .join("");

/**
 * Splits a Telegram HTML message into parts of at most `limit` characters.
 * Prefers line ends, then sentence ends (。！？；), and only then any place
 * between characters; never cuts inside a tag, an entity or a surrogate pair.
 * Tags open at a cut are closed at the end of the part and opened again at the
 * start of the next, so every part is balanced HTML on its own.
 */
export function splitForTelegram(html: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  if (html.length <= limit) return [html];
  const tokens = tokenize(html);
  const parts: string[] = [];
  let start = 0;
  let openAtStart: Token[] = [];

  while (start < tokens.length) {
    const prefix = openAtStart.map((t) => t.raw).join("");
    let length = prefix.length;
    let stack = openAtStart;
    let end = start;
    let lastLine: { end: number; stack: Token[]; length: number } | undefined;
    let lastSentence: typeof lastLine;

    for (let i = start; i < tokens.length; i++) {
      const token = tokens[i]!;
      const nextStack = applyTag(stack, token);
      const nextLength = length + token.raw.length;
      if (nextLength + closingOf(nextStack).length > limit && i > start) break;
      stack = nextStack;
      length = nextLength;
      end = i + 1;
      if (token.breakRank === 2) lastLine = { end, stack, length };
      else if (token.breakRank === 1) lastSentence = { end, stack, length };
    }

    if (end < tokens.length) {
      // A line end in the second half of the part beats a later sentence end; either beats a blind cut.
      const cut = lastLine && (lastLine.length >= limit / 2 || !lastSentence) ? lastLine : (lastSentence ?? lastLine);
      if (cut) {
        end = cut.end;
        stack = cut.stack;
      }
      // Closing tags right at the cut cost nothing: they replace the closers we would add.
      while (end < tokens.length && tokens[end]!.kind === "close" && stack.at(-1)?.name === tokens[end]!.name) {
        stack = applyTag(stack, tokens[end]!);
        end++;
      }
    }

    const body = tokens
      .slice(start, end)
      .map((t) => t.raw)
      .join("");
    parts.push(prefix + body + closingOf(stack));
    openAtStart = stack;
    start = end;
  }
  return parts;
}
