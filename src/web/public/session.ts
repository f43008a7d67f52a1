/**
 * The signed-in person as the pages see them, and requests that carry the
 * session's CSRF token. The session itself is an HttpOnly cookie the script
 * never sees.
 */
import { ApiError, fetchJson } from "./dom.js";

export interface SignedIn {
  id: number;
  username: string;
  displayName: string;
  role: "staff" | "admin";
}

export interface AuthStatus {
  needsFirstAdmin: boolean;
  firstAdminEnabled: boolean;
  user?: SignedIn;
  csrfToken?: string;
  expired?: boolean;
}

let csrfToken = "";

export function rememberCsrf(token: string | undefined): void {
  csrfToken = token ?? "";
}

export async function authStatus(): Promise<AuthStatus> {
  const status = (await fetchJson<AuthStatus>("/api/auth/status")).data;
  rememberCsrf(status.csrfToken);
  return status;
}

/**
 * Sends a request with the CSRF token and returns the body and the response
 * (for its headers). A 401 (signed out, or the session expired) goes to the
 * login page, which comes back here after signing in. The error keeps the
 * API's `code`, and its message only the Chinese part.
 */
export async function request<T>(url: string, init: RequestInit = {}): Promise<{ data: T; response: Response }> {
  const headers = new Headers(init.headers);
  if (csrfToken) headers.set("X-CSRF-Token", csrfToken);
  try {
    return await fetchJson<T>(url, { ...init, headers, credentials: "same-origin" });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      location.assign(`/login?next=${encodeURIComponent(location.pathname)}&expired=1`);
    }
    throw err instanceof ApiError ? new ApiError(err.status, chineseOnly(err.message), err.code) : err;
  }
}

/** {@link request}, for the body only. */
export async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  return (await request<T>(url, init)).data;
}

/** The API's messages are Chinese then English (for scripts and logs); the page shows the Chinese. */
export const chineseOnly = (message: string) => message.replace(/(?<=[。！？）])\s+[A-Za-z][\s\S]*$/, "");

export const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

export async function logout(): Promise<void> {
  try {
    await call("/api/auth/logout", { method: "POST" });
  } finally {
    location.assign("/login");
  }
}
