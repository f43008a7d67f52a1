import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerSchema } from "../../src/engine/answer-schema.js";
import { LOW_CONFIDENCE } from "../../src/engine/confidence.js";
import { createWebApp } from "../../src/web/index.js";
import { ADMIN_TOKEN, PASSWORD, ROOT, bearerFor, createAccount, filesIn, sessionHeaders, startTestConsole, type TestConsole } from "./support/console.js";

const run = promisify(execFile);
const QUESTION = "地理标志产品保护找哪个部门？";

let app: TestConsole;
let bearer: Record<string, string>;
/** A window worker's session: the console's API answers only a signed-in person. */
let staff: Record<string, string>;

beforeAll(async () => {
  app = await startTestConsole({ copyCorpus: true });
  await createAccount(app, "wang.admin", "admin", "王管理");
  bearer = await bearerFor(app, "wang.admin");
  staff = await sessionHeaders(app, "zhang.window");
});
afterAll(async () => {
  await app?.stop();
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(app.url + url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

describe("POST /api/ask", () => {
  it("answers with exactly what `ask --json` prints for the same question", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "web-cli-"));
    try {
      const { stdout } = await run("npm", ["run", "--silent", "ask", "--", "--json", QUESTION], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, CORPUS_DIR: path.join(ROOT, "corpus"), LOG_LEVEL: "silent" },
      });
      const cli = JSON.parse(stdout) as unknown;
      const response = await post("/api/ask", { question: QUESTION }, staff);
      expect(response.status).toBe(200);
      const api = (await response.json()) as unknown;
      expect(api).toEqual(cli);
      const answer = AnswerSchema.strict().parse(api);
      expect(answer.citations[0]).toMatchObject({ title: "注重知识产权品牌培育", units: ["市市场监管局", "市农业农村局"] });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("logs the question with channel web and returns its id for feedback", async () => {
    const response = await post("/api/ask", { question: "专利质押融资找谁？" }, staff);
    const id = Number(response.headers.get("x-query-id"));
    expect(Number.isInteger(id) && id > 0).toBe(true);
    const logged = app.service.queries({ limit: 1 })[0];
    expect(logged).toMatchObject({ id, channel: "web", askedBy: "zhang.window", question: "专利质押融资找谁？", feedback: null });

    const feedback = await post("/api/feedback", { queryId: id, helpful: false }, staff);
    expect(feedback.status).toBe(200);
    expect(app.service.queries({ feedback: "down" }).find((q) => q.id === id)).toMatchObject({ feedbackBy: "zhang.window" });
    expect((await post("/api/feedback", { queryId: 99_999_999, helpful: true }, staff)).status).toBe(404);
    expect((await post("/api/feedback", { queryId: "1", helpful: "yes" }, staff)).status).toBe(400);
  });

  it("resolves a follow-up with the previous answer's context", async () => {
    const first = AnswerSchema.parse(await (await post("/api/ask", { question: "地理标志产品保护" }, staff)).json());
    const response = await post(
      "/api/ask",
      { question: "那找哪个部门？", context: { previousQuestion: first.question, previousCitationIds: first.citations.map((c) => c.id) } },
      staff,
    );
    expect(response.status).toBe(200);
    const answer = AnswerSchema.parse(await response.json());
    expect(answer.status).toBe("answered");
    expect(answer.citations.map((c) => c.title)).toContain("注重知识产权品牌培育");
  });

  it("refuses malformed and invalid bodies with 400 and a message", async () => {
    for (const body of [
      "{not json",
      "[]",
      "null",
      JSON.stringify({}),
      JSON.stringify({ question: 42 }),
      JSON.stringify({ question: "x", context: { previousCitationIds: "a" } }),
    ]) {
      const response = await post("/api/ask", body, staff);
      expect(response.status, body).toBe(400);
      await errorOf(response);
    }
    const empty = await post("/api/ask", { question: "   " }, staff);
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).message).toMatch(/请输入问题/);
  });

  it("refuses a body that is not JSON with 415", async () => {
    const response = await fetch(app.url + "/api/ask", { method: "POST", headers: { ...staff, "Content-Type": "text/plain" }, body: "question=x" });
    expect(response.status).toBe(415);
    await errorOf(response);
  });

  it("refuses a question longer than MAX_QUESTION_CHARS with 400, a Chinese-only message and an English code, counting an emoji as one", async () => {
    const max = app.config.MAX_QUESTION_CHARS;
    const ok = await post("/api/ask", { question: `${"专".repeat(max - 1)}😀` }, staff);
    expect(ok.status).toBe(200);
    const response = await post("/api/ask", { question: "专".repeat(max + 1) }, staff);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("question_too_long");
    expect(error.message).toContain(`最多 ${max} 个字`);
    expect(error.message).not.toMatch(/[A-Za-z]/);
  });

  it("refuses a question of only punctuation or emoji with 400 question_without_words", async () => {
    const response = await post("/api/ask", { question: "？？？😀" }, staff);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("question_without_words");
    expect(error.message).toContain("没有看懂这个问题");
  });

  it("refuses an oversized body with 413 and keeps serving", async () => {
    const response = await post("/api/ask", { question: "x", padding: "专".repeat(100_000) }, staff);
    expect(response.status).toBe(413);
    await errorOf(response);
    expect((await fetch(app.url + "/api/health")).status).toBe(200);
  });
});

