// Every built page, light and dark and at phone width: no console or page errors, no failed
// or off-site requests, no serious axe-core violations, maths in KaTeX's own fonts, tfjs up.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import {
  DIST,
  allFigures,
  backendChosen,
  browserSkipReason,
  listPages,
  liveFigures,
  openPage,
  seriousViolations,
  settle,
  siteFixture,
  type Visit,
} from "./harness.ts";

const skip = browserSkipReason();
const PAGES = listPages();
const BACKENDS = ["webgl", "wasm", "cpu"];

function pageHtml(path: string): string {
  return readFileSync(join(DIST, path === "/" ? "index.html" : `${path.slice(1)}.html`), "utf-8");
}

// A page that imports the maths helper must show KaTeX, in KaTeX's fonts, from this site.
async function checkMaths(visit: Visit, page: Page): Promise<void> {
  assert.ok((await page.locator(".katex").count()) > 0, "no .katex element on a page that imports maths.js");
  assert.equal(await page.locator(".katex-error").count(), 0, "a formula failed to parse (.katex-error)");
  const fonts = visit.requests.filter((u) => /\/fonts\/KaTeX_[\w-]+\.woff2$/.test(u));
  assert.ok(fonts.length > 0, "no KaTeX font requested from the site's origin");
  const loaded = await page.evaluate(
    () =>
      [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "KaTeX_Main" && f.status === "loaded").length,
  );
  assert.ok(loaded > 0, "KaTeX_Main did not load: formulas are in fallback fonts");
}

// A page whose workers load tfjs must say where they compute, and they must have initialised.
async function checkBackend(page: Page): Promise<void> {
  const badges = page.locator("[data-backend]");
  await backendChosen(page); // a badge still pending fails below, by name
  for (const name of await badges.evaluateAll((els) => els.map((el) => el.getAttribute("data-backend")))) {
    assert.ok(BACKENDS.includes(name ?? ""), `backend badge says ${name}`);
  }
}

/**
 * Charts in figures shown at a width other than the one they were drawn at: a chart drawn wider
 * than its figure is scaled down, its labels with it (11 px text read at 6–8 px). A string:
 * tsx would wrap inner functions in a helper the page lacks.
 */
const SCALED_CHARTS = `[...document.querySelectorAll("#observablehq-main figure svg[width]")]
  .map((svg) => ({ svg, drawn: Number(svg.getAttribute("width")), shown: svg.getBoundingClientRect().width }))
  .filter(({ drawn, shown }) => shown > 0 && Number.isFinite(drawn) && Math.abs(shown - drawn) > 1)
  .map(({ svg, drawn, shown }) => (svg.getAttribute("aria-label") || svg.getAttribute("class")) + ": drawn " + drawn + " px, shown " + Math.round(shown) + " px")`;

describe("built pages", { skip }, () => {
  const site = siteFixture();

  it("the site has a home page", () => assert.ok(PAGES.includes("/"), `pages found: ${PAGES.join(", ")}`));

  for (const path of PAGES) {
    const html = pageHtml(path);
    const hasMaths = /components\/maths\.[\w]+\.js/.test(html);
    // tfjs loads only in workers, so a page's HTML names the badge, not tfjs.
    const hasBadge = /components\/ui\/backend-badge\.[\w]+\.js/.test(html);
    assert.match(html, /<html lang="en">/, `${path}: static HTML lacks lang="en"`);

    it(`${path}: the main thread loads no tfjs (only the workers do)`, () =>
      assert.doesNotMatch(html, /_node\/@tensorflow\/[^"]+\.js/));

    for (const colorScheme of ["light", "dark"] as const) {
      it(`${path} in ${colorScheme}: loads cleanly and passes axe`, async () => {
        const visit = await openPage(site.browser, site.server.url + path, { colorScheme });
        try {
          await settle(visit.page);
          assert.deepEqual(visit.problems(), []);
          if (hasMaths) await checkMaths(visit, visit.page);
          if (hasBadge) await checkBackend(visit.page);
          assert.deepEqual(await seriousViolations(visit.page), []);
          await allFigures(visit.page);
          assert.deepEqual(await visit.page.evaluate(SCALED_CHARTS), [], "charts shown narrower than drawn");
        } finally {
          await visit.close();
        }
      });
    }

    // scripts/prerender.ts: the build draws a page's first figures into its HTML.
    const prerendered = [...html.matchAll(/data-prerender="([a-z0-9-]+)"/g)].map((m) => m[1]);
    if (prerendered.length) {
      it(`${path}: its first figures show before any script runs (${prerendered.join(", ")}), and give way to the live ones`, async () => {
        for (const javaScriptEnabled of [false, true]) {
          const context = await site.browser.newContext({ javaScriptEnabled, viewport: { width: 375, height: 740 } });
          try {
            const page = await context.newPage();
            await page.goto(site.server.url + path, { waitUntil: "load" });
            const copies = page.locator(".glimpse-prerendered[inert]");
            if (!javaScriptEnabled) {
              assert.equal(await copies.count(), prerendered.length, "a placeholder the build did not fill");
              for (const name of prerendered) {
                const charts = page.locator(`.glimpse-prerendered[data-prerender="${name}"] svg[role=img][aria-label]`);
                assert.ok(
                  (await charts.count()) > 0,
                  `${name}: no chart (svg role=img with a label) in the build's copy`,
                );
                assert.ok((await charts.first().boundingBox())!.height > 50, `${name}: the chart has no height`);
              }
              const live =
                ".glimpse-prerendered [tabindex], .glimpse-prerendered [id], .glimpse-prerendered [role=gridcell]";
              assert.equal(
                await page.locator(live).count(),
                0,
                "a copy has a tab stop, an id or a grid cell of its own",
              );
              const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
              assert.ok(scrollWidth <= 375, `without scripts the page is ${scrollWidth}px wide at a 375px viewport`);
            } else {
              await liveFigures(page);
            }
          } finally {
            await context.close();
          }
        }
      });
    }

    it(`${path} at 375 px wide: nothing overflows sideways`, async () => {
      const visit = await openPage(site.browser, site.server.url + path, { viewport: { width: 375, height: 740 } });
      try {
        await settle(visit.page);
        assert.deepEqual(visit.problems(), []);
        const scrollWidth = await visit.page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scrollWidth <= 375, `page is ${scrollWidth}px wide at a 375px viewport`);
      } finally {
        await visit.close();
      }
    });
  }
});
