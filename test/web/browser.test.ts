import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../helpers/chromium.js";
import { ADMIN_TOKEN, ROOT, startTestConsole, type TestConsole } from "./support/console.js";

const RESULTS = path.join(ROOT, "test-results");
const SUBSIDY_DOCX = path.join(ROOT, "test/fixtures/subsidy.docx");

let app: TestConsole;
let browser: Browser;
let context: BrowserContext;
/** Script errors and CSP violations the page reported; every test expects none. */
let pageErrors: string[];

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  app = await startTestConsole({ copyCorpus: true });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

afterEach(async () => {
  await context?.close();
  expect(pageErrors).toEqual([]);
});

async function open(url: string, options: { phone?: boolean } = {}): Promise<Page> {
  pageErrors = [];
  context = await browser.newContext({
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  await page.goto(app.url + url);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(RESULTS, `web-${name}.png`), fullPage: true });

async function askOnStaffPage(page: Page, question: string): Promise<void> {
  await page.fill("#question", question);
  await page.press("#question", "Enter");
  await page.locator("#answer .question", { hasText: question }).waitFor();
}

async function adminLogin(page: Page): Promise<void> {
  await page.fill("#token", ADMIN_TOKEN);
  await page.press("#token", "Enter");
  await page.locator("#console").waitFor({ state: "visible" });
}

describe("staff page", () => {
  it("answers 地理标志产品保护找哪个部门？ with 注重知识产权品牌培育 and its units", async () => {
    const page = await open("/");
    await askOnStaffPage(page, "地理标志产品保护找哪个部门？");
    const first = page.locator("#answer .citation").first();
    await expect(first.locator(".measure").textContent()).resolves.toBe("注重知识产权品牌培育");
    await expect(first.locator("mark.unit").allTextContents()).resolves.toEqual(["市市场监管局", "市农业农村局"]);
    await expect(first.locator(".quote").textContent()).resolves.toContain("地理标志");
    await expect(page.locator("#answer .badge.draft").textContent()).resolves.toContain("征求意见稿");
    await shot(page, "staff-ask");
  });

  it("copies a ready-to-read reply with one click", async () => {
    const page = await open("/", { phone: true });
    await askOnStaffPage(page, "地理标志产品保护找哪个部门？");
    await page.click("#copy-reply");
    await page.locator(".copy-status", { hasText: "已复制" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    // A reply to read out: the caller's own words are not quoted back.
    expect(copied.startsWith("您好！")).toBe(true);
    expect(copied).not.toContain("地理标志产品保护找哪个部门");
    expect(copied).toContain("注重知识产权品牌培育");
    expect(copied).toContain("市市场监管局、市农业农村局");
    expect(copied).toContain("征求意见稿");
    await shot(page, "staff-copy-phone");
  });

  it("records 👎 feedback for the answer shown", async () => {
    const page = await open("/");
    await askOnStaffPage(page, "专利质押贷款怎么办理？");
    await page.getByRole("button", { name: "没帮助" }).click();
    await page.getByLabel("答非所问").check();
    await page.getByRole("button", { name: "提交反馈" }).click();
    await page.locator(".feedback-status", { hasText: "感谢反馈" }).waitFor();
    const last = app.service.queries({ limit: 1 })[0];
    expect(last).toMatchObject({ question: "专利质押贷款怎么办理？", channel: "web", feedback: -1 });
  });

  it("browses the outline to 加强知识产权信息利用", async () => {
    const page = await open("/");
    const tree = page.locator("#outline");
    await tree.locator("summary", { hasText: "三、工作措施" }).click();
    await tree.locator("summary", { hasText: "（三）提升知识产权运用效益" }).click();
    await tree.getByRole("button", { name: /加强知识产权信息利用/ }).click();
    await expect(page.locator("#record-view h3").textContent()).resolves.toBe("加强知识产权信息利用");
    await expect(page.locator("#record-view .path").textContent()).resolves.toContain("（三）提升知识产权运用效益");
    expect(await page.locator("#record-view mark.unit").count()).toBeGreaterThan(0);
    await shot(page, "staff-outline");
  });

  it("filters by 市公安局 and lists its four measures", async () => {
    const page = await open("/");
    await page.locator("#unit-filter option[value='市公安局']").waitFor({ state: "attached" });
    await page.selectOption("#unit-filter", "市公安局");
    await page.locator("#unit-measures li").nth(3).waitFor();
    const titles = await page.locator("#unit-measures li button").allTextContents();
    expect(titles).toEqual(["健全知识产权保护机制", "加大知识产权司法保护力度", "开展知识产权专项行动", "加强知识产权纠纷调处"]);
    await shot(page, "staff-unit-filter");
  });
});

describe("admin page", () => {
  it("refuses a wrong token", async () => {
    const page = await open("/admin");
    await page.fill("#token", "definitely-not-the-admin-token");
    await page.press("#token", "Enter");
    await page.locator("#login-status", { hasText: "令牌错误" }).waitFor();
    await expect(page.locator("#console").isHidden()).resolves.toBe(true);
    await shot(page, "admin-wrong-token");
    // The refused request itself is logged by the browser as a failed resource; that is expected here.
    pageErrors = pageErrors.filter((e) => !e.includes("401"));
  });

  it("uploads a .docx, shows the preview, publishes it, and staff then get answers from it", async () => {
    const page = await open("/admin");
    await adminLogin(page);
    await page.setInputFiles("#upload-file", SUBSIDY_DOCX);
    await page.getByRole("button", { name: "上传并预览" }).click();
    const preview = page.locator("#preview");
    await preview.locator("h3", { hasText: "泰安市专利资助办法（测试样例）" }).waitFor();
    await expect(preview.locator(".preview-units").textContent()).resolves.toContain("市财政局");
    await expect(preview.locator(".preview-records").textContent()).resolves.toContain("市市场监管局、市财政局");
    await shot(page, "admin-preview");
    expect(fs.existsSync(path.join(app.config.corpusDir, "subsidy.docx"))).toBe(false);

    await page.click("#publish");
    await page.locator("#job-text[data-state='done']").waitFor({ timeout: 60_000 });
    await page.locator("#documents-body tr[data-file='subsidy.docx']").waitFor();
    await shot(page, "admin-published");
    expect(app.service.auditLog().map((e) => e.action)).toEqual(expect.arrayContaining(["login", "document.preview", "document.publish"]));

    const staff = await context.newPage();
    await staff.goto(app.url + "/");
    await askOnStaffPage(staff, "发明专利授权资助标准");
    await expect(staff.locator("#answer .citation .path").first().textContent()).resolves.toContain("泰安市专利资助办法（测试样例）");
    await shot(staff, "staff-answer-from-upload");
  });

  it("adds a curated answer that a paraphrase of its question then gets, marked 精选", async () => {
    const page = await open("/admin");
    await adminLogin(page);
    const curatedText = "测试精选答复：窗口的受理事项以市市场监管局公布的为准。";
    await page.fill("#curated-question", "泰安的知识产权服务窗口在哪里？");
    await page.fill("#curated-answer", curatedText);
    const option = page.locator("#curated-record option", { hasText: "健全知识产权公共服务体系" });
    await page.selectOption("#curated-record", (await option.getAttribute("value"))!);
    await page.getByRole("button", { name: "保存" }).click();
    await page.locator("#curated-body tr", { hasText: "泰安的知识产权服务窗口在哪里？" }).waitFor();
    await shot(page, "admin-curated");

    const staff = await context.newPage();
    await staff.goto(app.url + "/");
    await askOnStaffPage(staff, "请问泰安知识产权服务窗口的位置");
    await staff.locator("#answer .badge.curated", { hasText: "精选答复" }).waitFor();
    await expect(staff.locator("#answer .answer-text").textContent()).resolves.toBe(curatedText);
    await expect(staff.locator("#answer .citation .measure").first().textContent()).resolves.toBe("健全知识产权公共服务体系");
    await shot(staff, "staff-curated");
  });

  it("re-indexes with a progress display, then filters the query log to 👎", async () => {
    const page = await open("/admin");
    await adminLogin(page);
    await page.click("#reindex");
    await page.locator("#job-text[data-state='done']").waitFor({ timeout: 60_000 });
    await expect(page.locator("#job-text").textContent()).resolves.toContain("重新索引完成");
    await expect(page.locator("#job-progress").evaluate((bar: HTMLProgressElement) => bar.value === bar.max)).resolves.toBe(true);
    await page.selectOption("#query-filter", "down");
    await page.locator("#queries-body tr", { hasText: "专利质押贷款怎么办理？" }).waitFor();
    const feedback = await page.locator("#queries-body tr td:nth-child(7)").allTextContents();
    expect(feedback.length).toBeGreaterThan(0);
    expect(new Set(feedback)).toEqual(new Set(["没帮助"]));
    await shot(page, "admin-reindex");
  });
});
