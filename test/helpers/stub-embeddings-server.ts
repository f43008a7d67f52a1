import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An OpenAI-compatible `/v1/embeddings` endpoint on 127.0.0.1 that returns
 * deterministic character-count vectors and records each request.
 */
export async function startStubEmbeddings(dimension: number): Promise<{ url: string; requests: { headers: IncomingHttpHeaders; body: { input: string[]; model: string } }[]; close: () => Promise<void> }> {
  const requests: { headers: IncomingHttpHeaders; body: { input: string[]; model: string } }[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = JSON.parse(raw) as { input: string[] | string; model: string };
      const input = Array.isArray(body.input) ? body.input : [body.input];
      requests.push({ headers: req.headers, body: { input, model: body.model } });
      const data = input.map((text, index) => {
        const v = new Array<number>(dimension).fill(0);
        for (const ch of text) v[ch.codePointAt(0)! % dimension]! += 1;
        const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
        return { object: "embedding", index, embedding: v.map((x) => x / norm) };
      });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ object: "list", data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
