import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { Role } from "../../../src/store/types.js";
import { CHROMIUM_ARGS, chromiumPath } from "../../helpers/chromium.js";
import { PASSWORD, ROOT, createAccount, startTestConsole, type TestConsole } from "./console.js";

/** Where the browser tests write their screenshots (the issue asks for one of every page and state). */
export const RESULTS = path.join(ROOT, "test-results");

/** The two screens every page is tried on: a desk screen and a small phone (375 × 667, an iPhone SE). */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 667 },
} as const;
export type Viewport = keyof typeof VIEWPORTS;

/** The window worker the staff-page tests sign in as, unless a test names another account. */
export const STAFF = { username: "wang.window", displayName: "王窗口" } as const;

export interface OpenOptions {
  viewport?: Viewport;
  /** Signs in as this account first (created as staff when it does not exist); omit to arrive signed out. */
  as?: string;
  /** Runs before the page loads: fake clocks, init scripts, routes. */
  before?: (page: Page) => Promise<void>;
}

/** One browser test file's Chromium, console and pages. */
export interface BrowserSuite {
  /** The real console the pages talk to (started before the first test). */
  readonly app: TestConsole;
  /** The context of the page opened last (closed after each test). */
  readonly context: BrowserContext;
  /** A fresh browser context (clipboard and downloads allowed) with one page at `url`. */
  open(url: string, options?: OpenOptions): Promise<Page>;
  /** Signs `context` in as a script would, so its pages carry the session cookie. */
  signIn(context: BrowserContext, username: string, password?: string): Promise<void>;
  /** Creates an account unless it exists. */
  ensureAccount(username: string, role: Role, displayName?: string): Promise<void>;
  /** Writes test-results/<prefix>-<name>.png. */
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
}

/**
 * Registers the start-up and tear-down every browser test file needs: a
 * real console (`startTestConsole`), one Chromium, a fresh context per page,
 * and after each test the check that the page reported no script error or
 * CSP violation. Failed resource loads are not errors here: tests provoke
 * 4xx and 5xx answers and network failures on purpose.
 */
export function browserSuite(options: { screenshotPrefix: string; console?: Parameters<typeof startTestConsole>[0] }): BrowserSuite {
  let app: TestConsole | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(RESULTS, { recursive: true });
    app = await startTestConsole(options.console);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
    expect(pageErrors).toEqual([]);
  });

  const started = () => {
    if (!app || !browser) throw new Error("the browser suite has not started yet (use it inside a test)");
    return { app, browser };
  };

  const suite: BrowserSuite = {
    get app() {
      return started().app;
    },
    get context() {
      if (!context) throw new Error("no page is open");
      return context;
    },
    async ensureAccount(username, role, displayName = username) {
      if (!started().app.service.accounts.byUsername(username)) await createAccount(started().app, username, role, displayName);
    },
    async signIn(target, username, password = PASSWORD) {
      const response = await target.request.post(`${started().app.url}/api/auth/login`, { data: { username, password } });
      if (response.status() !== 200) throw new Error(`sign-in of ${username}: ${response.status()} ${await response.text()}`);
    },
    async open(url, { viewport = "desktop", as, before } = {}) {
      const { app, browser } = started();
      pageErrors = [];
      await context?.close();
      // A browser set to Chinese, as at the service hall.
      context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: "zh-CN", permissions: ["clipboard-read", "clipboard-write"], acceptDownloads: true });
      if (as) {
        await suite.ensureAccount(as, "staff", as === STAFF.username ? STAFF.displayName : as);
        await suite.signIn(context, as);
      }
      const page = await context.newPage();
      page.on("pageerror", (error) => pageErrors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) pageErrors.push(message.text());
      });
      await before?.(page);
      await page.goto(app.url + url);
      return page;
    },
    shot: (page, name, fullPage = true) => page.screenshot({ path: path.join(RESULTS, `${options.screenshotPrefix}-${name}.png`), fullPage }).then(() => undefined),
  };
  return suite;
}

/** Opens the staff page signed in (as the suite's window worker unless `as` names another) and waits until it has loaded. */
export async function openStaffPage(suite: BrowserSuite, options: OpenOptions = {}): Promise<Page> {
  const page = await suite.open("/", { as: STAFF.username, ...options });
  await page.locator("body.ready").waitFor();
  return page;
}

/** Asks on the staff page and waits for the answer to that question. */
export async function askOnStaffPage(page: Page, question: string): Promise<void> {
  await page.fill("#question", question);
  await page.press("#question", "Enter");
  await page.locator("#answer:not(.stale) .question", { hasText: question }).waitFor();
}
