// The "Beyond translation" page: the pretrained captioner's small multiples and the story
// highlighted by attention at once; Train retrains each model live (status and a metric
// change); draw-your-own and ask-your-own answer through the worker; no console errors.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DIST, browserSkipReason, openPage, siteFixture } from "./harness.ts";
import { holdTensorFlow, trainStatus, waitForStatus } from "./live.ts";

const skip = browserSkipReason() ?? (existsSync(join(DIST, "beyond.html")) ? undefined : "beyond page not built");

describe("beyond-translation page", { skip }, () => {
  const site = siteFixture();

  it("draws the snapshots' pictures; draw-your-own and ask-your-own answer, unknown words get a message", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/beyond`);
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-caption-figure svg .glimpse-caption-word", { timeout: 60_000 });
      assert.ok((await page.locator(".glimpse-caption-figure .glimpse-caption-word").count()) >= 3);
      assert.match(await page.locator(".glimpse-caption-figure figcaption").innerText(), /\d+% of its attention/);
      assert.ok((await page.locator(".glimpse-story-figure .glimpse-story-sentence").count()) >= 2);
      assert.equal((await trainStatus(page)).status, "pretrained");

      // The step walker moves over the words.
      const said = page.locator(".glimpse-walker-text");
      assert.match(await said.innerText(), /^Word 1 of/);
      await page.getByRole("button", { name: "Next word ▶" }).click();
      assert.match(await said.innerText(), /^Word 2 of/);

      // Draw your own: place a shape with the keyboard, then ask for a caption.
      const cell = page.locator('.glimpse-scene-cell[data-cell="15"]');
      await cell.focus();
      await page.keyboard.press("Enter");
      assert.match((await cell.getAttribute("aria-label")) ?? "", /red circle/);
      await page.getByRole("button", { name: "Caption my picture" }).click();
      const drawn = page.locator(".glimpse-draw .glimpse-try-result");
      await drawn.filter({ hasText: "The model says" }).waitFor({ timeout: 60_000 });
      assert.ok((await page.locator(".glimpse-draw-chart .glimpse-caption-word").count()) >= 1);

      // Ask your own.
      const question = page.getByRole("textbox", { name: "Your question" });
      await question.fill("where is john?");
      await page.getByRole("button", { name: "Ask", exact: true }).click();
      const answer = page.locator(".glimpse-ask .glimpse-try-result");
      await answer.filter({ hasText: 'The reader answers "garden"' }).waitFor({ timeout: 60_000 });
      await question.fill("where is the unicorn?");
      await page.getByRole("button", { name: "Ask", exact: true }).click();
      await page
        .locator(".glimpse-ask .glimpse-try-message")
        .filter({ hasText: /unicorn/ })
        .waitFor({ timeout: 60_000 });
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });

  it("answers its probe story from the snapshot before the worker has TensorFlow.js", async () => {
    const context = await site.browser.newContext();
    // The workers' TensorFlow.js is held back until the first answer is on screen.
    const tf = await holdTensorFlow(context);
    try {
      const page = await context.newPage();
      await page.goto(`${site.server.url}/beyond`, { waitUntil: "load" });
      await page.getByRole("button", { name: "Ask", exact: true }).click();
      const answer = page.locator(".glimpse-ask .glimpse-try-result");
      await answer.filter({ hasText: /The reader answers "\w+"/ }).waitFor({ timeout: 30_000 });
      await tf.asked(); // a worker asked for it, and it is held back
      assert.equal(await page.locator('[data-backend="pending"]').count(), 1, "the worker was still loading");
    } finally {
      tf.release();
      await context.close();
    }
  });

  it("Train retrains the story reader and the captioner live: status and a measured figure change", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/beyond`);
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-story-figure svg", { timeout: 60_000 });
      const storyCaption = await page.locator(".glimpse-story-figure figcaption").innerText();
      await page.getByRole("button", { name: "Train the story reader" }).click();
      await waitForStatus(page, (s) => s.status === "training" || s.status === "done", 90_000);
      await page.waitForFunction(
        () => document.querySelector<HTMLElement>(".glimpse-story-figure")?.dataset.live === "true",
        null,
        { timeout: 90_000 },
      );
      assert.notEqual(await page.locator(".glimpse-story-figure figcaption").innerText(), storyCaption);
      assert.match(await page.locator(".glimpse-story-figure figcaption").innerText(), /live training/);

      await page.getByRole("button", { name: "Train the captioner" }).click();
      const started = await waitForStatus(page, (s) => s.status === "training" && s.step > 0, 120_000);
      assert.ok(started.runId > 0);
      // The first evaluation (step 100) redraws the caption figure from the live model.
      await page.waitForFunction(
        () => document.querySelector<HTMLElement>(".glimpse-caption-figure")?.dataset.live === "true",
        null,
        { timeout: 240_000 },
      );
      assert.match(await page.locator(".glimpse-caption-figure figcaption").innerText(), /live training/);
      await page.getByRole("button", { name: "Reset" }).click();
      await waitForStatus(page, (s) => s.status === "pretrained", 30_000);
      assert.deepEqual(visit.problems(), []);
    } finally {
      await visit.close();
    }
  });
});
