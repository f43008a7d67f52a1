import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/app/service.js";
import { loadConfig, type Config } from "../../src/config/index.js";
import { PolicyEngine } from "../../src/engine/engine.js";
import { buildIndex, IndexBuildError } from "../../src/index/build.js";
import { readCurrentVersion } from "../../src/index/layout.js";
import { loadIndex } from "../../src/index/load.js";
import { configuredIdentity, providerFactory } from "../../src/index/providers.js";
import { createLogger } from "../../src/log/index.js";
import { FIXTURES } from "../helpers/paths.js";
import { startStubEmbeddings } from "../helpers/stub-embeddings-server.js";
import { tempWorkspace } from "../helpers/temp-corpus.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function workspace(env: Record<string, string> = {}) {
  const ws = await tempWorkspace(env);
  cleanups.push(ws.cleanup);
  return ws;
}

const build = (config: Config) => buildIndex({ corpusDir: config.corpusDir, indexRoot: config.indexDir, makeProvider: providerFactory(config) });

async function engineOf(config: Config): Promise<PolicyEngine> {
  const loaded = await loadIndex(config.indexDir, configuredIdentity(config), providerFactory(config));
  if (!loaded.ok) throw new Error(loaded.message);
  return new PolicyEngine(loaded.index, { maxQuestionChars: 500 });
}

