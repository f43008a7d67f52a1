import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the stub received, exactly as it arrived. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The raw body text, so tests can search it for anything that must not be sent. */
  rawBody: string;
  body: ChatCompletionRequest;
}

export interface ChatCompletionRequest {
  model?: string;
  stream?: boolean;
  temperature?: number;
  messages?: { role: string; content: unknown }[];
  [key: string]: unknown;
}

/**
 * What the stub answers to the next request: the assistant's text (sent whole,
 * or as SSE chunks when the client asked to stream), an HTTP error, or a
 * delay long enough to force the client's timeout.
 */
export interface ScriptedReply {
  /** The assistant message content, or a function of the request (to cite the id a prompt gave a record). */
  content?: string | ((request: ChatCompletionRequest) => string);
  /** When streaming: how to cut `content` into deltas (default: pieces of 8 characters). */
  chunks?: string[];
  /** Milliseconds to wait before answering at all. */
  delayMs?: number;
  /** Milliseconds to wait between streamed chunks. */
  chunkDelayMs?: number;
  /** Answer with this HTTP status and an OpenAI-style error body instead. */
  status?: number;
  /** The error body's message with `status` (default "scripted failure"), e.g. one that repeats the key as some servers do. */
  errorMessage?: string;
}

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 for tests:
 * `/v1/chat/completions`, plain JSON or SSE streaming, records every request
 * and replies from a script (the last reply repeats when the script runs out).
 */
export interface StubOpenAIServer {
  /** e.g. `http://127.0.0.1:40123/v1`, ready for LLM_BASE_URL. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Queues replies for the next requests, in order. */
  script(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

export async function startStubOpenAIServer(): Promise<StubOpenAIServer> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedReply[] = [];
  let last: ScriptedReply = { content: "" };
  const sockets = new Set<import("node:net").Socket>();

  const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => {
      let body: ChatCompletionRequest = {};
      try {
        body = JSON.parse(raw) as ChatCompletionRequest;
      } catch {
        // Recorded as-is; the reply below tells the client it was malformed.
      }
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, rawBody: raw, body });
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "not found", type: "invalid_request_error" } }));
        return;
      }
      const reply = queue.shift() ?? last;
      last = reply;
      void respond(res, reply, body);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => {
      queue.push(...replies);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function respond(res: http.ServerResponse, reply: ScriptedReply, body: ChatCompletionRequest): Promise<void> {
  if (reply.delayMs) await sleep(reply.delayMs);
  if (res.destroyed) return;
  if (reply.status && reply.status >= 400) {
    res.writeHead(reply.status, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: reply.errorMessage ?? "scripted failure", type: "server_error" } }));
    return;
  }
  let content: string;
  try {
    content = typeof reply.content === "function" ? reply.content(body) : (reply.content ?? "");
  } catch (error) {
    // A script that cannot answer this request shows up as a server error, not a crashed test run.
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: String(error), type: "server_error" } }));
    return;
  }
  const id = "chatcmpl-stub";
  const created = Math.floor(Date.now() / 1000);
  const model = body.model ?? "stub";
  if (!body.stream) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id,
        object: "chat.completion",
        created,
        model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const chunks = reply.chunks ?? content.match(/[\s\S]{1,8}/g) ?? [];
  const send = (delta: Record<string, unknown>, finish: string | null) =>
    res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
  send({ role: "assistant", content: "" }, null);
  for (const piece of chunks) {
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
    if (res.destroyed) return;
    send({ content: piece }, null);
  }
  send({}, "stop");
  res.end("data: [DONE]\n\n");
}

/** The text of the request's last message (the user message the templates fill). */
function lastMessageText(request: ChatCompletionRequest): string {
  const content = request.messages?.at(-1)?.content;
  return typeof content === "string" ? content : JSON.stringify(content ?? "");
}

/**
 * A scripted reply that stays grounded in whatever the request carries, for
 * end-to-end runs (the eval CLI) where every question needs a verifiable
 * answer: to an answer prompt it replies with the first line of the first
 * candidate's 正文, citing that candidate's id; to a follow-up rewrite it
 * returns the follow-up unchanged. Use as `stub.script({ content: groundedEcho })`.
 */
export function groundedEcho(request: ChatCompletionRequest): string {
  const prompt = lastMessageText(request);
  const record = /\[(M\d+)\]\n(?:[^\n]*\n)*?正文：([^\n]+)/.exec(prompt);
  if (record) return JSON.stringify({ cited_ids: [record[1]], answer: record[2] });
  const questions = [...prompt.matchAll(/<question>\n([\s\S]*?)\n<\/question>/g)];
  const followUp = questions.at(-1)?.[1];
  if (followUp !== undefined) return JSON.stringify({ question: followUp });
  throw new Error("groundedEcho: the request holds neither candidate records nor a question");
}
