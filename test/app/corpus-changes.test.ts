/**
 * Corpus changes through the service: a publish requested while a reload is
 * still indexing waits its turn and is indexed by its own rebuild, so it is
 * searchable the moment it is reported done.
 */
import { copyFile, readFile } from "node:fs/promises";
import path from "node:path";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createPolicyService } from "../../src/app/service.js";
import { loadConfig } from "../../src/config/index.js";
import { openSqliteStore } from "../../src/store/index.js";
import { eventually } from "../bot/support/bot-process.js";
import { FIXTURES, OUTLINE_FILE } from "../helpers/paths.js";
import { startStubEmbeddings } from "../helpers/stub-embeddings-server.js";
import { tempWorkspace } from "../helpers/temp-corpus.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const SUBSIDY_TITLE = "泰安市专利资助办法（测试样例）";

describe("one corpus change at a time", () => {
  it("indexes a document published during a reload before saying it is done", async () => {
    const ws = await tempWorkspace();
    cleanups.push(ws.cleanup);
    // A slow embeddings server holds the reload in its embedding step for as long as the test needs.
    const stub = await startStubEmbeddings(64);
    cleanups.push(stub.close);
    const config = loadConfig({
      CORPUS_DIR: ws.config.corpusDir,
      DATA_DIR: ws.config.dataDir,
      LOG_LEVEL: "silent",
      EMBEDDINGS_PROVIDER: "openai",
      EMBEDDINGS_BASE_URL: stub.url,
      EMBEDDINGS_MODEL: "stub",
      EMBEDDINGS_DIMENSION: "64",
    });
    const service = await createPolicyService({ config, logger: pino({ level: "silent" }), store: openSqliteStore(":memory:") });
    cleanups.push(() => service.close());

    // An admin drops a file into the folder and reloads; the reload stalls on the new file's vectors.
    await copyFile(path.join(FIXTURES, "trademark.md"), path.join(config.corpusDir, "trademark.md"));
    const release = stub.hold();
    const reloading = service.reload();
    await eventually("the reload to wait on the embeddings server", () => stub.held > 0);

    const publishing = service.publishDocument("subsidy.docx", await readFile(path.join(FIXTURES, "subsidy.docx")));
    await eventually("the publish to be queued behind the reload", () => service.health().pendingChanges === 2);
    expect(service.health().reloading).toBe(true);
    release();

    const reloaded = await reloading;
    expect(reloaded.ok && reloaded.value.documents).toBe(2);
    const published = await publishing;
    expect(published.ok && published.value.summary.documents).toBe(3);
    // Right after the reply: the new document answers.
    const { answer } = await service.ask("发明专利授权资助标准是什么？", { channel: "cli" });
    expect(answer.citations[0]?.document).toBe(SUBSIDY_TITLE);
    expect(
      service
        .documents()
        .map((d) => d.file)
        .sort(),
    ).toEqual([OUTLINE_FILE, "subsidy.docx", "trademark.md"].sort());
    expect(service.health()).toMatchObject({ reloading: false, pendingChanges: 0 });
  });

  it("applies a removal queued behind a publish after it, each indexed in turn", async () => {
    const ws = await tempWorkspace();
    cleanups.push(ws.cleanup);
    const service = await createPolicyService({ config: ws.config, logger: pino({ level: "silent" }), store: openSqliteStore(":memory:") });
    cleanups.push(() => service.close());
    const bytes = await readFile(path.join(FIXTURES, "subsidy.docx"));
    const [published, removed] = await Promise.all([service.publishDocument("subsidy.docx", bytes), service.removeDocument("subsidy.docx")]);
    expect(published.ok && published.value.summary.documents).toBe(2);
    expect(removed.ok && removed.value.documents).toBe(1);
    expect(service.documents().map((d) => d.file)).not.toContain("subsidy.docx");
  });
});
