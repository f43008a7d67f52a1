import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../helpers/chromium.js";
import { ROOT, startTestConsole, type TestConsole } from "./support/console.js";

const RESULTS = path.join(ROOT, "test-results");

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
