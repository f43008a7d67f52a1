/** One question asked at this window in this browser session. */
export interface HistoryEntry {
  question: string;
  /** ISO time it was asked. */
  at: string;
}

const MAX_ENTRIES = 30;
let historyKey = "staff.history";

/** Keeps the list of the person signed in apart from that of whoever used this tab before. */
export function historyOf(username: string): void {
  historyKey = `staff.history:${username}`;
}

/**
 * The questions asked at this window, newest first, kept in sessionStorage
 * per signed-in person: they survive a reload and a new sign-in after the
 * session expired, but not closing the tab, and never leave the browser.
 */
export function loadHistory(): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(historyKey) ?? "[]");
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
    sessionStorage.setItem(historyKey, JSON.stringify(entries));
  } catch {
    // Storage full or disabled: the list simply is not kept.
  }
  return entries;
}

export function clearHistory(): void {
  try {
    sessionStorage.removeItem(historyKey);
  } catch {
    // Nothing kept, nothing to clear.
  }
}

const PENDING_KEY = "staff.pending-question";

/** Keeps the question in the box while the page goes to sign in again, so that it is not lost. */
export function keepPendingQuestion(question: string): void {
  try {
    if (question.trim()) sessionStorage.setItem(PENDING_KEY, question);
  } catch {
    // Not kept: the question has to be typed again.
  }
}

/** The question kept before signing in again, once (it is forgotten as it is read). */
export function takePendingQuestion(): string {
  try {
    const question = sessionStorage.getItem(PENDING_KEY) ?? "";
    sessionStorage.removeItem(PENDING_KEY);
    return question;
  } catch {
    return "";
  }
}
