import type { Context } from "hono";
import type { z } from "zod";
import { apiError } from "./http-errors.js";

/** Either the parsed body or the 4xx response to send instead. */
export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * Reads a JSON body and validates it with `schema`. Wrong content type,
 * malformed JSON and invalid fields each get a 4xx with a message naming the
 * problem; nothing here throws. Requiring `application/json` also keeps other
 * sites' plain HTML forms from posting to the API.
 */
export async function readJsonBody<S extends z.ZodTypeAny>(c: Context, schema: S): Promise<BodyResult<z.infer<S>>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    return {
      ok: false,
      response: apiError(c, 415, "unsupported_media_type", "请求须为 JSON（Content-Type: application/json）。", "Send a JSON body with Content-Type: application/json."),
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: apiError(c, 400, "bad_json", "请求内容不是有效的 JSON。", "The body is not valid JSON.") };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`)
      .join("; ");
    return { ok: false, response: apiError(c, 400, "bad_request", "请求内容格式不正确。", `Invalid body (${detail}).`) };
  }
  return { ok: true, value: parsed.data };
}
