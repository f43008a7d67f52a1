/**
 * Start-up with another embeddings provider or model than the index was
 * built with: the service re-indexes instead of mixing vectors.
 */
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/app/service.js";
import { loadConfig } from "../../src/config/index.js";
import { startStubEmbeddings } from "../helpers/stub-embeddings-server.js";
import { tempWorkspace } from "../helpers/temp-corpus.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

let lines: { level: number; msg: string; problem?: string }[] = [];
const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });

describe("openEngine", () => {
  it("re-indexes on start when EMBEDDINGS_PROVIDER or EMBEDDINGS_MODEL changes, and only then", async () => {
    const ws = await tempWorkspace();
    cleanups.push(ws.cleanup);
    const stub = await startStubEmbeddings(64);
    cleanups.push(stub.close);
    const settings = { CORPUS_DIR: ws.config.corpusDir, DATA_DIR: ws.config.dataDir };
    const neural = (model: string) =>
      loadConfig({ ...settings, EMBEDDINGS_PROVIDER: "openai", EMBEDDINGS_BASE_URL: stub.url, EMBEDDINGS_MODEL: model, EMBEDDINGS_DIMENSION: "64" });

    lines = [];
    const hashed = await openEngine(ws.config, logger);
    expect(hashed.index.manifest.embeddings.provider).toBe("hashed");
    expect(lines.map((l) => l.msg)).toEqual([expect.stringContaining("no index yet")]);
    expect(stub.requests).toHaveLength(0);

    lines = [];
    const first = await openEngine(neural("stub-embed"), logger);
    expect(lines).toEqual([expect.objectContaining({ level: 40, problem: "provider_mismatch" })]);
    expect(first.index.manifest.embeddings).toEqual({ provider: "openai", model: "stub-embed", dimension: 64 });
    expect(first.index.manifest.counts.reused).toBe(0);
    expect(stub.requests.length).toBeGreaterThan(0);
    expect(stub.requests.every((r) => r.body.model === "stub-embed")).toBe(true);
    expect((await first.answer("专利质押贷款怎么办理？")).citations[0]?.title).toBe("建立知识产权运营机制");

    lines = [];
    const before = stub.requests.length;
    const second = await openEngine(neural("stub-embed-v2"), logger);
    expect(lines).toEqual([expect.objectContaining({ level: 40, problem: "provider_mismatch" })]);
    expect(second.index.manifest.embeddings.model).toBe("stub-embed-v2");
    expect(second.index.manifest.counts.reused).toBe(0);
    expect(stub.requests.slice(before).every((r) => r.body.model === "stub-embed-v2")).toBe(true);

    // The same settings again: the index is loaded as it is.
    lines = [];
    const again = await openEngine(neural("stub-embed-v2"), logger);
    expect(lines).toEqual([]);
    expect(again.index.manifest.version).toBe(second.index.manifest.version);

    // And back to the offline provider: rebuilt once more.
    lines = [];
    const back = await openEngine(ws.config, logger);
    expect(lines).toEqual([expect.objectContaining({ problem: "provider_mismatch" })]);
    expect(back.index.manifest.embeddings.provider).toBe("hashed");
  });
});
