import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { AnswerSchema } from "../../src/engine/answer-schema.js";
import { LOW_CONFIDENCE } from "../../src/engine/confidence.js";
import { localDay } from "../../src/web/public/labels.js";
import { browserSuite, VIEWPORTS } from "./support/browser.js";
import { ADMIN_TOKEN, PASSWORD, ROOT, sessionHeaders, startTestConsole } from "./support/console.js";

const SUBSIDY_DOCX = path.join(ROOT, "test/fixtures/subsidy.docx");
const ADMIN = { username: "zhou.admin", name: "周管理" };
/** The window worker whose questions the query-log tests read. */
const ASKER = "sun.window";
const ASKER_NAME = "孙窗口";

const web = browserSuite({ screenshotPrefix: "admin", console: { copyCorpus: true } });
const open = (url: string, options: { phone?: boolean } = {}) => web.open(url, { viewport: options.phone ? "phone" : "desktop" });
const shot = (page: Page, name: string) => web.shot(page, name);

async function login(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.locator("#login-form").waitFor();
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.press("#password", "Enter");
}

/** Opens the admin page signed in as the admin, on a tab (the admin is made here when the first test did not run). */
async function adminPage(tab: string, options: { phone?: boolean } = {}): Promise<Page> {
  await web.ensureAccount(ADMIN.username, "admin", ADMIN.name);
  const page = await web.open("/admin", { viewport: options.phone ? "phone" : "desktop", as: ADMIN.username });
  await page.locator("body[data-ready='1']").waitFor();
  await page.click(`[data-tab='${tab}']`);
  await page.locator(`#tab-${tab}`).waitFor({ state: "visible" });
  return page;
}

/** Asks on the console's API as the window worker {@link ASKER}. */
async function askAs(question: string): Promise<Response> {
  await web.ensureAccount(ASKER, "staff", ASKER_NAME);
  return fetch(web.app.url + "/api/ask", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(await sessionHeaders(web.app, ASKER)) },
    body: JSON.stringify({ question }),
  });
}

async function ask(question: string): Promise<number> {
  return Number((await askAs(question)).headers.get("x-query-id"));
}

const answerTo = async (question: string) => AnswerSchema.parse(await (await askAs(question)).json());

