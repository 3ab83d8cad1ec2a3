// The soft-vs-hard page: six pretrained models' pictures at once (soft weights, hard picks);
// the temperature slider reshapes the picture without training; a live race started from the
// keyboard whose losses fall without long tasks; a control that restarts it and goes into the URL.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DIST, browserSkipReason, openPage, siteFixture } from "./harness.ts";
import { trainStatus, waitForStatus } from "./live.ts";
import { assertResponsive, recordFrames, rowsSumToOne, trainForAWhile } from "./compare-live.ts";

const skip =
  browserSkipReason() ?? (existsSync(join(DIST, "soft-vs-hard.html")) ? undefined : "soft-vs-hard page not built");

describe("soft-vs-hard page", { skip }, () => {
  const site = siteFixture();

  it("shows soft weights and hard picks at once; the temperature slider reshapes without training", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/soft-vs-hard`);
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-multiples svg", { timeout: 60_000 });
      const ms = await page.evaluate(() => performance.now());
      console.log(`soft-vs-hard: first attention matrix ${Math.round(ms)} ms after navigation`);
      // The multiples are drawn one per timer task (no long task), so wait for all three.
      await page.waitForFunction(
        () => document.querySelectorAll(".glimpse-multiples svg.attention-heatmap").length === 3,
        null,
        { timeout: 30_000 },
      );
      assert.equal(await page.locator(".glimpse-multiples svg.attention-heatmap.is-hard").count(), 1, "the picks");
      await rowsSumToOne(page);
      // Every row of the picks is one-hot.
      const picked = await page
        .locator(".glimpse-multiples svg.is-hard [data-row-sum]")
        .evaluateAll((rows) =>
          rows.map(
            (r) =>
              [...r.querySelectorAll("[data-weight]")].filter((c) => Number(c.getAttribute("data-weight")) === 1)
                .length,
          ),
        );
      assert.ok(picked.length > 0 && picked.every((n) => n === 1), `picks per row: ${picked}`);
      assert.equal(await page.locator(".glimpse-compare-table tbody tr").count(), 6);
      assert.match(await page.locator(".glimpse-findings").innerText(), /soft attention reached 95% exact match/);

      const caption = () =>
        page
          .locator("figure", { has: page.locator('svg[aria-label^="Soft attention at the chosen temperature"]') })
          .locator("figcaption")
          .innerText();
      const sharp = await caption();
      const slider = page.getByRole("slider", { name: "Temperature τ" });
      await slider.focus();
      for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowRight");
      await page.waitForFunction((before) => {
        const fig = [...document.querySelectorAll("figure")].find((f) =>
          f.querySelector('svg[aria-label^="Soft attention at the chosen temperature"]'),
        );
        return fig?.querySelector("figcaption")?.textContent !== before;
      }, sharp);
      assert.notEqual(await caption(), sharp);
      assert.match(page.url(), /sharpness=/);
      assert.equal((await trainStatus(page)).status, "pretrained", "the slider does not retrain");
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("space trains all six in one worker: losses fall, no long task; a control restarts", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/soft-vs-hard`, { initScript: recordFrames });
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-multiples svg", { timeout: 60_000 });
      assertResponsive("soft-vs-hard", await trainForAWhile(page, 10, true));
      const before = await trainStatus(page);
      await page.getByRole("combobox", { name: "Train soft at τ" }).selectOption("0.25");
      await waitForStatus(page, (s) => s.runId > before.runId && s.step > 0, 60_000);
      assert.match(page.url(), /temperature=0.25/);
      await page.keyboard.press("r");
      await waitForStatus(page, (s) => s.status === "pretrained", 10_000);
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });
});