describe("building the index", () => {
  it("persists an HNSW store, lexical index and manifest that load and answer", async () => {
    const { config } = await workspace();
    const { manifest, dir } = await build(config);
    expect(manifest.counts).toMatchObject({ documents: 1, measures: 18, sections: 8, units: 16 });
    expect(manifest.embeddings).toEqual({ provider: "hashed", model: expect.any(String), dimension: 1024 });
    expect(manifest.corpus[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const files = await readdir(path.join(dir, "hnsw"));
    expect(files).toEqual(expect.arrayContaining(["hnswlib.index", "docstore.json", "args.json"]));

    const answer = await (await engineOf(config)).answer("知识产权质押融资由哪些部门负责？");
    expect(answer.citations[0]!.title).toBe("建立知识产权运营机制");
  });

  it("does not re-embed unchanged documents, and embeds only what a new document adds", async () => {
    const { config } = await workspace();
    const first = await build(config);
    expect(first.manifest.counts.embedded).toBe(first.manifest.counts.chunks);

    const again = await build(config);
    expect(again.manifest.counts.embedded).toBe(0);
    expect(again.manifest.counts.reused).toBe(first.manifest.counts.chunks);

    await copyFile(path.join(FIXTURES, "subsidy.docx"), path.join(config.corpusDir, "subsidy.docx"));
    const added = await build(config);
    expect(added.manifest.counts.reused).toBe(first.manifest.counts.chunks);
    expect(added.manifest.counts.embedded).toBe(added.manifest.counts.chunks - first.manifest.counts.chunks);
    expect(added.manifest.counts.embedded).toBeGreaterThan(0);
  });

  it("a failing document names the file and leaves the previous index serving", async () => {
    const { config } = await workspace();
    const { manifest } = await build(config);
    await copyFile(path.join(FIXTURES, "broken.docx"), path.join(config.corpusDir, "新办法.docx"));

    const failure = await build(config).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IndexBuildError);
    expect((failure as IndexBuildError).file).toBe("新办法.docx");
    expect((failure as IndexBuildError).reason.length).toBeGreaterThan(5);

    expect(await readCurrentVersion(config.indexDir)).toBe(manifest.version);
    const answer = await (await engineOf(config)).answer("专利质押贷款怎么办理？");
    expect(answer.citations[0]!.units).toEqual(["市市场监管局", "市文化和旅游局", "泰安银保监分局"]);
  });

  it("a document with no text is refused by name", async () => {
    const { config } = await workspace();
    await build(config);
    await copyFile(path.join(FIXTURES, "empty.txt"), path.join(config.corpusDir, "空白.txt"));
    await expect(build(config)).rejects.toMatchObject({ file: "空白.txt" });
  });

  it("a crash half way through leaves the serving version and no half-built index", async () => {
    const { config } = await workspace();
    const { manifest } = await build(config);
    await copyFile(path.join(FIXTURES, "subsidy.html"), path.join(config.corpusDir, "subsidy.html"));
    // A stale directory of a build that died with its process.
    await mkdir(path.join(config.indexDir, ".build-v-dead"), { recursive: true });

    const base = providerFactory(config);
    const crashing = buildIndex({
      corpusDir: config.corpusDir,
      indexRoot: config.indexDir,
      makeProvider: (tokenizer) => {
        const provider = base(tokenizer);
        provider.embeddings.embedDocuments = async () => {
          throw new Error("connection reset while embedding");
        };
        return provider;
      },
    });
    await expect(crashing).rejects.toThrow(/embeddings provider failed/);
    expect(await readCurrentVersion(config.indexDir)).toBe(manifest.version);
    expect((await readdir(config.indexDir)).filter((n) => n.startsWith(".build-"))).toEqual([]);
    expect((await engineOf(config)).index.manifest.version).toBe(manifest.version);
  });
});

describe("documents beyond the outline", () => {
  it("a table row is retrievable and cited with its table's heading", async () => {
    const { config } = await workspace();
    for (const file of ["subsidy.docx", "trademark.md"]) await copyFile(path.join(FIXTURES, file), path.join(config.corpusDir, file));
    const { manifest } = await build(config);
    // Each table row is a record of its own; the two tables count as two.
    expect(manifest.counts).toMatchObject({ documents: 3, tables: 2 });
    const engine = await engineOf(config);

    const award = await engine.answer("驰名商标认定奖励多少？");
    expect(award.citations[0]).toMatchObject({
      document: "泰安市商标品牌建设实施方案（测试样例）",
      title: "驰名商标认定",
      path: ["二、重点任务", "（二）加大商标品牌奖励", "附表：商标品牌奖励标准"],
      quote: expect.stringContaining("驰名商标认定"),
    });

    const grant = await engine.answer("发明专利授权资助多少钱？");
    expect(grant.citations.slice(0, 3)).toContainEqual(expect.objectContaining({ title: "发明专利授权", quote: expect.stringContaining("发明专利授权") }));
  });

  it("cites the 牵头单位 and 配合单位 of a Markdown measure", async () => {
    const { config } = await workspace();
    await copyFile(path.join(FIXTURES, "trademark.md"), path.join(config.corpusDir, "trademark.md"));
    await build(config);
    const answer = await (await engineOf(config)).answer("商标国际注册由哪个部门牵头？");
    expect(answer.citations[0]).toMatchObject({ title: "加强商标注册指导", units: ["市市场监管局", "市商务局", "市农业农村局"] });
  });
});

describe("loading the index", () => {
  /** A logger whose JSON lines the test reads. */
  function capturingLogger() {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", destination: { write: (line: string) => void lines.push(line) } });
    return { logger, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  }

  it("start-up with no index builds one from the corpus", async () => {
    const { config } = await workspace();
    const { logger, entries } = capturingLogger();
    const engine = await openEngine(config, logger);
    expect(engine.index.manifest.counts.measures).toBe(18);
    expect(await readCurrentVersion(config.indexDir)).toBe(engine.index.manifest.version);
    expect(entries()).toContainEqual(expect.objectContaining({ level: 30, msg: expect.stringMatching(/no index yet/) }));
  });

  it("detects a corrupt index, and start-up rebuilds it with a warning", async () => {
    const { config } = await workspace();
    const { manifest, dir: versionDir } = await build(config);
    const hnsw = path.join(versionDir, "hnsw", "hnswlib.index");
    const bytes = await readFile(hnsw);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10]! + 1) % 256;
    await writeFile(hnsw, bytes);

    const loaded = await loadIndex(config.indexDir, configuredIdentity(config), providerFactory(config));
    expect(loaded).toMatchObject({ ok: false, problem: "corrupt" });
    expect((loaded as { message: string }).message).toContain("hnsw/hnswlib.index is altered");

    const { logger, entries } = capturingLogger();
    const engine = await openEngine(config, logger);
    expect(entries()).toContainEqual(
      expect.objectContaining({ level: 40, problem: "corrupt", detail: expect.stringContaining("hnswlib.index"), msg: expect.stringMatching(/rebuilding/) }),
    );
    expect(engine.index.manifest.version).not.toBe(manifest.version);
    expect(await readCurrentVersion(config.indexDir)).toBe(engine.index.manifest.version);
    expect((await engine.answer("地理标志产品保护找哪个部门？")).citations[0]!.title).toBe("注重知识产权品牌培育");
  });

  it("detects an index file that was deleted", async () => {
    const { config } = await workspace();
    const { dir: versionDir } = await build(config);
    await rm(path.join(versionDir, "lexical.json"));
    const loaded = await loadIndex(config.indexDir, configuredIdentity(config), providerFactory(config));
    expect(loaded).toMatchObject({ ok: false, problem: "corrupt", message: expect.stringContaining("lexical.json is missing") });
  });

  it("refuses to mix vectors of two embeddings providers", async () => {
    const { config } = await workspace();
    await build(config);
    const other = loadConfig({ CORPUS_DIR: config.corpusDir, DATA_DIR: config.dataDir, EMBEDDINGS_DIMENSION: "512" });
    const loaded = await loadIndex(other.indexDir, configuredIdentity(other), providerFactory(other));
    expect(loaded).toMatchObject({ ok: false, problem: "provider_mismatch" });
    expect((loaded as { message: string }).message).toMatch(/never mixed/);

    // A build for the other provider embeds everything afresh instead of reusing the old vectors.
    const rebuilt = await build(other);
    expect(rebuilt.manifest.counts.reused).toBe(0);
    expect(rebuilt.manifest.embeddings.dimension).toBe(512);
  });
});