describe("accounts and sessions", () => {
  it("creates the first admin with ADMIN_TOKEN on the login page", async () => {
    const page = await open("/admin");
    await page.waitForURL(/\/login\?next=%2Fadmin/);
    await page.locator("#first-admin").waitFor({ state: "visible" });
    await shot(page, "first-admin");
    await page.fill("#fa-token", "not-the-token");
    await page.fill("#fa-username", ADMIN.username);
    await page.fill("#fa-name", ADMIN.name);
    await page.fill("#fa-password", PASSWORD);
    await page.click("#first-admin-form button[type=submit]");
    await page.locator("#first-admin-status", { hasText: "管理令牌（ADMIN_TOKEN）不正确" }).waitFor();
    await page.fill("#fa-token", ADMIN_TOKEN);
    await page.click("#first-admin-form button[type=submit]");
    await page.waitForURL(/\/admin/);
    await page.locator("#whoami", { hasText: ADMIN.name }).waitFor();
    expect(web.app.service.accounts.list().map((a) => [a.username, a.role])).toEqual([[ADMIN.username, "admin"]]);
  });

  it("signs in, shows the tabs, signs out, and sends an expired session back to the login page", async () => {
    // Failed sign-ins from one address are audited at most once a minute: start a fresh minute.
    web.app.advanceClock(61_000);
    const page = await open("/admin");
    await login(page, ADMIN.username, "wrong-password-123");
    await page.locator("#login-status", { hasText: "用户名或密码不正确" }).waitFor();
    await shot(page, "login-refused");
    await login(page, ADMIN.username);
    await page.locator("body[data-ready='1']").waitFor();
    await expect(page.locator("nav.tabs [role=tab]").allTextContents()).resolves.toEqual(["文档", "查询日志", "统计", "命中测试", "词库", "账号", "审计", "精选答复"]);
    await expect(page.locator("#tab-documents").isVisible()).resolves.toBe(true);
    await expect(page.locator("#tab-queries").isVisible()).resolves.toBe(false);
    await page.locator("#documents-body tr").first().waitFor();
    await expect(page.locator("#documents-body tr").first().textContent()).resolves.toContain("征求意见稿");
    await shot(page, "documents");

    await page.click("#logout");
    await page.waitForURL(/\/login$/);
    await page.goto(web.app.url + "/admin");
    await page.waitForURL(/\/login\?next=%2Fadmin/);

    await login(page, ADMIN.username);
    await page.locator("body[data-ready='1']").waitFor();
    web.app.advanceClock((web.app.config.SESSION_IDLE_MINUTES + 1) * 60_000);
    await page.click("[data-tab='queries']");
    await page.waitForURL(/\/login\?.*expired=1/);
    await page.locator("#expired", { hasText: "登录已过期" }).waitFor();
    await shot(page, "session-expired");
    const actions = web.app.service.auditLog({ actor: ADMIN.username }).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.login", "auth.login_failed", "auth.logout"]));
  });

  it("keeps a staff account out of the admin page (phone)", async () => {
    await web.ensureAccount("wu.staff", "staff", "吴窗口");
    const page = await open("/login", { phone: true });
    await login(page, "wu.staff");
    await page.waitForURL(web.app.url + "/");
    const response = await page.goto(web.app.url + "/admin");
    expect(response?.status()).toBe(403);
    await page.locator("#forbidden", { hasText: "不能打开管理后台" }).waitFor();
    await shot(page, "staff-forbidden-phone");
    const api = await page.evaluate(async () => (await fetch("/api/admin/documents")).status);
    expect(api).toBe(403);
  });

  it("creates an account in the 账号 tab on a phone; the tables scroll sideways with headers on one line", async () => {
    const page = await adminPage("accounts", { phone: true });
    await page.locator("#accounts-body tr").first().waitFor();
    await page.fill("#acc-username", "zheng.staff");
    await page.fill("#acc-name", "郑窗口");
    await page.selectOption("#acc-role", "staff");
    await page.fill("#acc-password", "zheng-initial-pw");
    await page.click("#account-form button[type=submit]");
    await page.locator("#accounts-body tr[data-account='zheng.staff']").waitFor();
    await expect(page.locator("#accounts-body tr[data-account='zheng.staff']").textContent()).resolves.toContain("窗口人员");
    await shot(page, "accounts-phone");
    for (const th of await page.locator("#tab-accounts th").all()) {
      const box = (await th.boundingBox())!;
      expect(box.height, (await th.textContent()) ?? "").toBeLessThan(40);
    }

    await page.click("[data-tab='documents']");
    await page.locator("#documents-body tr").first().waitFor();
    await shot(page, "documents-phone");
    const scroll = page.locator("#tab-documents .scroll").first();
    const { scrollWidth, clientWidth } = await scroll.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    for (const th of await page.locator("#tab-documents th").all()) expect((await th.boundingBox())!.height).toBeLessThan(40);

    const other = await web.context.browser()!.newContext();
    const response = await other.request.post(web.app.url + "/api/auth/login", { data: { username: "zheng.staff", password: "zheng-initial-pw" } });
    expect(response.status()).toBe(200);
    await other.close();
    expect(web.app.service.auditLog({ action: "account.create" })[0]).toMatchObject({ actor: ADMIN.username });
  });
});

