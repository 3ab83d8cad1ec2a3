// Presenter mode across the site (home and bottleneck pages at projector size, 1024×768):
// ?present=1 applies before the first paint, the toggle flips it and the URL, narration hides,
// and `p` toggles it from the keyboard.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { DIST, allFigures, browserSkipReason, openPage, siteFixture } from "./harness.ts";

const PAGES = ["index", "bottleneck"].filter((p) => existsSync(join(DIST, `${p}.html`)));
const skip = browserSkipReason() ?? (PAGES.length === 2 ? undefined : "home or bottleneck page not built");
const VIEWPORT = { width: 1024, height: 768 };

/** Installed before the page's scripts: what the class list said when the DOM was first ready. */
function recordClassAtDomReady(): void {
  document.addEventListener("DOMContentLoaded", () => {
    (window as unknown as { __presentAtReady: boolean }).__presentAtReady =
      document.documentElement.classList.contains("glimpse-presenter");
  });
}

const presenting = (page: Page) =>
  page.evaluate(() => document.documentElement.classList.contains("glimpse-presenter"));
const narrationVisible = (page: Page) =>
  page.$$eval(".glimpse-narration", (els) =>
    els.map((e) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).display !== "none"),
  );

/**
 * Whether the page wires presenter mode (toggle and narration). The home page must; another
 * page is checked once its author has wired it, and says so in the log until then.
 */
async function wired(page: Page): Promise<boolean> {
  const name = new URL(page.url()).pathname;
  const found = await page.waitForSelector(".glimpse-presenter-toggle", { timeout: 15_000, state: "attached" }).then(
    () => true,
    () => false,
  );
  if (name === "/" || name === "/index") assert.ok(found, "the home page has a presenter toggle");
  else if (!found) console.log(`presenter: ${name} has no presenter toggle yet; only the site-wide checks ran`);
  return found;
}

/**
 * Each live chart's drawn width, shown width and the width its column offers (a string: tsx
 * wraps functions in a helper the page lacks).
 */
const LIVE_CHART_WIDTHS = `[...document.querySelectorAll(".glimpse-live-figure figure > svg[width]")]
  .filter((svg) => svg.getBoundingClientRect().width > 0)
  .map((svg) => ({
    drawn: Number(svg.getAttribute("width")),
    shown: Math.round(svg.getBoundingClientRect().width),
    column: svg.closest(".glimpse-live-figure").clientWidth,
  }))`;

describe("presenter mode", { skip }, () => {
  const site = siteFixture();

  for (const name of PAGES) {
    const path = name === "index" ? "/" : `/${name}`;

    it(`${name}: ?present=1 is on before first paint and hides the narration`, async () => {
      const visit = await openPage(site.browser, `${site.server.url}${path}?present=1`, {
        viewport: VIEWPORT,
        initScript: recordClassAtDomReady,
      });
      try {
        const { page } = visit;
        assert.equal(
          await page.evaluate(() => (window as unknown as { __presentAtReady?: boolean }).__presentAtReady),
          true,
          "class set by DOMContentLoaded (no flash of the small layout)",
        );
        // Site-wide (style.css): the sidebar goes, whatever the page wires.
        assert.equal(await page.locator("#observablehq-sidebar").evaluate((e) => getComputedStyle(e).display), "none");
        if (!(await wired(page))) return;
        const visible = await narrationVisible(page);
        assert.ok(visible.length > 0, "the page has narration");
        assert.ok(
          visible.every((v) => !v),
          "narration hidden in presenter mode",
        );
        assert.equal(await page.locator(".glimpse-presenter-toggle").first().getAttribute("aria-pressed"), "true");
        // Live charts grow with the text (to 880 px, or the column's width where that is less), so
        // their labels read from the back of the room.
        await allFigures(page);
        const charts = (await page.evaluate(LIVE_CHART_WIDTHS)) as { drawn: number; shown: number; column: number }[];
        if (name !== "index") assert.ok(charts.length > 0, "the page has live charts");
        for (const c of charts)
          assert.ok(Math.abs(c.shown - Math.min(880, c.column)) <= 1, `a live chart: ${JSON.stringify(c)}`);
        assert.ok(
          charts.length === 0 || charts.some((c) => c.shown >= 1.25 * c.drawn),
          `none grew: ${JSON.stringify(charts)}`,
        );
        assert.deepEqual(visit.problems(), []);
      } finally {
        await visit.close();
      }
    });

    it(`${name}: the toggle and the p key flip the mode and the URL`, async () => {
      const visit = await openPage(site.browser, `${site.server.url}${path}`, { viewport: VIEWPORT });
      try {
        const { page } = visit;
        if (!(await wired(page))) return;
        const toggle = page.locator(".glimpse-presenter-toggle").first();
        assert.equal(await presenting(page), false);
        assert.ok(
          (await narrationVisible(page)).some((v) => v),
          "narration shown outside presenter mode",
        );

        await toggle.click();
        assert.equal(await presenting(page), true);
        assert.equal(new URL(page.url()).searchParams.get("present"), "1");
        assert.equal(await toggle.getAttribute("aria-pressed"), "true");
        assert.ok((await narrationVisible(page)).every((v) => !v));

        await toggle.click();
        assert.equal(await presenting(page), false);
        assert.equal(new URL(page.url()).searchParams.get("present"), null);

        // `p` from the page body (not from a text field) toggles too.
        await page.locator("h1").first().click();
        await page.keyboard.press("p");
        assert.equal(await presenting(page), true);
        assert.equal(new URL(page.url()).searchParams.get("present"), "1");
        await page.keyboard.press("p");
        assert.equal(await presenting(page), false);
        assert.deepEqual(visit.problems(), []);
      } finally {
        await visit.close();
      }
    });
  }
});
