// Every built page, light and dark and at phone width: no console or page errors, no failed
// or off-site requests, no serious axe-core violations, maths in KaTeX's own fonts, tfjs up.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import {
  DIST,
  browserSkipReason,
  listPages,
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
// The badge is drawn with the page's first figures and filled in once the backend is chosen
// (a worker times its candidates first): wait for both, generously, on a loaded machine.
async function checkBackend(page: Page): Promise<void> {
  const badges = page.locator("[data-backend]");
  await page
    .waitForSelector("[data-backend]", { state: "attached", timeout: 90_000 })
    .catch(() => assert.fail("page imports the backend badge but shows none"));
  await page
    .waitForFunction(() => document.querySelectorAll('[data-backend="pending"]').length === 0, null, {
      timeout: 120_000,
    })
    .catch(() => undefined); // a badge still pending fails below, by name
  for (const name of await badges.evaluateAll((els) => els.map((el) => el.getAttribute("data-backend")))) {
    assert.ok(BACKENDS.includes(name ?? ""), `backend badge says ${name}`);
  }
}

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
        } finally {
          await visit.close();
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
