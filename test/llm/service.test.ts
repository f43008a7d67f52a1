/**
 * The composer inside the real service (parser, index, engine, store), built
 * the way `npm start` builds it, against the stub OpenAI-compatible server.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPolicyService } from "../../src/app/service.js";
import type { PolicyService } from "../../src/app/types.js";
import { loadConfig } from "../../src/config/config.js";
import { contextFrom } from "../../src/engine/answer-schema.js";
import { createGroundedComposer } from "../../src/llm/index.js";
import { stripComments } from "../../src/llm/prompts.js";
import { candidatesFrom } from "../../src/llm/records.js";
import { verifyReply } from "../../src/llm/verify.js";
import { openSqliteStore } from "../../src/store/index.js";
import { startStubOpenAIServer, type ChatCompletionRequest, type StubOpenAIServer } from "./stub-openai-server.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const logger = pino({ level: "silent" });

let stub: StubOpenAIServer;
let dataDir: string;
let withLlm: PolicyService;
let withoutLlm: PolicyService;

/** The short id the prompt gave the record titled `title`, e.g. `M2`. */
function idOf(request: ChatCompletionRequest, title: string): string {
  const user = String(request.messages?.at(-1)?.content ?? "");
  const match = new RegExp(`\\[(M\\d+)\\]\\n文件：[^\\n]*\\n位置：[^\\n]*\\n标题：${title}\\n`).exec(user);
  if (!match) throw new Error(`the prompt holds no record titled ${title}`);
  return match[1]!;
}

const citing = (title: string, answer: string) => (request: ChatCompletionRequest) => JSON.stringify({ cited_ids: [idOf(request, title)], answer });

beforeAll(async () => {
  stub = await startStubOpenAIServer();
  dataDir = await mkdtemp(path.join(os.tmpdir(), "llm-service-"));
  const base = { CORPUS_DIR: path.join(ROOT, "corpus"), DATA_DIR: dataDir, LOG_LEVEL: "silent" };
  const plain = loadConfig(base, ROOT);
  withoutLlm = await createPolicyService({ config: plain, logger, store: openSqliteStore(":memory:") });
  const config = loadConfig({ ...base, LLM_PROVIDER: "openai", LLM_BASE_URL: stub.baseURL, LLM_MODEL: "stub-model", LLM_TIMEOUT_MS: "2000" }, ROOT);
  const composer = await createGroundedComposer({ config, logger, promptsDir: path.join(ROOT, "prompts") });
  withLlm = await createPolicyService({ config, logger, store: openSqliteStore(":memory:"), composer });
});
afterAll(async () => {
  await withLlm?.close();
  await withoutLlm?.close();
  await stub?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  stub.requests.length = 0;
});

describe("LLM answers through the service", () => {
  const question = "专利质押贷款怎么办理？";
  const fluent =
    "纲要提出推进知识产权质押融资办理电子化，完善“政银企”对接平台。这项工作由市市场监管局、市文化和旅游局、泰安银保监分局负责；纲要未明确具体办理流程，请向上述单位咨询。该文件为征求意见稿。";

  it("answers with the model's text and the corpus citation of 建立知识产权运营机制", async () => {
    stub.script({ content: citing("建立知识产权运营机制", fluent) });
    const { answer } = await withLlm.ask(question, { channel: "web" });
    expect(answer).toMatchObject({ question, status: "answered", source: "llm", answer: fluent });
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]).toMatchObject({
      title: "建立知识产权运营机制",
      path: ["三、工作措施", "（三）提升知识产权运用效益", "2.建立知识产权运营机制"],
      units: ["市市场监管局", "市文化和旅游局", "泰安银保监分局"],
    });
    expect(withLlm.record(answer.citations[0]!.id)?.title).toBe("建立知识产权运营机制");
    expect(stub.requests).toHaveLength(1);
  });

  it("gives exactly the extractive answer when the model invents an amount", async () => {
    stub.script({ content: citing("建立知识产权运营机制", "专利质押贷款每件补贴5000元，由市市场监管局办理。") });
    const { answer } = await withLlm.ask(question, { channel: "web" });
    const { answer: extractive } = await withoutLlm.ask(question, { channel: "web" });
    expect(answer).toEqual(extractive);
    expect(answer.source).toBe("engine");
  });

  it("streams verified text, then returns the verified answer", async () => {
    stub.script({ content: citing("建立知识产权运营机制", fluent) });
    const partials: string[] = [];
    const { answer } = await withLlm.ask(question, { channel: "web", onPartialText: (t) => partials.push(t) });
    expect(stub.requests[0]!.body.stream).toBe(true);
    expect(partials.length).toBeGreaterThan(1);
    expect(answer).toMatchObject({ source: "llm", answer: fluent });
  });

  it("rewrites a follow-up with the previous turn before retrieval", async () => {
    stub.script({ content: citing("建立知识产权运营机制", fluent) });
    const first = await withLlm.ask(question, { channel: "web" });
    stub.script(
      { content: '{"question": "知识产权质押融资找哪个部门？"}' },
      { content: citing("建立知识产权运营机制", "知识产权质押融资由市市场监管局、市文化和旅游局、泰安银保监分局负责。") },
    );
    const { answer } = await withLlm.ask("那找哪个部门？", { channel: "web", context: contextFrom(first.answer) });

    expect(stub.requests).toHaveLength(3);
    const rewriteRequest = String(stub.requests[1]!.body.messages![0]!.content);
    expect(rewriteRequest).toContain(question);
    expect(rewriteRequest).toContain("那找哪个部门？");
    expect(String(stub.requests[2]!.body.messages![1]!.content)).toContain("<question>\n知识产权质押融资找哪个部门？\n</question>");
    expect(answer).toMatchObject({ question: "那找哪个部门？", source: "llm" });
    expect(answer.citations[0]?.units).toEqual(["市市场监管局", "市文化和旅游局", "泰安银保监分局"]);
  });

  it("keeps the full list of a unit's duties when the model cites only part of it", async () => {
    const unitQuestion = "市公安局在知识产权方面负责哪些工作？";
    stub.script({ content: citing("加大知识产权司法保护力度", "市公安局负责加大知识产权刑事打击力度。") });
    const { answer } = await withLlm.ask(unitQuestion, { channel: "web" });
    const { answer: extractive } = await withoutLlm.ask(unitQuestion, { channel: "web" });
    expect(extractive.kind).toBe("unit_duties");
    expect(stub.requests).toHaveLength(1);
    expect(answer).toEqual(extractive);
  });

  it("accepts the engine's own answers as grounded: the checks do not reject faithful text", async () => {
    const questions = [
      ...withoutLlm.exampleQuestions(),
      "市公安局在知识产权方面负责哪些工作？",
      "每万人口高价值发明专利要达到多少？",
      "知识产权纠纷调解找谁？",
      "海关在知识产权保护方面做什么？",
      "中小学知识产权教育归谁管？",
    ];
    for (const q of questions) {
      const { answer } = await withoutLlm.ask(q, { channel: "web" });
      expect(answer.status, q).toBe("answered");
      const candidates = candidatesFrom(answer.citations.map((c) => withoutLlm.record(c.id)!));
      expect(verifyReply({ answer: answer.answer, cited_ids: [...candidates.byShortId.keys()] }, candidates), q).toMatchObject({ ok: true });
    }
  });

  it("never sends an out-of-scope question to the model", async () => {
    const { answer } = await withLlm.ask("今天泰山天气怎么样？", { channel: "web" });
    expect(answer.status).toBe("out_of_scope");
    expect(stub.requests).toHaveLength(0);
  });
});

