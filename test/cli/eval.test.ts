/**
 * `npm run eval` as a process, in both modes: extractive (the default) and
 * LLM-written answers against the stub OpenAI-compatible server, which
 * replies with text grounded in the candidates each request carries.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Scores } from "../../src/eval/score.js";
import { cliCommand } from "../helpers/cli.js";
import { groundedEcho, startStubOpenAIServer, type StubOpenAIServer } from "../llm/stub-openai-server.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const API_KEY = "sk-test-eval-key-0123456789";

// A few lines in the format of shared/eval/dev.jsonl: topics, a target, one unit's duties, one refusal.
const QUESTIONS = [
  { id: "q-01", question: "申请专利有没有资助或奖励政策？", expect: { titles: ["强化知识产权政策导向"], units: ["市市场监管局", "市文化和旅游局", "市林业局", "市农业农村局"] } },
  { id: "q-02", question: "专利质押贷款怎么办理？", expect: { titles: ["建立知识产权运营机制"], units: ["市市场监管局", "市文化和旅游局", "泰安银保监分局"] } },
  { id: "q-03", question: "地理标志产品保护找哪个部门？", expect: { titles: ["注重知识产权品牌培育"], units: ["市市场监管局", "市农业农村局"] } },
  { id: "q-04", question: "到2025年全市有效注册商标量的目标是多少？", expect: { titles: ["发展目标"], answer_contains: ["9万件"] } },
  {
    id: "q-05",
    question: "市公安局在知识产权方面负责哪些工作？",
    expect: { all_titles: ["健全知识产权保护机制", "加大知识产权司法保护力度", "开展知识产权专项行动", "加强知识产权纠纷调处"] },
  },
  { id: "q-06", question: "今天泰安天气怎么样？", expect: { out_of_scope: true } },
];

/** What the report holds per mode: the scores without the per-question failures. */
type Figures = Omit<Scores, "failed">;
interface EvalReport {
  mode: { answers: string; llmModel?: string; embeddings: string };
  full: Figures;
  "vector-only retrieval": Figures;
  "lexical-only retrieval": Figures;
}

let stub: StubOpenAIServer;
let dir: string;
let questionsFile: string;

/** Runs the eval CLI with exactly these settings (nothing inherited from the test's own environment). */
async function runEval(env: Record<string, string>): Promise<{ report: EvalReport; stderr: string }> {
  const { stdout, stderr } = await promisify(execFile)(...cliCommand("eval", [questionsFile, "--json"]), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.homedir(), DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "info", ...env },
    timeout: 90_000,
  });
  // stdout holds the report and nothing else: log lines go to stderr.
  return { report: JSON.parse(stdout) as EvalReport, stderr };
}

beforeAll(async () => {
  stub = await startStubOpenAIServer();
  stub.script({ content: groundedEcho });
  dir = await mkdtemp(path.join(os.tmpdir(), "eval-cli-"));
  questionsFile = path.join(dir, "questions.jsonl");
  await writeFile(questionsFile, QUESTIONS.map((q) => JSON.stringify(q)).join("\n") + "\n");
});
afterAll(async () => {
  await stub?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  stub.requests.length = 0;
});

const allRight = {
  questions: 6,
  top1: { hit: 4, of: 4 },
  top3: { hit: 4, of: 4 },
  unitsExact: { hit: 3, of: 3 },
  unitLookups: { complete: 1, precise: 1, of: 1 },
  answerContains: { hit: 1, of: 1 },
  outOfScopeRefused: { hit: 1, of: 1 },
  falseRefusals: 0,
};

describe("npm run eval", () => {
  it("scores extractive answers by default and never calls a model", async () => {
    // LLM_BASE_URL is set but LLM_PROVIDER is not: the stub must stay silent.
    const { report, stderr } = await runEval({ LLM_BASE_URL: stub.baseURL, LLM_MODEL: "stub-model", LLM_API_KEY: API_KEY });

    expect(report.mode).toEqual({ answers: "extractive", embeddings: expect.stringMatching(/^hashed:/) });
    expect(report.full).toMatchObject({ ...allRight, sources: { engine: 6, llm: 0, curated: 0 } });
    expect(report["vector-only retrieval"].questions).toBe(6);
    expect(report["lexical-only retrieval"].questions).toBe(6);
    expect(stub.requests).toHaveLength(0);
    expect(stderr).toContain("building one from the corpus");
  });

  it("scores LLM-written answers against an OpenAI-compatible server, falling back where they are incomplete", async () => {
    const { report, stderr } = await runEval({ LLM_PROVIDER: "openai", LLM_BASE_URL: stub.baseURL, LLM_MODEL: "stub-model", LLM_API_KEY: API_KEY, LLM_TIMEOUT_MS: "10000" });

    expect(report.mode).toEqual({ answers: "llm", llmModel: "stub-model", embeddings: expect.stringMatching(/^hashed:/) });
    // The model's answers cite the engine's best record, so the figures match the extractive run;
    // the unit's duties fall back (one measure cited of four) and the refusal never reaches the model.
    expect(report.full).toMatchObject({ ...allRight, sources: { engine: 2, llm: 4, curated: 0 } });
    // The ablations are the engine alone.
    expect(report["vector-only retrieval"].sources).toEqual({ engine: 6, llm: 0, curated: 0 });

    expect(stub.requests).toHaveLength(5);
    for (const request of stub.requests) {
      expect(request.body.model).toBe("stub-model");
      expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    }
    const prompts = stub.requests.map((r) => String(r.body.messages?.at(-1)?.content));
    expect(prompts.some((p) => p.includes("<question>\n专利质押贷款怎么办理？\n</question>"))).toBe(true);
    expect(prompts.some((p) => p.includes("今天泰安天气怎么样"))).toBe(false);
    expect(stderr).toMatch(/"reason":"incomplete"/);
    expect(stderr).not.toContain(API_KEY);
  });
});
