// Failures reach the reader: a worker that dies mid-training, a weights file with a corrupt
// checkpoint and one of another page's model each end in a readable message, and Reset
// always leads back to a working page.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DIST, browserSkipReason, openPage, siteFixture } from "./harness.ts";
import { trainStatus, waitForStatus } from "./live.ts";

const skip = browserSkipReason() ?? (existsSync(join(DIST, "attention.html")) ? undefined : "attention page not built");

describe("lost errors", { skip }, () => {
  const site = siteFixture();

  it("a worker that dies mid-training shows a message, and Reset gives a working page", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/attention`);
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-try-result *", { timeout: 60_000 });
      await page.getByRole("button", { name: "Train", exact: true }).click();
      await waitForStatus(page, (s) => s.status === "training" && s.step >= 10, 90_000);
      // An uncaught error inside the worker: the page sees the worker's "error" event.
      const [worker] = page.workers();
      await worker.evaluate(() =>
        setTimeout(() => {
          throw new Error("killed by the test");
        }),
      );
      await waitForStatus(page, (s) => s.status === "error", 30_000);
      assert.match((await page.locator(".glimpse-train-status").textContent()) ?? "", /worker stopped.*Reset/);
      await page.getByRole("button", { name: "Reset" }).click();
      assert.equal((await trainStatus(page)).status, "pretrained");
      // The fresh worker answers again.
      await page.getByLabel("Your sentence").fill("abc def");
      await page.waitForFunction(
        () => document.querySelector(".glimpse-try-result")?.textContent?.includes("cba"),
        null,
        {
          timeout: 60_000,
        },
      );
    } finally {
      await visit.close();
    }
  });

  it("pretrained weights that fail to arrive leave the pictures and say why where the answer would be", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/attention`, {
      // The worker fetches the weights after the page has drawn: make that fetch fail.
      route: { match: /attention-checkpoint[^/]*\.json$/, status: 404 },
    });
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-try-message[data-message=true]", { timeout: 60_000 });
      assert.match(
        (await page.locator(".glimpse-try-message").textContent()) ?? "",
        /pretrained model could not be loaded: The pretrained weights could not be fetched \(HTTP 404\)/,
      );
      assert.ok((await page.locator("main svg[role=img]").count()) > 0, "the snapshot's pictures are drawn");
      // Training needs no pretrained weights.
      await page.getByRole("button", { name: "Train", exact: true }).click();
      await waitForStatus(page, (s) => s.status === "training" && s.step >= 10, 90_000);
    } finally {
      await visit.close();
    }
  });

  it("a corrupt checkpoint and another page's weights are refused by name; Reset still works", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/attention`);
    try {
      const { page } = visit;
      await page.waitForSelector(".glimpse-try-result *", { timeout: 60_000 });
      const corrupt = {
        format: "glimpse-weights@1",
        page: "attention",
        config: { task: "reverse-words", attention: "additive" },
        checkpoint: { config: { vocabSize: 3 }, weights: { nonsense: { shape: [2], values: [1] } } },
      };
      const load = (name: string, body: unknown) =>
        page
          .getByLabel("Load weights")
          .setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(body)) });
      await load("corrupt.json", corrupt);
      await page.waitForSelector(`.glimpse-weights-message:has-text("Could not load")`, { timeout: 60_000 });
      await load("bottleneck.json", { ...corrupt, page: undefined, config: { attention: "none" } });
      await page.waitForSelector(`.glimpse-weights-message:has-text("bottleneck page")`, { timeout: 60_000 });
      await page.getByRole("button", { name: "Reset" }).click();
      assert.equal((await trainStatus(page)).status, "pretrained");
      await page.getByRole("button", { name: "Train", exact: true }).click();
      await waitForStatus(page, (s) => s.status === "training" && s.step >= 10, 90_000);
    } finally {
      await visit.close();
    }
  });
});