describe("prompts and /reload", () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reads prompts/ at start and again on reload, keeping the previous prompts when a file is broken", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "llm-reload-"));
    const promptsDir = path.join(dir, "prompts");
    await cp(path.join(ROOT, "prompts"), promptsDir, { recursive: true });
    const lines: { level: number; msg: string; err?: { message?: string } }[] = [];
    const captured = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const config = loadConfig(
      {
        CORPUS_DIR: path.join(ROOT, "corpus"),
        DATA_DIR: path.join(dir, "data"),
        LLM_PROVIDER: "openai",
        LLM_BASE_URL: stub.baseURL,
        LLM_MODEL: "stub-model",
        LLM_TIMEOUT_MS: "2000",
      },
      ROOT,
    );
    const composer = await createGroundedComposer({ config, logger: captured, promptsDir });
    const service = await createPolicyService({ config, logger: captured, store: openSqliteStore(":memory:"), composer });
    const systemSent = () => stub.requests.at(-1)!.body.messages![0]!.content;
    const question = "专利质押贷款怎么办理？";
    stub.script({ content: citing("建立知识产权运营机制", "纲要提出推进知识产权质押融资办理电子化。") });
    try {
      await service.ask(question, { channel: "web" });
      expect(systemSent()).toBe(stripComments(await readFile(path.join(ROOT, "prompts", "system.md"), "utf8")));

      // An edit takes effect on reload, not before.
      const edited = '你是泰安市知识产权政策助手，只依据候选条目作答。只输出 JSON：{"cited_ids": ["M1"], "answer": "……"}';
      await writeFile(path.join(promptsDir, "system.md"), edited);
      await service.ask(question, { channel: "web" });
      expect(systemSent()).not.toBe(edited);
      expect(await service.reload()).toMatchObject({ ok: true });
      await service.ask(question, { channel: "web" });
      expect(systemSent()).toBe(edited);

      // A broken template: the index still reloads, the error is logged, the previous prompts stay.
      await writeFile(path.join(promptsDir, "system.md"), "新的规则。");
      await writeFile(path.join(promptsDir, "answer.md"), "只有记录：{{records}}");
      lines.length = 0;
      expect(await service.reload()).toMatchObject({ ok: true });
      expect(lines.find((l) => l.level === 50)).toMatchObject({ msg: expect.stringContaining("prompts not reloaded"), err: { message: expect.stringContaining("answer.md") } });
      const { answer } = await service.ask(question, { channel: "web" });
      expect(systemSent()).toBe(edited);
      expect(String(stub.requests.at(-1)!.body.messages![1]!.content)).toContain(`<question>\n${question}\n</question>`);
      expect(answer.source).toBe("llm");
    } finally {
      await service.close();
    }
  });
});
