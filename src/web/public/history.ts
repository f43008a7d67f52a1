/** One question asked at this window in this browser session. */
export interface HistoryEntry {
  question: string;
  /** ISO time it was asked. */
  at: string;
}

const KEY = "staff.history";
const MAX_ENTRIES = 30;

/**
 * The questions asked at this window, newest first, kept in sessionStorage:
 * they survive a reload but not closing the tab, and never leave the browser.
 */
export function loadHistory(): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((e): e is HistoryEntry => typeof e?.question === "string" && typeof e?.at === "string").slice(0, MAX_ENTRIES);
  } catch {
    return [];
  }
}

/** Adds a question at the top (moving it up when it was asked before). */
export function remember(question: string, at = new Date()): HistoryEntry[] {
  const entries = [{ question, at: at.toISOString() }, ...loadHistory().filter((e) => e.question !== question)].slice(0, MAX_ENTRIES);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(entries));
  } catch {
    // Storage full or disabled: the list simply is not kept.
  }
  return entries;
}

export function clearHistory(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing kept, nothing to clear.
  }
}
