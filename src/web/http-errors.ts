import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Failure } from "../app/types.js";

/** The body of every error the API answers: a stable English code for scripts and a Chinese message for people. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/**
 * Answers a JSON error. `zh` is the message people see; `_en` is the same in
 * English for whoever reads the source beside the code; it is not sent, so
 * the pages never show mixed-language text (scripts go by `code`).
 */
export function apiError(c: Context, status: ContentfulStatusCode, code: string, zh: string, _en?: string): Response {
  const body: ApiErrorBody = { error: { code, message: zh } };
  return c.json(body, status);
}

const FAILURE_STATUS: Record<Failure["code"], ContentfulStatusCode> = {
  bad_name: 400,
  unsupported_type: 400,
  bad_document: 422,
  unsafe_document: 422,
  too_large: 413,
  not_found: 404,
  index_failed: 500,
};

/** Turns a service failure (a value, never thrown) into its HTTP answer, keeping the service's own message. */
export function failureResponse(c: Context, failure: Failure): Response {
  const body: ApiErrorBody & { error: { file?: string } } = {
    error: { code: failure.code, message: failure.message, ...(failure.file ? { file: failure.file } : {}) },
  };
  return c.json(body, FAILURE_STATUS[failure.code]);
}