describe("query log", () => {
  it("searches, filters low confidence apart from refusals, and exports CSV and XLSX that open with exceljs", async () => {
    await ask("今天天气怎么样？");
    await ask("专利质押贷款怎么办理？");
    await ask("地理标志产品保护找哪个部门？");
    const down = await ask("商标注册有补贴吗");
    await fetch(web.app.url + "/api/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(await sessionHeaders(web.app, ASKER)) },
      body: JSON.stringify({ queryId: down, helpful: false, reason: "outdated", comment: "标准已更新" }),
    });

    const page = await adminPage("queries");
    await page.locator("#queries-body tr").first().waitFor();
    await page.fill("#query-text", "质押");
    await page.click("#query-form button[type=submit]");
    await page.locator("#page-info", { hasText: "共 1 条" }).waitFor();
    await expect(page.locator("#queries-body tr").first().textContent()).resolves.toContain("专利质押贷款怎么办理？");
    // Who asked, by name: every question on the console is asked by someone signed in.
    await expect(page.locator("#queries-body tr").first().locator("td.asked-by").textContent()).resolves.toBe(`${ASKER_NAME}（${ASKER}）`);
    await page.fill("#query-text", "");
    await page.selectOption("#query-filter", "out_of_scope");
    await page.locator("#queries-body tr", { hasText: "今天天气怎么样？" }).waitFor();
    const refusals = await page.locator("#queries-body tr td:nth-child(5)").allTextContents();
    expect(new Set(refusals)).toEqual(new Set(["超出范围"]));
    await page.selectOption("#query-filter", "low_confidence");
    await page.locator("#page-info").waitFor();
    await page.waitForFunction(() => ![...document.querySelectorAll("#queries-body tr td:nth-child(5)")].some((td) => td.textContent === "超出范围"));
    await page.selectOption("#query-filter", "down");
    await page.locator("#queries-body tr", { hasText: "没帮助：已过时（标准已更新）" }).waitFor();
    await shot(page, "queries");

    await page.selectOption("#query-filter", "all");
    await page.locator("#queries-body tr", { hasText: "今天天气怎么样？" }).waitFor();
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.click("#export-xlsx")]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const sheet = workbook.getWorksheet("问答记录")!;
    const header = sheet.getRow(2).values as unknown[];
    expect(header.slice(1, 6)).toEqual(["编号", "时间", "渠道", "提问人", "问题"]);
    const questions = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 2) questions.set(String(row.getCell(5).value), row.values as unknown[]);
    });
    expect(questions.size).toBe(web.app.service.countQueries());
    expect(questions.get("今天天气怎么样？")?.slice(3, 7)).toEqual(["服务窗口", `${ASKER_NAME}（${ASKER}）`, "今天天气怎么样？", "超出范围"]);
    expect(questions.get("商标注册有补贴吗")?.slice(10, 13)).toEqual(["没帮助", "已过时", "标准已更新"]);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
    const text = fs.readFileSync((await csv.path())!, "utf8");
    expect(text.startsWith("\uFEFF编号,时间,渠道,提问人,问题")).toBe(true);
    expect(text).toContain("专利质押贷款怎么办理？");
    expect(text.trim().split("\r\n")).toHaveLength(web.app.service.countQueries() + 1);
    expect(web.app.service.auditLog({ action: "queries.export" }).map((e) => e.actor)).toEqual([ADMIN.username, ADMIN.username]);
  });

  it("pages the log 50 at a time, limits it to a date range, and lists a low-confidence answer under 低置信度", async () => {
    // A question the engine answers with little confidence (the first of these that it does).
    const weak: string[] = [];
    for (const question of ["农村合作社的牌子", "网上店铺卖假货平台管吗", "我们想去国外参展需要注意什么"]) {
      const answer = await answerTo(question);
      if (answer.status === "answered" && answer.confidence < LOW_CONFIDENCE) weak.push(question);
    }
    expect(weak.length, "no question of the list is answered with low confidence any more").toBeGreaterThan(0);
    for (let i = 0; i < 55; i++) await web.app.service.ask(`专利质押融资找谁？第${i + 1}次`, { channel: "web", userRef: ASKER });
    const total = web.app.service.countQueries();
    const pages = Math.ceil(total / 50);

    const page = await adminPage("queries");
    await page.locator("#page-info", { hasText: `第 1 / ${pages} 页，共 ${total} 条` }).waitFor();
    expect(await page.locator("#queries-body tr").count()).toBe(50);
    await expect(page.locator("#page-prev").isDisabled()).resolves.toBe(true);
    await page.click("#page-next");
    await page.locator("#page-info", { hasText: `第 2 / ${pages} 页` }).waitFor();
    expect(await page.locator("#queries-body tr").count()).toBe(pages === 2 ? total - 50 : 50);
    await shot(page, "queries-page-2");

    const today = localDay(0);
    await page.fill("#query-from", localDay(1));
    await page.click("#query-form button[type=submit]");
    await page.locator("#page-info", { hasText: "共 0 条" }).waitFor();
    await page.fill("#query-from", "");
    await page.fill("#query-to", localDay(-1));
    await page.click("#query-form button[type=submit]");
    await page.locator("#page-info", { hasText: "共 0 条" }).waitFor();
    await page.fill("#query-from", today);
    await page.fill("#query-to", today);
    await page.click("#query-form button[type=submit]");
    await page.locator("#page-info", { hasText: `第 1 / ${pages} 页，共 ${total} 条` }).waitFor();
    // The export follows the range too.
    await expect(page.locator("#export-csv").getAttribute("href")).resolves.toContain(`from=${today}&to=${today}`);

    await page.selectOption("#query-filter", "low_confidence");
    await page.locator("#queries-body tr", { hasText: weak[0]! }).first().waitFor();
    const results = new Set(await page.locator("#queries-body tr td:nth-child(5)").allTextContents());
    expect(results).toEqual(new Set(["低置信度"]));
    await shot(page, "queries-low-confidence");
  });

  it("draws the dashboard's charts", async () => {
    const page = await adminPage("stats", { phone: true });
    await page.locator("#stats-summary[data-total]").waitFor();
    await expect(page.locator("#stats-summary").textContent()).resolves.toMatch(/共 \d+ 问 · 拒答 \d+/);
    for (const id of ["chart-daily", "chart-rates", "chart-reasons", "chart-units"]) {
      const drawn = await page.locator(`#${id}`).evaluate((canvas: HTMLCanvasElement) => canvas.width > 0 && canvas.height > 0);
      expect(drawn, id).toBe(true);
    }
    await shot(page, "stats-phone");
  });
});

