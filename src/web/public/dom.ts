/**
 * Small DOM helpers shared by the staff and admin pages. Text goes in with
 * `textContent` only: corpus text, questions and answers are never parsed as
 * HTML.
 */

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes (strings set as attributes, `on…` functions as listeners) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | ((event: Event) => void) | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") node.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, value);
  }
  append(node, ...children);
  return node;
}

/** The buttons under a small inline form: submit, and 取消 (`data-action="cancel"`, for the form's owner to wire). */
export function submitOrCancel(submitLabel: string): HTMLDivElement {
  return el(
    "div",
    { class: "row" },
    el("button", { type: "submit", class: "secondary" }, submitLabel),
    el("button", { type: "button", class: "link small", "data-action": "cancel" }, "取消"),
  );
}

/** Appends children, strings as text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

/** The element with `id`, which the page is known to have. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node as T;
}

/** An API failure: the HTTP status (0 when the server could not be reached), the API's `code` and its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = status === 0 ? "network" : "unknown",
  ) {
    super(message);
  }
}

/** Fetches JSON from our API; a non-2xx answer becomes an ApiError carrying the server's message. */
export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<{ data: T; response: Response }> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, "无法连接服务器，请检查网络。", "network");
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.message ?? `请求失败（${response.status}）`, error?.code);
  }
  return { data: data as T, response };
}

/** Copies text to the clipboard; falls back to a hidden textarea where the Clipboard API is unavailable. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused: try the old way below.
  }
  const area = el("textarea", { readonly: true, "aria-hidden": "true", class: "offscreen" });
  area.value = text;
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** A local date-time for tables, e.g. 2025-03-01 14:05. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
