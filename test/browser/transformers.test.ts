// The Transformer page: the pretrained heads, encodings, race and cost tables drawn at once;
// Train starts a live run that recolours a head in place; the positions switch retrains
// without positions; presenter mode keeps the heads and Train; no console errors.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { DIST, browserSkipReason, openPage, siteFixture } from "./harness.ts";
import { trainStatus, waitForStatus } from "./live.ts";

const skip =
  browserSkipReason() ?? (existsSync(join(DIST, "transformers.html")) ? undefined : "transformers page not built");
const HEAD = '.glimpse-head-group[data-kind="encoder"] .glimpse-multiple svg';

const fills = (page: Page) =>
  page
    .locator(HEAD)
    .first()
    .locator("rect.cell")
    .evaluateAll((cells) => cells.map((c) => c.getAttribute("fill")).join());

describe("transformers page", { skip }, () => {
  const site = siteFixture();

  it("draws the pretrained heads, encodings, race and costs at once", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/transformers`);
    try {
      const { page } = visit;
      await page.waitForSelector(HEAD, { timeout: 60_000 });
      for (const kind of ["encoder", "decoder", "cross"]) {
        assert.ok((await page.locator(`.glimpse-head-group[data-kind="${kind}"] svg`).count()) >= 1, kind);
      }
      assert.ok((await page.locator(`${HEAD} rect.cell`).count()) > 0);
      await page.waitForSelector("svg.glimpse-encodings", { timeout: 60_000 });
      assert.equal(await page.locator(".glimpse-race-table tbody tr").count(), 5);
      assert.ok((await page.locator(".glimpse-costs tbody tr").count()) === 4);
      await page.waitForSelector(".glimpse-query .katex", { timeout: 60_000 });
      assert.equal((await trainStatus(page)).status, "pretrained");
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("Train starts a live run that updates a head in place; the positions switch retrains without positions", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/transformers`);
    try {
      const { page } = visit;
      await page.waitForSelector(HEAD, { timeout: 60_000 });
      const before = await fills(page);
      const svg = await page.locator(HEAD).first().elementHandle();
      await page.getByRole("button", { name: "Train" }).click();
      await waitForStatus(page, (s) => s.status === "training" && s.step >= 1, 120_000);
      // Recoloured when the first live evaluation arrives.
      await page.waitForFunction(
        ([sel, old]) => {
          const s = document.querySelector(sel as string);
          if (!s) return false;
          const now = [...s.querySelectorAll("rect.cell")].map((c) => c.getAttribute("fill")).join();
          return now !== old;
        },
        [HEAD, before],
        { timeout: 120_000 },
      );
      assert.ok(svg, "a head was drawn");
      const status = await trainStatus(page);
      await page.getByRole("radio", { name: "none" }).check();
      await waitForStatus(page, (s) => s.runId > status.runId, 60_000);
      await page.waitForFunction(
        () => document.body.textContent?.includes("No positions: the model adds nothing."),
        null,
        {
          timeout: 60_000,
        },
      );
      assert.match(page.url(), /positions=none/);
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("presenter mode shows the heads and Train, and hides the narration", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/transformers?present=1`);
    try {
      const { page } = visit;
      await page.waitForSelector(HEAD, { timeout: 60_000 });
      assert.ok(await page.locator(HEAD).first().isVisible());
      assert.ok(await page.getByRole("button", { name: "Train" }).isVisible());
      assert.equal(await page.locator(".glimpse-narration").first().isVisible(), false);
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });
});