describe("hit test and lexicon", () => {
  it("shows how 专利抵押贷款找谁 is read and how each record scored", async () => {
    const page = await adminPage("hittest");
    await page.fill("#hit-question", "专利抵押贷款找谁");
    await page.press("#hit-question", "Enter");
    await page.locator("#hit-records tbody tr").first().waitFor();
    await expect(page.locator("#hit-words").textContent()).resolves.toContain("抵押");
    await expect(page.locator("#hit-expansions").textContent()).resolves.toContain("质押融资");
    await expect(page.locator("#hit-synonyms").textContent()).resolves.toContain("→");
    const first = page.locator("#hit-records tbody tr").first();
    await expect(first.locator("td").nth(1).textContent()).resolves.toBe("建立知识产权运营机制");
    const scores = (await first.locator("td.num").allTextContents()).slice(1).map(Number);
    expect(scores).toHaveLength(3);
    expect(scores.every((s) => Number.isFinite(s) && s > 0)).toBe(true);
    await shot(page, "hit-test");
  });

  it("turns a refused question into a synonym line; after re-indexing it is answered", async () => {
    const question = "蓝莓标签保护找谁？";
    await ask(question);
    const before = await answerTo(question);
    expect(before.status).toBe("out_of_scope");

    const page = await adminPage("queries");
    await page.selectOption("#query-filter", "out_of_scope");
    const row = page.locator("#queries-body tr", { hasText: question }).first();
    await row.waitFor();
    await row.locator("button.draft-synonym").click();
    await page.locator("#tab-lexicon").waitFor({ state: "visible" });
    const drafted = page.locator("#synonyms-body tr.drafted");
    await drafted.waitFor();
    await expect(drafted.locator("input.left").inputValue()).resolves.toContain("蓝莓");
    // Invalid first: an empty right-hand side is refused with the row named.
    await page.click("#synonyms-save");
    await page.locator("#synonyms-status.error", { hasText: "第 1 行" }).waitFor();
    await drafted.locator("input.left").fill("蓝莓标签");
    await drafted.locator("input.right").fill("地理标志");
    await page.click("#synonyms-save");
    await page.locator("#synonyms-status", { hasText: "已保存" }).waitFor();
    await shot(page, "lexicon");
    const lexicon = JSON.parse(fs.readFileSync(path.join(web.app.config.corpusDir, "lexicon.json"), "utf8")) as {
      synonyms: { when: string[]; add: string[] }[];
      keepWhole: string[];
    };
    expect(lexicon.synonyms[0]).toEqual({ when: ["蓝莓标签"], add: ["地理标志"] });
    expect(lexicon.keepWhole.length).toBeGreaterThan(0);

    // Saved but not yet re-indexed: the answer has not changed.
    const still = await answerTo(question);
    expect(still.status).toBe("out_of_scope");

    await page.click("#tab-lexicon .reindex-now");
    await page.locator("#job-text[data-state='done']").waitFor({ timeout: 60_000 });
    const after = await answerTo(question);
    expect(after.status).toBe("answered");
    expect(after.citations[0]?.title).toBe("注重知识产权品牌培育");
    const audit = web.app.service.auditLog({ action: "lexicon.synonyms" })[0]!;
    expect(audit).toMatchObject({ actor: ADMIN.username });
    expect(audit.detail).toContain("新增 蓝莓标签 → 地理标志");
  });

  it("refuses an alias claimed by two units", async () => {
    const page = await adminPage("lexicon", { phone: true });
    await page.locator("#aliases-body tr").first().waitFor();
    await page.click("#alias-add");
    const added = page.locator("#aliases-body tr").first();
    await added.locator("input.left").fill("市测试局");
    await added.locator("input.right").fill("市监局");
    await page.click("#aliases-save");
    await page.locator("#aliases-status.error", { hasText: "别名“市监局”同时属于" }).waitFor();
    await shot(page, "aliases-refused-phone");
  });
});

