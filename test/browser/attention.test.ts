// The attention page: the pretrained attention matrix at once (rows sum to 1), live training in
// a worker without long main-thread tasks, controls that restart it, URL state, presenter mode
// and its shortcuts, chart export, weights download and load, odd input answered.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { DIST, browserSkipReason, openPage, siteFixture } from "./harness.ts";
import { checkOddInputs, holdTensorFlow, longTasksSince, recordLongTasks, trainStatus, waitForStatus } from "./live.ts";

const skip = browserSkipReason() ?? (existsSync(join(DIST, "attention.html")) ? undefined : "attention page not built");
const HEATMAP = ".glimpse-attention-chart svg.attention-heatmap";

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], "PNG signature");
  assert.equal(bytes.subarray(12, 16).toString("ascii"), "IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  return readFileSync((await d.path()) as string);
}

describe("attention page", { skip }, () => {
  const site = siteFixture();

  it("shows the pretrained attention matrix at once, rows summing to 1, probe reversed", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/attention`);
    try {
      const { page } = visit;
      await page.waitForSelector(HEATMAP, { timeout: 60_000 });
      const ms = await page.evaluate(() => performance.now());
      const nav = await page.evaluate(() => {
        const [n] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
        return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
      });
      console.log(
        `attention: heatmap present ${Math.round(ms)} ms after navigation (DOMContentLoaded ${Math.round(nav.dcl)} ms)`,
      );
      const sums = await page
        .locator(`${HEATMAP} g.row`)
        .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-row-sum"))));
      assert.ok(sums.length >= 22, `rows: ${sums.length}`);
      assert.ok(
        sums.every((s) => Math.abs(s - 1) < 1e-2),
        `row sums ${sums}`,
      );
      assert.equal((await trainStatus(page)).status, "pretrained");
      assert.match((await page.locator(".glimpse-attention-caption").textContent()) ?? "", /“eht tac tas no eht tam”/);
      // Focusing a cell lights up its labels and writes its numbers into the equations.
      await page.locator(`${HEATMAP} rect.cell[data-row="2"][data-col="0"]`).focus();
      assert.equal(await page.locator(`${HEATMAP} .row-label.is-active`).count(), 1);
      assert.equal(await page.locator(`${HEATMAP} .col-label.is-active`).count(), 1);
      await page.waitForSelector(".glimpse-step-detail .katex");
      assert.match((await page.locator(".glimpse-step-detail").textContent()) ?? "", /Step 3/);
      // The walker moves to the next step.
      await page.getByRole("button", { name: "Next decoder step" }).click();
      assert.match((await page.locator(".glimpse-step-detail p").textContent()) ?? "", /^Step 4/);
      await page.waitForSelector(".glimpse-try-result *", { timeout: 60_000 });
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("answers its own sentence from the snapshot before the worker has TensorFlow.js, and a new one once it has", async () => {
    const context = await site.browser.newContext();
    // The workers' TensorFlow.js is held back until the first answer is on screen.
    const tf = await holdTensorFlow(context);
    try {
      const page = await context.newPage();
      await page.goto(`${site.server.url}/attention`, { waitUntil: "load" });
      await page.waitForSelector(".glimpse-try-result *", { timeout: 30_000 });
      assert.match((await page.locator(".glimpse-try-result").textContent()) ?? "", /modeleht␣tac␣tas␣no␣eht␣tam/);
      await tf.asked(); // a worker asked for it, and it is held back
      assert.equal((await page.locator('[data-backend="pending"]').count()) > 0, true, "the worker was still loading");
      tf.release();
      await page.locator(".glimpse-try input").fill("a dog");
      await page.waitForFunction(
        () => /a␣god/.test(document.querySelector(".glimpse-try-result")?.textContent ?? ""),
        null,
        {
          timeout: 60_000,
        },
      );
    } finally {
      tf.release();
      await context.close();
    }
  });

  it("trains with no main-thread task over 50 ms; the matrix updates; a control restarts", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/attention`, { initScript: recordLongTasks });
    try {
      const { page } = visit;
      await page.waitForSelector(HEATMAP, { timeout: 60_000 });
      // Measure training, not page load: start once the page has finished its first answers.
      await page.waitForSelector(".glimpse-try-result *", { timeout: 60_000 });
      await page.waitForTimeout(1000);
      const t0 = await page.evaluate(() => performance.now());
      await page.getByRole("button", { name: "Train", exact: true }).click();
      const first = await waitForStatus(page, (s) => s.status === "training" && Number.isFinite(s.loss));
      await waitForStatus(page, (s) => s.runId === first.runId && s.loss < first.loss * 0.9, 90_000);
      await page.waitForSelector(`.glimpse-attention-caption:has-text("Live model")`, { timeout: 60_000 });
      const t1 = await page.evaluate(() => performance.now());
      if (t1 - t0 < 10_000) await page.waitForTimeout(10_000 - (t1 - t0));
      const long = await longTasksSince(page, t0);
      const s = await trainStatus(page);
      const longest = Math.max(0, ...long.map((t) => t.duration));
      console.log(
        `attention: step ${s.step} after ${Math.round((t1 - t0) / 1000)} s; longest main-thread task ${Math.round(longest)} ms (${long.length} over 50 ms)`,
      );
      // Target: none over 50 ms. The shared 2-core test machine trains in the worker beside
      // the page, so a task can be stretched by the scheduler: fail at 200 ms.
      assert.ok(longest < 200, `main-thread task of ${longest} ms while training`);

      await page.locator("form", { hasText: "Hidden size" }).locator("input[type=number]").fill("16");
      await waitForStatus(page, (n) => n.runId > s.runId && n.status === "training" && n.step > 0);
      assert.match(page.url(), /hidden=16/);
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("restores settings from the URL and lists bad ones", async () => {
    const visit = await openPage(
      site.browser,
      `${site.server.url}/attention?hidden=48&seed=7&rate=0.01&task=translate&length=zz`,
    );
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-url-notices li");
      const value = (label: string) =>
        page.locator("form", { hasText: label }).locator("input[type=number]").inputValue();
      assert.equal(await value("Hidden size"), "48");
      assert.equal(await value("Seed"), "7");
      assert.equal(await page.getByLabel("toy translation").isChecked(), true);
      assert.match((await page.locator(".glimpse-url-notices").textContent()) ?? "", /length/);
      await waitForStatus(page, (s) => s.status === "training");
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("presenter mode hides narration; space trains and pauses, r resets", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/attention?present=1`, {
      viewport: { width: 1024, height: 768 },
    });
    try {
      const { page } = visit;
      await page.waitForSelector(HEATMAP);
      assert.equal(await page.locator(".glimpse-narration").first().isVisible(), false);
      // Presenter mode keeps every control the lesson plan uses (advanced ones too), and hides
      // the other advanced parts, such as the weights files.
      assert.equal(await page.locator(".glimpse-controls.glimpse-advanced").first().isVisible(), true);
      assert.equal(await page.locator(".glimpse-advanced:not(.glimpse-controls)").first().isVisible(), false);
      await page.locator("body").press(" ");
      await waitForStatus(page, (s) => s.status === "training" || s.status === "starting");
      await page.locator("body").press(" ");
      await waitForStatus(page, (s) => s.status === "paused");
      await page.locator("body").press("r");
      await waitForStatus(page, (s) => s.status === "pretrained");
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("exports the matrix as SVG and PNG; downloaded weights load back with the same output", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/attention`);
    try {
      const { page } = visit;
      await page.waitForSelector(HEATMAP);
      const bar = page.locator(".export-buttons").first();
      const svg = (await download(page, () => bar.getByRole("button", { name: /as SVG/ }).click())).toString("utf-8");
      assert.match(svg, /^<\?xml|^<svg/);
      assert.ok(svg.includes("</svg>") && svg.includes("attention-heatmap"));
      const png = pngSize(await download(page, () => bar.getByRole("button", { name: /as PNG/ }).click()));
      assert.ok(png.width > 100 && png.height > 100, JSON.stringify(png));

      const output = async () => (await page.locator(".glimpse-try-result").textContent()) ?? "";
      await page.waitForSelector(".glimpse-try-result *", { timeout: 60_000 });
      const before = await output();
      const weights = await download(page, () => page.getByRole("button", { name: "Download weights" }).click());
      // A wrong file gets a message and keeps the model.
      await page
        .getByLabel("Load weights")
        .setInputFiles({ name: "wrong.json", mimeType: "application/json", buffer: Buffer.from('{"hello":1}') });
      await page.waitForSelector(`.glimpse-weights-message:has-text("not a Glimpse weights file")`);
      // Train a little so the model differs, then load the downloaded weights back.
      await page.getByRole("button", { name: "Train", exact: true }).click();
      await waitForStatus(page, (s) => s.status === "training" && s.step >= 20);
      await page
        .getByLabel("Load weights")
        .setInputFiles({ name: "weights.json", mimeType: "application/json", buffer: weights });
      await waitForStatus(page, (s) => s.status === "loaded");
      await page.waitForFunction((b) => document.querySelector(".glimpse-try-result")?.textContent === b, before, {
        timeout: 60_000,
      });
      assert.match((await page.locator(".glimpse-attention-caption").textContent()) ?? "", /Loaded model/);
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("answers odd input with a message", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/attention`);
    try {
      await visit.page.waitForSelector(".glimpse-try input");
      await checkOddInputs(visit.page);
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });
});
