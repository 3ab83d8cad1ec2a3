// Shared helpers for browser tests: find and launch Debian's Chromium, serve dist/, open a
// page while recording everything that should fail a test, run axe-core.
//
//   const server = await startServer(DIST);
//   const browser = await launchBrowser();
//   const visit = await openPage(browser, `${server.url}/attention`, { colorScheme: "dark" });
//   await settle(visit.page);
//   assert.deepEqual(visit.problems(), []);
//   assert.deepEqual(await seriousViolations(visit.page), []);
//   await visit.close();
import AxeBuilder from "@axe-core/playwright";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startServer, type Server } from "./server.ts";

export { startServer, type Server } from "./server.ts";

export const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));

/** Flags that work as root in headless mode; SwiftShader gives software WebGL. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/**
 * Returns a reason to skip when no browser is installed, undefined when one is. Under
 * CI=true a missing browser throws: a CI run that skips its browser tests proves nothing.
 */
export function browserSkipReason(): string | undefined {
  const path = chromiumPath();
  if (existsSync(path)) return undefined;
  const message =
    `Chromium not found at ${path}. Install it (apt-get install -y chromium) ` +
    `or set CHROMIUM_PATH to a Chromium/Chrome binary.`;
  if (process.env.CI === "true" || process.env.CI === "1")
    throw new Error(`${message} Browser tests are required under CI.`);
  console.warn(`\n${"!".repeat(72)}\n!! SKIPPING BROWSER TESTS: ${message}\n${"!".repeat(72)}\n`);
  return message;
}

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** URL paths of every page in the built site (index.html -> /, bottleneck.html -> /bottleneck),
 * so a new page is covered by the tests as soon as it is built. */
export function listPages(distDir: string = DIST): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith("_") || entry.name.startsWith(".")) continue; // assets
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html") && entry.name !== "404.html") {
        const path =
          "/" +
          relative(distDir, full)
            .split("\\")
            .join("/")
            .replace(/\.html$/, "");
        pages.push(path.replace(/(^|\/)index$/, "$1") || "/");
      }
    }
  };
  walk(distDir);
  return pages.sort();
}

export interface OpenPageOptions {
  colorScheme?: "light" | "dark";
  viewport?: { width: number; height: number };
  /** Runs in every frame before the page's own scripts (e.g. to take an API away). */
  initScript?: () => void;
  /** Answers same-origin requests whose URL matches with this HTTP status (a missing file). */
  route?: { match: RegExp; status: number };
}

export interface Visit {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  /** Requests to any origin but the page's own; they are blocked, not sent. */
  externalRequests: string[];
  /** Every same-origin URL requested, in order (for checks such as "fonts came from here"). */
  requests: string[];
  /** All of the above that should fail a test, as readable lines. */
  problems(): string[];
  close(): Promise<void>;
}

/** Opens `url` in a fresh context and records errors and requests from the first byte. */
export async function openPage(browser: Browser, url: string, options: OpenPageOptions = {}): Promise<Visit> {
  const { colorScheme = "light", viewport = { width: 1280, height: 900 }, initScript, route } = options;
  const origin = new URL(url).origin;
  const context = await browser.newContext({ colorScheme, viewport });
  if (initScript) await context.addInitScript(initScript);
  const visit: Omit<Visit, "page" | "problems" | "close"> = {
    context,
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    externalRequests: [],
    requests: [],
  };
  // Block every other origin so a stray CDN link fails loudly instead of working online.
  await context.route(
    (u) => !["data:", "blob:"].includes(u.protocol) && u.origin !== origin,
    (route) => {
      visit.externalRequests.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  if (route) await context.route(route.match, (r) => r.fulfill({ status: route.status, body: "" }));
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") visit.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => visit.pageErrors.push(error.stack ?? error.message));
  page.on("request", (request) => {
    if (new URL(request.url()).origin === origin) visit.requests.push(request.url());
  });
  page.on("requestfailed", (request) => {
    if (new URL(request.url()).origin === origin) {
      visit.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`);
    }
  });
  page.on("response", (response) => {
    if (response.status() >= 400) visit.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  await liveFigures(page);
  return {
    ...visit,
    page,
    problems: () => [
      ...visit.consoleErrors.map((e) => `console error: ${e}`),
      ...visit.pageErrors.map((e) => `page error: ${e}`),
      ...visit.failedRequests.map((e) => `failed request: ${e}`),
      ...visit.externalRequests.map((e) => `external request: ${e}`),
    ],
    close: () => context.close(),
  };
}

/**
 * Waits until the page's cells have replaced the build's still copies of its first figures
 * (scripts/prerender.ts) with the live ones: before that, a figure's selector finds the copy,
 * whose controls do nothing. pages.test.ts checks the copies themselves.
 */
export async function liveFigures(page: Page, timeout = 60_000): Promise<void> {
  await page
    .waitForFunction(() => !document.querySelector(".glimpse-prerendered"), null, { timeout })
    .catch(() => assert.fail(`${page.url()}: the live figures never replaced the build's copies`));
}

/** Waits for the live figures and for those below the fold, built when the browser is idle (ui/deferred.ts). */
export async function allFigures(page: Page, timeout = 60_000): Promise<void> {
  await liveFigures(page, timeout);
  await page
    .waitForFunction(() => !document.querySelector(".glimpse-deferred"), null, { timeout })
    .catch(() => assert.fail(`${page.url()}: the figures below the fold were never built`));
}

/**
 * Waits for the page's backend badge to be drawn (with the page's first figures) and for every
 * badge to leave "pending" (a worker times its candidates first), generously for a loaded
 * machine. A badge still pending at the limit is left for the caller to report by name.
 */
export async function backendChosen(page: Page, timeout = 120_000): Promise<void> {
  await page
    .waitForSelector("[data-backend]", { state: "attached", timeout })
    .catch(() => assert.fail(`${page.url()}: the page shows no backend badge`));
  await page
    .waitForFunction(() => document.querySelectorAll('[data-backend="pending"]').length === 0, null, { timeout })
    .catch(() => undefined);
}

/**
 * Waits until the page is quiet: network idle, web fonts loaded, no backend badge pending (a
 * badge not drawn yet counts as none: use backendChosen to wait for one).
 */
export async function settle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout });
  await page.waitForFunction(() => document.querySelectorAll('[data-backend="pending"]').length === 0, null, {
    timeout,
  });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForLoadState("networkidle", { timeout });
}

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe-core's violations of impact serious or critical, in a form that reads well in a diff. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

/** All axe-core results, for tests that want more than the serious ones. */
export async function runAxe(page: Page) {
  return new AxeBuilder({ page }).analyze();
}

/**
 * Starts the static server over dist/ and Chromium before a suite's tests and stops both
 * after them: `const site = siteFixture(); … openPage(site.browser, `${site.server.url}/x`)`.
 */
export function siteFixture(extraArgs: string[] = []): { readonly server: Server; readonly browser: Browser } {
  const site = {} as { server: Server; browser: Browser };
  before(async () => {
    site.server = await startServer(DIST);
    site.browser = await launchBrowser(extraArgs);
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