describe("documents, curated answers and audit", () => {
  it("uploads a .docx, previews, publishes it as version 1 by the admin, and downloads the original", async () => {
    const page = await adminPage("documents");
    await page.setInputFiles("#upload-file", SUBSIDY_DOCX);
    await page.getByRole("button", { name: "上传并预览" }).click();
    const preview = page.locator("#preview");
    await preview.locator("h3", { hasText: "泰安市专利资助办法（测试样例）" }).waitFor();
    await expect(preview.locator(".preview-units").textContent()).resolves.toContain("市财政局");
    await shot(page, "preview");
    await page.click("#publish");
    await page.locator("#job-text[data-state='done']").waitFor({ timeout: 60_000 });
    const row = page.locator("#documents-body tr[data-file='subsidy.docx']");
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("正式");
    await expect(row.textContent()).resolves.toContain("第 1 版");
    await expect(row.textContent()).resolves.toContain(ADMIN.username);
    await shot(page, "published");
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByText("下载原文件").click()]);
    expect(fs.readFileSync((await download.path())!).equals(fs.readFileSync(SUBSIDY_DOCX))).toBe(true);
  });

  it("refuses an unreadable upload in Chinese without internals", async () => {
    const page = await adminPage("documents");
    const broken = path.join(web.app.config.dataDir, "broken.docx");
    fs.writeFileSync(broken, "PK\u0003\u0004 this is not really a docx");
    await page.setInputFiles("#upload-file", broken);
    await page.getByRole("button", { name: "上传并预览" }).click();
    const status = page.locator("#upload-status.error");
    await status.waitFor();
    const text = (await status.textContent())!;
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text.replace("broken.docx", "").replace(/\.(docx|doc|pdf|txt|md|html)\b/g, "")).not.toMatch(/[A-Za-z]{4,}/);
    expect(text).toContain("broken.docx");
    // The audit row says so in Chinese too: the file, its size and the page's reason, no error code.
    const audited = web.app.service.auditLog({ action: "document.preview", limit: 1 })[0]!;
    expect(audited).toMatchObject({ actor: ADMIN.username, detail: expect.stringMatching(/^broken\.docx（\d+ 字节），被拒：/) });
    expect(audited.detail.replaceAll("broken.docx", "").replace(/\.(docx|doc|pdf|txt|md|html)\b/g, "")).not.toMatch(/[A-Za-z]{4,}/);
    await shot(page, "upload-refused");
  });

  it("adds a curated answer that a paraphrase then gets, and the audit shows it in Chinese to the second", async () => {
    const page = await adminPage("curated");
    const curatedText = "测试精选答复：窗口的受理事项以市市场监管局公布的为准。";
    await page.fill("#curated-question", "泰安的知识产权服务窗口在哪里？");
    await page.fill("#curated-answer", curatedText);
    const option = page.locator("#curated-record option", { hasText: "健全知识产权公共服务体系" });
    await page.selectOption("#curated-record", (await option.getAttribute("value"))!);
    await page.getByRole("button", { name: "保存" }).click();
    await page.locator("#curated-body tr", { hasText: "泰安的知识产权服务窗口在哪里？" }).waitFor();
    await shot(page, "curated");
    const answer = await answerTo("请问泰安知识产权服务窗口的位置");
    expect(answer.source).toBe("curated");

    await page.click("[data-tab='audit']");
    await page.locator("#audit-body tr").first().waitFor();
    await page.selectOption("#audit-actor", ADMIN.username);
    await page.click("#audit-form button[type=submit]");
    await page.locator("#audit-body tr", { hasText: "新增精选答复" }).waitFor();
    // The filter applied: only the admin's rows (the window worker who asked signed in meanwhile).
    await page.waitForFunction(
      (label) => [...document.querySelectorAll("#audit-body tr td:nth-child(2)")].every((td) => td.textContent === label),
      `${ADMIN.name}（${ADMIN.username}）`,
    );
    const cells = await page.locator("#audit-body tr").first().locator("td").allTextContents();
    expect(cells[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(cells[1]).toBe(`${ADMIN.name}（${ADMIN.username}）`);
    const labels = new Set(await page.locator("#audit-body tr td:nth-child(3)").allTextContents());
    for (const label of ["登录成功", "登录失败", "发布文档", "修改同义词", "重新索引", "新增精选答复", "导出问答记录"]) expect(labels, label).toContain(label);
    expect([...labels].some((l) => /^[a-z._]+$/.test(l))).toBe(false);
    await shot(page, "audit");
  });
});

