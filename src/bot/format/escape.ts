/**
 * The one HTML escaper of the bot. Every piece of corpus text, user text and
 * service output that goes into a Telegram HTML message passes through it, so
 * that `<b>x</b><script>` arrives as text and `&` never starts a bogus entity.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Shortens text for a button label or a list line, by code points so no emoji or surrogate is cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}