describe("OpenAI-compatible embeddings", () => {
  const KEY = "sk-test-embeddings-key";
  async function openAIWorkspace(stubUrl: string) {
    return workspace({
      EMBEDDINGS_PROVIDER: "openai",
      EMBEDDINGS_BASE_URL: stubUrl,
      EMBEDDINGS_MODEL: "stub-embed",
      EMBEDDINGS_API_KEY: KEY,
      EMBEDDINGS_DIMENSION: "64",
    });
  }

  it("embeds the corpus and the question through the configured endpoint", async () => {
    const stub = await startStubEmbeddings(64);
    cleanups.push(stub.close);
    const { config } = await openAIWorkspace(stub.url);
    const { manifest, dir } = await build(config);
    expect(manifest.embeddings).toEqual({ provider: "openai", model: "stub-embed", dimension: 64 });
    expect(manifest.counts.embedded).toBe(manifest.counts.chunks);
    expect(stub.requests.length).toBeGreaterThan(0);
    for (const request of stub.requests) {
      expect(request.body.model).toBe("stub-embed");
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    }
    expect(stub.requests.flatMap((r) => r.body.input).some((t) => t.includes("质押融资"))).toBe(true);
    expect(await readFile(path.join(dir, "manifest.json"), "utf8")).not.toContain(KEY);

    const before = stub.requests.length;
    const answer = await (await engineOf(config)).answer("专利质押贷款怎么办理？");
    expect(stub.requests.length).toBe(before + 1);
    expect(stub.requests.at(-1)!.body.input).toEqual([expect.stringContaining("专利质押贷款")]);
    expect(answer.citations[0]!.title).toBe("建立知识产权运营机制");

    const hashed = loadConfig({ CORPUS_DIR: config.corpusDir, DATA_DIR: config.dataDir });
    expect(await loadIndex(hashed.indexDir, configuredIdentity(hashed), providerFactory(hashed))).toMatchObject({ ok: false, problem: "provider_mismatch" });
  });

  it("a wrong dimension is a clear build error, and the serving index stays untouched", async () => {
    const stub = await startStubEmbeddings(64);
    cleanups.push(stub.close);
    const { config } = await openAIWorkspace(stub.url);
    const { manifest } = await build(config);

    // The server's model is swapped for one with shorter vectors; a new document needs embedding.
    stub.dimension = 32;
    await copyFile(path.join(FIXTURES, "subsidy.html"), path.join(config.corpusDir, "subsidy.html"));
    await expect(build(config)).rejects.toThrow(/dimension 32, but EMBEDDINGS_DIMENSION is 64/);

    expect(await readCurrentVersion(config.indexDir)).toBe(manifest.version);
    expect((await readdir(config.indexDir)).filter((n) => n.startsWith(".build-"))).toEqual([]);
    stub.dimension = 64;
    const engine = await engineOf(config);
    expect(engine.index.manifest.version).toBe(manifest.version);
    expect((await engine.answer("专利质押贷款怎么办理？")).citations[0]!.title).toBe("建立知识产权运营机制");
  });
});