describe.each(["desktop", "phone"] as const)("every tab on %s", (viewport) => {
  it("opens each tab in Chinese, with headers on one line and nothing but tables scrolling sideways; loading pages logs nothing", async () => {
    const page = await adminPage("documents", { phone: viewport === "phone" });
    const audited = web.app.service.auditLog(5000).length;
    const width = VIEWPORTS[viewport].width;
    for (const tab of ["documents", "queries", "stats", "hittest", "lexicon", "accounts", "audit", "curated"]) {
      await page.click(`[data-tab='${tab}']`);
      await page.locator(`#tab-${tab}`).waitFor({ state: "visible" });
      await page.waitForLoadState("networkidle");
      expect(page.url()).toMatch(new RegExp(`#${tab}$`));
      await expect(page.locator("#page-error").isHidden(), tab).resolves.toBe(true);
      await expect(
        page.evaluate(() => document.documentElement.scrollWidth),
        tab,
      ).resolves.toBeLessThanOrEqual(width);
      for (const th of await page.locator(`#tab-${tab} th`).all()) {
        if (await th.isVisible()) expect((await th.boundingBox())!.height, `${tab}: ${await th.textContent()}`).toBeLessThan(40);
      }
      await shot(page, `tab-${tab}-${viewport}`);
    }
    // The documents table says when each document is dated.
    await page.click("[data-tab='documents']");
    await expect(page.locator("#documents-body tr td:nth-child(4)").first().textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$|\d{4}年/);
    // Reloading the page, tab by tab, is no sign-in: the audit log only grows by what was done.
    await page.reload();
    await page.locator("body[data-ready='1']").waitFor();
    expect(web.app.service.auditLog(5000).length).toBe(audited);
  });

  it("shows the re-index progress while the old index keeps answering", async () => {
    const page = await adminPage("documents", { phone: viewport === "phone" });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/admin/jobs/*", async (route) => {
      await held;
      await route.continue();
    });
    await page.click("#reindex");
    await page.locator("#job-text", { hasText: "旧索引继续服务" }).waitFor();
    expect((await answerTo("专利质押融资找谁？")).citations[0]?.units).toContain("泰安银保监分局");
    await shot(page, `reindex-running-${viewport}`);
    release();
    await page.locator("#job-text[data-state='done']").waitFor({ timeout: 60_000 });
    await expect(page.locator("#job-text").textContent()).resolves.toMatch(/^重新索引完成：\d+ 个文档，\d+ 条措施/);
    await shot(page, `reindex-done-${viewport}`);
  });
});

describe("the login page", () => {
  it("shows who is signed in, and without ADMIN_TOKEN says how to create the first admin", async () => {
    const page = await web.open("/login", { as: ADMIN.username });
    await page.locator("#signed-in", { hasText: `${ADMIN.name}（${ADMIN.username}，管理员）` }).waitFor();
    await expect(page.locator("#go-admin").isVisible()).resolves.toBe(true);
    await shot(page, "login-signed-in");
    // An admin may use the window too: the staff page offers the way back to 管理后台.
    await page.goto(web.app.url + "/");
    await page.locator("body.ready").waitFor();
    await expect(page.locator("#go-admin").isVisible()).resolves.toBe(true);
    await expect(page.locator("#whoami").textContent()).resolves.toBe(`${ADMIN.name}（${ADMIN.username}）`);

    const bare = await startTestConsole({ adminToken: null });
    try {
      await page.goto(bare.url + "/login");
      await page.locator("#no-admin", { hasText: "请在服务器上设置 ADMIN_TOKEN" }).waitFor();
      await expect(page.locator("#first-admin").isHidden()).resolves.toBe(true);
      await shot(page, "login-no-admin");
      expect(
        bare.logs.some((l) => l.msg === "no admin account yet and ADMIN_TOKEN is not set: set ADMIN_TOKEN (16+ characters) and restart to create the first admin at /login"),
      ).toBe(true);
    } finally {
      await bare.stop();
    }
  });
});
