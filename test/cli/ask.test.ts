/**
 * `npm run ask` as a process: readable text, one JSON object, and a batch in
 * order with nothing but JSON on stdout and the index loaded once.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerSchema } from "../../src/engine/answer-schema.js";
import { CORPUS_DIR, ROOT } from "../helpers/paths.js";
import { cliCommand } from "../helpers/cli.js";

const run = promisify(execFile);
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "ipbot-ask-"));
  await cp(CORPUS_DIR, path.join(dir, "corpus"), { recursive: true });
  env = { ...process.env, CORPUS_DIR: path.join(dir, "corpus"), DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "info", LLM_PROVIDER: "none" };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ask = (...args: string[]) => run("npm", ["run", "--silent", "ask", "--", ...args], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });

describe("npm run ask", () => {
  it("prints a readable answer with the measure and its 责任单位", async () => {
    const { stdout } = await ask("专利质押贷款怎么办理？");
    expect(stdout).toContain("建立知识产权运营机制");
    expect(stdout).toContain("责任单位：市市场监管局、市文化和旅游局、泰安银保监分局");
    expect(stdout).not.toContain("{");
  });

  it("--json prints exactly one answer object on stdout, logs on stderr", async () => {
    // A data folder with no index yet: building it logs, and none of that may reach stdout.
    env = { ...env, DATA_DIR: path.join(dir, "data-fresh") };
    const { stdout, stderr } = await ask("--json", "地理标志产品保护找哪个部门？");
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const answer = AnswerSchema.strict().parse(JSON.parse(lines[0]!));
    expect(answer).toMatchObject({ question: "地理标志产品保护找哪个部门？", status: "answered" });
    expect(answer.citations[0]).toMatchObject({
      document: "泰安市知识产权强市建设纲要（征求意见稿）",
      path: ["三、工作措施", "（三）提升知识产权运用效益", "4.注重知识产权品牌培育"],
      title: "注重知识产权品牌培育",
      units: ["市市场监管局", "市农业农村局"],
    });
    expect(stderr).toContain("no index yet");
  });

  it("--batch answers a file one JSON line per question, in order, all of it even when long", async () => {
    const questions = ["专利质押贷款怎么办理？", "今天泰安天气怎么样？", "市公安局负责哪些工作？", "", "商标注册有补贴吗"];
    // 600 answers make an output far larger than a pipe's buffer: every line must still arrive.
    const many = Array.from({ length: 120 }, () => questions).flat();
    const file = path.join(dir, "questions.txt");
    await writeFile(file, many.join("\n"));
    const { stdout, stderr } = await ask("--json", "--batch", file);
    expect(stdout.endsWith("\n")).toBe(true);
    const answers = stdout
      .trim()
      .split("\n")
      .map((line) => AnswerSchema.parse(JSON.parse(line)));
    const asked = many.filter((q) => q.trim());
    expect(answers.map((a) => a.question)).toEqual(asked);
    expect(answers[1]!.status).toBe("out_of_scope");
    expect(answers[2]!.citations).toHaveLength(4);
    expect(stderr).not.toMatch(/"level":[56]0/);
  });

  it("reads settings from a .env file in the working directory, the environment winning over it", async () => {
    const cwd = path.join(dir, "with-env-file");
    await mkdir(cwd, { recursive: true });
    await writeFile(path.join(cwd, ".env"), `CORPUS_DIR=${path.join(dir, "corpus")}\nDATA_DIR=${path.join(cwd, "data")}   # index and database\nLOG_LEVEL=info\n`);
    const { CORPUS_DIR: _c, DATA_DIR: _d, LOG_LEVEL: _l, ...rest } = env;
    const { stdout, stderr } = await run(...cliCommand("ask", ["--json", "商标注册有补贴吗"]), { cwd, env: { ...rest, LOG_LEVEL: "silent" } });
    expect(JSON.parse(stdout).citations[0].title).toBe("强化知识产权政策导向");
    // LOG_LEVEL=info in the file would have logged building the index; the environment's "silent" won.
    expect(stderr).toBe("");
    expect(existsSync(path.join(cwd, "data", "index", "CURRENT"))).toBe(true);
  });

  it("explains its usage and exits non-zero without a question", async () => {
    await expect(ask()).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("Usage") });
  });
});
