/**
 * The parser process: reads the documents its parent names, one message at a
 * time, and answers each with the structured document or the reason it was
 * refused. It holds nothing else (no config, no secrets, no index), so the
 * parent can kill it at any moment; it exits when the parent goes away.
 */
import { DocumentError } from "./blocks.js";
import { loadDocument } from "./document.js";
import type { ParseRequest, ParseResponse } from "./parser.js";

const send = (message: ParseResponse | { ready: true }) => process.send?.(message);

process.on("message", (request: ParseRequest) => {
  loadDocument(request.path, request.name, request.limits).then(
    (document) => send({ id: request.id, ok: true, document }),
    (error: unknown) =>
      send(
        error instanceof DocumentError
          ? { id: request.id, ok: false, reason: error.reason, ...(error.refusal ? { refusal: error.refusal } : {}) }
          : { id: request.id, ok: false, reason: `文档无法解析：${error instanceof Error ? error.message : String(error)}` },
      ),
  );
});
process.on("disconnect", () => process.exit(0));
send({ ready: true });