describe("the console needs a signed-in person", () => {
  it("answers 401 without a session, in Chinese with an English code, and sends the page to the login page; health stays open", async () => {
    const logged = app.service.countQueries();
    for (const [method, url] of [
      ["POST", "/api/ask"],
      ["POST", "/api/feedback"],
      ["GET", "/api/outline"],
      ["GET", "/api/units"],
      ["GET", `/api/units/${encodeURIComponent("市公安局")}`],
      ["GET", `/api/records/${encodeURIComponent(app.service.unit("市公安局")!.records[0]!.id)}`],
      ["GET", "/api/examples"],
      ["GET", "/api/config"],
    ] as const) {
      const response = await fetch(app.url + url, {
        method,
        ...(method === "POST" ? { headers: { "Content-Type": "application/json" }, body: JSON.stringify({ question: QUESTION }) } : {}),
      });
      expect(response.status, url).toBe(401);
      const error = await errorOf(response);
      expect(error.code).toBe("unauthorized");
      expect(error.message).toBe("请先登录。");
    }
    const page = await fetch(app.url + "/", { redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login?next=%2F");
    expect((await fetch(app.url + "/api/health")).status).toBe(200);
    // Nothing was answered, so nothing was logged.
    expect(app.service.countQueries()).toBe(logged);
  });

  it("needs the CSRF token for a question asked with the cookie, and says when the session expired", async () => {
    const login = await post("/api/auth/login", { username: "zhang.window", password: PASSWORD });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const withCookie = (headers: Record<string, string>) => post("/api/ask", { question: QUESTION }, { Cookie: cookie, ...headers });
    const refused = await withCookie({});
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("csrf");
    expect((await withCookie({ "X-CSRF-Token": csrfToken })).status).toBe(200);
    app.advanceClock((app.config.SESSION_IDLE_MINUTES + 1) * 60_000);
    const expired = await withCookie({ "X-CSRF-Token": csrfToken });
    expect(expired.status).toBe(401);
    expect(await errorOf(expired)).toEqual({ code: "session_expired", message: "登录已过期，请重新登录。" });
    staff = await sessionHeaders(app, "zhang.window");
    bearer = await bearerFor(app, "wang.admin");
  });

  it("takes feedback only from the person who was given the answer, and records who gave it", async () => {
    const asked = await post("/api/ask", { question: "专利导航找谁？" }, staff);
    const queryId = Number(asked.headers.get("x-query-id"));
    const other = await sessionHeaders(app, "chen.window");
    const foreign = await post("/api/feedback", { queryId, helpful: false, reason: "other" }, other);
    expect(foreign.status).toBe(404);
    expect(app.service.queries({ id: queryId })[0]).toMatchObject({ askedBy: "zhang.window", feedback: null, feedbackBy: null });
    expect((await post("/api/feedback", { queryId, helpful: true }, staff)).status).toBe(200);
    expect(app.service.queries({ id: queryId })[0]).toMatchObject({ feedback: 1, feedbackBy: "zhang.window" });
  });
});

describe("read-only API", () => {
  it("reports health: index version, counts, uptime", async () => {
    const response = await fetch(app.url + "/api/health");
    expect(response.status).toBe(200);
    const health = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(health).sort()).toEqual(
      ["builtAt", "chunks", "documents", "embeddings", "indexVersion", "llm", "measures", "pendingChanges", "records", "reloading", "store", "units", "uptimeSeconds"].sort(),
    );
    expect(health).toMatchObject({ documents: 1, reloading: false, llm: "none", store: { ok: true } });
    expect(typeof health.indexVersion).toBe("string");
    expect(health.measures as number).toBeGreaterThan(10);
    expect(health.units as number).toBeGreaterThan(10);
    expect(typeof health.uptimeSeconds).toBe("number");
  });

  it("tells the staff page the core's question limit and low-confidence threshold", async () => {
    const response = await fetch(app.url + "/api/config", { headers: staff });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ maxQuestionChars: app.config.MAX_QUESTION_CHARS, lowConfidence: LOW_CONFIDENCE });
  });

  it("lists a unit's measures by name and by alias", async () => {
    const police = ["健全知识产权保护机制", "加大知识产权司法保护力度", "开展知识产权专项行动", "加强知识产权纠纷调处"];
    for (const name of ["市公安局", "公安局"]) {
      const response = await fetch(app.url + "/api/units/" + encodeURIComponent(name), { headers: staff });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { entry: { name: string }; records: { title: string }[] };
      expect(body.entry.name).toBe("市公安局");
      expect(body.records.map((r) => r.title)).toEqual(police);
    }
    expect((await fetch(app.url + "/api/units/" + encodeURIComponent("不存在的局"), { headers: staff })).status).toBe(404);
    const units = (await (await fetch(app.url + "/api/units", { headers: staff })).json()) as { name: string }[];
    expect(units.map((u) => u.name)).toContain("泰安银保监分局");
  });

  it("serves the outline and a record with its related measures", async () => {
    const outline = (await (await fetch(app.url + "/api/outline", { headers: staff })).json()) as { title: string; nodes: { heading: string }[] }[];
    expect(outline[0]!.title).toBe("泰安市知识产权强市建设纲要（征求意见稿）");
    expect(outline[0]!.nodes.map((n) => n.heading)).toContain("三、工作措施");
    const id = app.service.unit("市公安局")!.records[0]!.id;
    const response = await fetch(app.url + "/api/records/" + encodeURIComponent(id), { headers: staff });
    const body = (await response.json()) as { record: { title: string; units: string[] }; related: unknown[] };
    expect(body.record.title).toBe("健全知识产权保护机制");
    expect(body.record.units).toContain("市公安局");
    expect(Array.isArray(body.related)).toBe(true);
    expect((await fetch(app.url + "/api/records/nope", { headers: staff })).status).toBe(404);
    expect((await fetch(app.url + "/api/nothing-here", { headers: staff })).status).toBe(404);
  });

  it("sends security headers and no CORS permission", async () => {
    const response = await fetch(app.url + "/", { headers: { ...staff, Origin: "https://evil.example" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(app.url + "/api/ask", { method: "OPTIONS", headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("admin API", () => {
  it("refuses without a session and with a wrong bearer token (401); ADMIN_TOKEN itself opens nothing", async () => {
    const wrong = "wrong-token-that-must-not-be-logged";
    const none = await fetch(app.url + "/api/admin/documents");
    expect(none.status).toBe(401);
    await errorOf(none);
    const bad = await fetch(app.url + "/api/admin/documents", { headers: { Authorization: `Bearer ${wrong}` } });
    expect(bad.status).toBe(401);
    const shared = await fetch(app.url + "/api/admin/documents", { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(shared.status).toBe(401);
    expect(app.logText()).not.toContain(wrong);
    expect(app.logText()).not.toContain(ADMIN_TOKEN);

    const good = await fetch(app.url + "/api/admin/documents", { headers: bearer });
    expect(good.status).toBe(200);
    const docs = (await good.json()) as { file: string; measures: number; status: string; version: number }[];
    expect(docs[0]).toMatchObject({ file: "泰安市知识产权强市建设纲要（征求意见稿）.txt", status: "draft", version: 1 });
  });

  it("rejects path-traversal file names with 400 and writes nothing", async () => {
    const corpusBefore = filesIn(app.config.corpusDir);
    const parentBefore = filesIn(path.dirname(app.config.corpusDir));
    const names = ["../x.txt", "a/b.txt", "..\\x.txt", "/etc/x.txt", "..", "x.txt/..", ".hidden.txt"];
    for (const name of names) {
      const raw = await fetch(app.url + "/api/admin/documents/preview", {
        method: "POST",
        headers: { ...bearer, "Content-Type": "application/octet-stream", "X-File-Name": encodeURIComponent(name) },
        body: "一、总则\n（一）目的\n测试。",
      });
      expect(raw.status, name).toBe(400);
      expect((await errorOf(raw)).code).toBe("bad_name");

      const form = new FormData();
      form.append("file", new Blob(["一、总则\n测试。"]), "ok.txt");
      form.append("name", name);
      const multipart = await fetch(app.url + "/api/admin/documents/preview", { method: "POST", headers: bearer, body: form });
      expect(multipart.status, name).toBe(400);
      await errorOf(multipart);
    }
    const removal = await fetch(app.url + "/api/admin/documents/" + encodeURIComponent("../x.txt"), { method: "DELETE", headers: bearer });
    expect(removal.status).toBe(400);
    expect(filesIn(app.config.corpusDir)).toEqual(corpusBefore);
    expect(filesIn(path.dirname(app.config.corpusDir))).toEqual(parentBefore);
  });

  it("refuses unsupported types and oversized uploads", async () => {
    const exe = await fetch(app.url + "/api/admin/documents/preview", {
      method: "POST",
      headers: { ...bearer, "Content-Type": "application/octet-stream", "X-File-Name": "tool.exe" },
      body: "MZ",
    });
    expect(exe.status).toBe(400);
    expect((await errorOf(exe)).code).toBe("unsupported_type");
    const small = createWebApp({ service: app.service, config: { ...app.config, MAX_UPLOAD_BYTES: 1000 }, logger: pinoSilent(), now: app.now });
    const big = await small.request("/api/admin/documents/preview", {
      method: "POST",
      headers: { ...bearer, "Content-Type": "application/octet-stream", "X-File-Name": "big.txt" },
      body: "专".repeat(2000),
    });
    expect(big.status).toBe(413);
  });

  it("previews an upload without touching the corpus, then publishes it as a job", async () => {
    const before = filesIn(app.config.corpusDir);
    const form = new FormData();
    form.append("file", new Blob([fs.readFileSync(path.join(ROOT, "test/fixtures/subsidy.docx"))]), "subsidy.docx");
    const preview = await fetch(app.url + "/api/admin/documents/preview", { method: "POST", headers: bearer, body: form });
    expect(preview.status).toBe(200);
    const { uploadId, preview: parsed } = (await preview.json()) as { uploadId: string; preview: { title: string; replaces: boolean; unitNames: string[] } };
    expect(parsed.title).toBe("泰安市专利资助办法（测试样例）");
    expect(parsed.replaces).toBe(false);
    expect(parsed.unitNames).toContain("市财政局");
    expect(filesIn(app.config.corpusDir)).toEqual(before);

    const started = await post("/api/admin/documents/publish", { uploadId }, bearer);
    expect(started.status).toBe(202);
    let job = (await started.json()) as { id: string; state: string; summary: { documents: number } | null };
    while (job.state === "running") {
      await new Promise((r) => setTimeout(r, 100));
      job = (await (await fetch(`${app.url}/api/admin/jobs/${job.id}`, { headers: bearer })).json()) as typeof job;
    }
    expect(job.state).toBe("done");
    expect(job.summary?.documents).toBe(2);
    expect(filesIn(app.config.corpusDir)).toContain("subsidy.docx");
    // The preview is used up: publishing it again is refused.
    expect((await post("/api/admin/documents/publish", { uploadId }, bearer)).status).toBe(404);

    const answer = AnswerSchema.parse(await (await post("/api/ask", { question: "发明专利授权资助标准" }, staff)).json());
    expect(answer.citations[0]?.document).toBe("泰安市专利资助办法（测试样例）");
    const audit = app.service.auditLog().filter((e) => e.action === "document.preview" || e.action === "document.publish");
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(["document.preview", "document.publish"]));
    expect(audit.every((e) => e.actor === "wang.admin")).toBe(true);
    const docs = (await (await fetch(app.url + "/api/admin/documents", { headers: bearer })).json()) as { file: string; version: number; uploader?: string; status: string }[];
    expect(docs.find((d) => d.file === "subsidy.docx")).toMatchObject({ version: 1, uploader: "wang.admin", status: "official" });
  });

  it("creates, updates and removes curated answers, checking the linked record", async () => {
    const recordId = app.service.unit("市公安局")!.records[1]!.id;
    const unknown = await post("/api/admin/curated", { question: "q", answer: "a", recordId: "no#1" }, bearer);
    expect(unknown.status).toBe(400);
    const created = await post("/api/admin/curated", { question: "刑事打击知识产权犯罪找谁？", answer: "请联系市公安局。", recordId }, bearer);
    expect(created.status).toBe(201);
    const item = (await created.json()) as { id: number };
    const put = await fetch(`${app.url}/api/admin/curated/${item.id}`, {
      method: "PUT",
      headers: { ...bearer, "Content-Type": "application/json" },
      body: JSON.stringify({ question: "知识产权犯罪找哪个部门？", answer: "由市公安局负责侦查。", recordId }),
    });
    expect(put.status).toBe(200);
    const list = (await (await fetch(app.url + "/api/admin/curated", { headers: bearer })).json()) as { question: string }[];
    expect(list.map((c) => c.question)).toEqual(["知识产权犯罪找哪个部门？"]);
    const removed = await fetch(`${app.url}/api/admin/curated/${item.id}`, { method: "DELETE", headers: bearer });
    expect(removed.status).toBe(200);
    expect((await fetch(`${app.url}/api/admin/curated/${item.id}`, { method: "DELETE", headers: bearer })).status).toBe(404);
    const audit = (await (await fetch(app.url + "/api/admin/audit", { headers: bearer })).json()) as { action: string; actor: string }[];
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(["curated.create", "curated.update", "curated.remove"]));
    expect(audit.every((e) => !e.actor.includes(ADMIN_TOKEN))).toBe(true);
  });

  it("filters the query log: out of scope, low confidence, thumbs-down", async () => {
    await post("/api/ask", { question: "今天天气怎么样？" }, staff);
    const get = async (filter: string) =>
      (await (await fetch(`${app.url}/api/admin/queries?filter=${filter}`, { headers: bearer })).json()) as {
        queries: { status: string; confidence: number; feedback: number | null }[];
        stats: { questions: number };
      };
    const outOfScope = await get("out_of_scope");
    expect(outOfScope.queries.length).toBeGreaterThan(0);
    expect(outOfScope.queries.every((q) => q.status === "out_of_scope")).toBe(true);
    const low = (await get("low_confidence")).queries;
    expect(low.every((q) => q.confidence < LOW_CONFIDENCE && q.status === "answered")).toBe(true);
    const down = await get("down");
    expect(down.queries.length).toBeGreaterThan(0);
    expect(down.queries.every((q) => q.feedback === -1)).toBe(true);
    expect(down.stats.questions).toBeGreaterThan(3);
    expect((await fetch(`${app.url}/api/admin/queries?filter=bogus`, { headers: bearer })).status).toBe(400);
  });
});

function pinoSilent() {
  return pino({ level: "silent" });
}
