import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubEmbeddingsRequest {
  headers: IncomingHttpHeaders;
  body: { input: string[]; model: string; encoding_format?: string };
}

export interface StubEmbeddings {
  /** Base URL to configure as EMBEDDINGS_BASE_URL (ends in `/v1`). */
  url: string;
  requests: StubEmbeddingsRequest[];
  /** Length of the vectors it returns; change it to play a server whose model was swapped. */
  dimension: number;
  /** Holds every request from now on until the returned function is called (a slow embeddings server). */
  hold(): () => void;
  /** How many requests are being held. */
  readonly held: number;
  close: () => Promise<void>;
}

/**
 * An OpenAI-compatible `/v1/embeddings` endpoint on 127.0.0.1 that returns
 * deterministic character-count vectors and records each request. Like the
 * real API it answers `encoding_format: "base64"` with little-endian float32
 * bytes and anything else with arrays of numbers.
 */
export async function startStubEmbeddings(dimension: number): Promise<StubEmbeddings> {
  const requests: StubEmbeddingsRequest[] = [];
  let gate: Promise<void> | undefined;
  let held = 0;
  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (raw += c));
    req.on("end", async () => {
      if (gate) {
        held += 1;
        await gate;
        held -= 1;
      }
      const body = JSON.parse(raw) as { input: string[] | string; model: string; encoding_format?: string };
      const input = Array.isArray(body.input) ? body.input : [body.input];
      requests.push({ headers: req.headers, body: { input, model: body.model, encoding_format: body.encoding_format } });
      const data = input.map((text, index) => {
        const vector = characterCounts(text, stub.dimension);
        const embedding = body.encoding_format === "base64" ? Buffer.from(Float32Array.from(vector).buffer).toString("base64") : vector;
        return { object: "embedding", index, embedding };
      });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ object: "list", data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const stub: StubEmbeddings = {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    dimension,
    hold() {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = () => {
          gate = undefined;
          resolve();
        };
      });
      return release;
    },
    get held() {
      return held;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return stub;
}

/** A unit vector of character counts, hashed by code point: similar texts get similar vectors. */
function characterCounts(text: string, dimension: number): number[] {
  const v = new Array<number>(dimension).fill(0);
  for (const ch of text) v[ch.codePointAt(0)! % dimension]! += 1;
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}
