/**
 * Issue 11's reproductions against the real console: hostile uploads are
 * refused by the parser process while questions keep being answered, names
 * are checked by the one upload policy, query parameters are bounded, and
 * failed sign-ins are throttled.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manyMeasuresTxt, nestedDivsHtml, nulText, paragraphBombDocx, type HostileDocument } from "../../src/bench/hostile-documents.js";
import { AnswerSchema } from "../../src/engine/answer-schema.js";
import { PASSWORD, bearerFor, createAccount, filesIn, sessionHeaders, startTestConsole, type TestConsole } from "./support/console.js";

let app: TestConsole;
let bearer: Record<string, string>;
let staff: Record<string, string>;

beforeAll(async () => {
  app = await startTestConsole({ copyCorpus: true });
  await createAccount(app, "qian.admin", "admin");
  bearer = await bearerFor(app, "qian.admin");
  staff = await sessionHeaders(app);
});
afterAll(async () => {
  await app?.stop();
});

const preview = (name: string, body: Uint8Array | string) =>
  fetch(app.url + "/api/admin/documents/preview", {
    method: "POST",
    headers: { ...bearer, "Content-Type": "application/octet-stream", "X-File-Name": encodeURIComponent(name) },
    body: typeof body === "string" ? body : new Blob([new Uint8Array(body)]),
  });

const ask = async (question: string) => {
  const response = await fetch(app.url + "/api/ask", { method: "POST", headers: { ...staff, "Content-Type": "application/json" }, body: JSON.stringify({ question }) });
  expect(response.status).toBe(200);
  return AnswerSchema.parse(await response.json());
};

async function refusal(document: HostileDocument): Promise<{ status: number; code: string; message: string }> {
  const response = await preview(document.file, document.bytes);
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe("hostile documents through the console", () => {
  it("refuses nested <div>s and a paragraph-bomb .docx while concurrent questions are answered", async () => {
    const corpusBefore = filesIn(app.config.corpusDir);
    let answered = 0;
    let previewing = true;
    const questions = (async () => {
      while (previewing) {
        const answer = await ask("专利质押贷款找哪个部门？");
        expect(answer.citations[0]?.units).toContain("泰安银保监分局");
        answered++;
      }
    })();
    const [divs, bomb] = await Promise.all([refusal(nestedDivsHtml()), refusal(paragraphBombDocx())]);
    previewing = false;
    await questions;
    expect(divs).toMatchObject({ status: 422, code: "unsafe_document", message: "文档嵌套层数超过上限 100" });
    expect(bomb).toMatchObject({ status: 422, code: "unsafe_document", message: "文档段落数超过上限 20000" });
    expect(answered).toBeGreaterThan(0);
    expect(filesIn(app.config.corpusDir)).toEqual(corpusBefore);
  });

  it("gives the 100,000-measure .txt a 4xx, not a 500", async () => {
    const result = await refusal(manyMeasuresTxt());
    expect(result.status).toBe(422);
    expect(result.message).toMatch(/上限/);
  });

  it("refuses NUL bytes and a binary renamed .txt as not text", async () => {
    expect(await refusal(nulText())).toMatchObject({ status: 422, message: "不是文本文档（含有二进制内容或大量控制字符）" });
    const binary = { label: "elf", file: "tool.txt", bytes: readFileSync(process.execPath).subarray(0, 128 * 1024) };
    expect(await refusal(binary)).toMatchObject({ status: 422, message: "不是文本文档（含有二进制内容或大量控制字符）" });
  });

  it("maps the upload policy's name refusals to 400 with the reason in Chinese", async () => {
    for (const [name, reason] of [
      ["CON.txt", "设备名"],
      ["ev\u202Eil.txt", "文字方向"],
      ["政策\u200B.txt", "零宽"],
      ["．．／x.txt", "路径分隔符"],
      [" 政策.txt", "首尾有空白"],
    ] as const) {
      const response = await preview(name, "一、总则\n（一）目的\n测试。");
      expect(response.status, name).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("bad_name");
      expect(error.message, name).toContain(reason);
      // The audit log says why in the same Chinese words, never the API's code.
      expect(app.service.auditLog({ action: "document.preview.refused", limit: 1 })[0]?.detail).toBe(error.message);
    }
    const htm = await preview("政策.htm", "<html><body><h1>泰安市专利资助办法</h1><p>一、资助对象</p><p>对授权的发明专利给予资助。</p></body></html>");
    expect(htm.status, await htm.clone().text()).toBe(200);
  });

  it("validates numeric query parameters as bounded integers", async () => {
    for (const query of ["offset=1e20", "offset=-1", "offset=abc", "limit=0", "limit=100000", "limit=1.5"]) {
      expect((await fetch(`${app.url}/api/admin/queries?${query}`, { headers: bearer })).status, query).toBe(400);
    }
    expect((await fetch(`${app.url}/api/admin/queries?offset=1000000`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${app.url}/api/admin/audit?limit=1e9`, { headers: bearer })).status).toBe(400);
    expect((await fetch(`${app.url}/api/admin/curated/1e400`, { method: "DELETE", headers: bearer })).status).toBe(400);
  });

  // Last: it locks this address out of the admin API.
  it("throttles failed sign-ins per address with 429 and audits them at most once a minute", async () => {
    const auditBefore = app.service.auditLog(5000).filter((e) => e.action === "auth.login_failed").length;
    const login = (password: string) =>
      fetch(`${app.url}/api/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: "qian.admin", password }) });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(`wrong-password-${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(20).fill(429));
    // Blocked: the right password is not even checked, and a live session from that address waits too.
    expect((await login(PASSWORD)).status).toBe(429);
    const blocked = await fetch(`${app.url}/api/admin/documents`, { headers: bearer });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    const { error } = (await blocked.json()) as { error: { message: string } };
    expect(error.message).toMatch(/^登录失败次数过多，请 \d+ 分钟后再试。/);
    const auditAfter = app.service.auditLog(5000).filter((e) => e.action === "auth.login_failed").length;
    expect(auditAfter - auditBefore).toBe(1);
  });
});
