// The scoring page: six pretrained models' pictures at once; a live race in one worker whose
// losses fall without long main-thread tasks; controls that restart it and live in the URL.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DIST, browserSkipReason, openPage, siteFixture } from "./harness.ts";
import { trainStatus, waitForStatus } from "./live.ts";
import { assertResponsive, recordFrames, rowsSumToOne, trainForAWhile } from "./compare-live.ts";

const skip = browserSkipReason() ?? (existsSync(join(DIST, "scoring.html")) ? undefined : "scoring page not built");

describe("scoring page", { skip }, () => {
  const site = siteFixture();

  it("shows the six pretrained models at once (five scores and dot with input feeding): matrices, curves, table, diagrams", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/scoring`);
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-multiples svg", { timeout: 60_000 });
      const ms = await page.evaluate(() => performance.now());
      console.log(`scoring: first attention matrix ${Math.round(ms)} ms after navigation`);
      // The multiples are drawn one per timer task (no long task), so wait for the sixth.
      await page.waitForFunction(
        () => document.querySelectorAll(".glimpse-multiples svg.attention-heatmap").length === 6,
        null,
        { timeout: 30_000 },
      );
      await rowsSumToOne(page);
      assert.equal(await page.locator(".glimpse-compare-table tbody tr").count(), 6);
      assert.equal(await page.locator("svg.glimpse-decoder-diagram").count(), 2);
      assert.equal((await trainStatus(page)).status, "pretrained");
      assert.match(await page.locator(".glimpse-findings").innerText(), /Luong et al\. \(2015\)/);
      await page.waitForFunction(
        () => document.querySelector(".glimpse-backend")?.getAttribute("data-backend") !== "pending",
        null,
        { timeout: 30_000 },
      );
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("trains all chosen models in one worker: losses fall, no long task; a control restarts and goes into the URL", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/scoring`, { initScript: recordFrames });
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-multiples svg", { timeout: 60_000 });
      assertResponsive("scoring", await trainForAWhile(page, 10));
      const before = await trainStatus(page);
      await page.getByRole("checkbox", { name: "scaled dot (Transformer)" }).uncheck();
      await waitForStatus(page, (s) => s.runId > before.runId && s.step > 0, 60_000);
      // Six models by default (five scores and dot with input feeding): five remain.
      assert.match(page.url(), /models=additive%2Cdot%2Cgeneral%2Cconcat%2Cdot-feed(&|$)/);
      await page.waitForFunction(
        () => document.querySelectorAll(".glimpse-compare-table tbody tr").length === 5,
        null,
        {
          timeout: 60_000,
        },
      );
      await page.getByRole("button", { name: "Reset" }).click();
      await waitForStatus(page, (s) => s.status === "pretrained", 10_000);
      assert.equal(await page.getByRole("checkbox", { name: "scaled dot (Transformer)" }).isChecked(), true);
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("restores settings from a link and names the ones it ignored", async () => {
    const visit = await openPage(
      site.browser,
      `${site.server.url}/scoring?task=translate&seed=3&models=dot,general&bogus=1&present=1`,
    );
    try {
      const { page } = visit;
      // A link's race is not the snapshot's: its models start untrained, each with a placeholder.
      await page.waitForSelector(".glimpse-multiples figure", { timeout: 30_000 });
      assert.equal(await page.getByRole("radio", { name: "toy translation" }).isChecked(), true);
      assert.equal(await page.getByRole("checkbox", { name: "dot (Luong)" }).isChecked(), true);
      assert.equal(await page.getByRole("checkbox", { name: "concat (Luong)" }).isChecked(), false);
      const notices = await page.locator(".glimpse-url-notices").innerText();
      assert.match(notices, /unknown setting "bogus"/);
      assert.doesNotMatch(notices, /present/, "presenter mode is not a setting");
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains("glimpse-presenter")));
      assert.equal(
        await page.locator(".glimpse-narration").first().isVisible(),
        false,
        "narration hidden when presenting",
      );
      await waitForStatus(page, (s) => s.runId > 0 && s.step > 0, 60_000);
      assert.equal(await page.locator(".glimpse-multiples figure").count(), 2);
      assert.match(page.url(), /present=1/);
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });
});
