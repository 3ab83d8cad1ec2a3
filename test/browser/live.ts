// Helpers for pages with a live model (bottleneck, attention): long-task recording, reading
// the trainer's status element, the odd inputs a reader may type, holding back TensorFlow.js.
import assert from "node:assert/strict";
import type { BrowserContext, Page } from "playwright-core";

/** Installed before the page's scripts: records every main-thread long task (> 50 ms). */
export function recordLongTasks(): void {
  const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
}

export async function longTasksSince(page: Page, since: number): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(
    (t) =>
      (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter(
        (e) => e.start >= t,
      ),
    since,
  );
}

export interface TrainStatus {
  status: string;
  step: number;
  runId: number;
  loss: number;
}

export async function trainStatus(page: Page): Promise<TrainStatus> {
  return page.locator(".glimpse-train-status").evaluate((el: HTMLElement) => ({
    status: el.dataset.status ?? "",
    step: Number(el.dataset.step),
    runId: Number(el.dataset.runId),
    loss: el.dataset.loss ? Number(el.dataset.loss) : NaN,
  }));
}

/** Waits until `check` holds for the status element (polling, so it sees every frame's state). */
export async function waitForStatus(
  page: Page,
  check: (s: TrainStatus) => boolean,
  timeout = 60_000,
): Promise<TrainStatus> {
  const end = Date.now() + timeout;
  let last = await trainStatus(page);
  while (Date.now() < end) {
    last = await trainStatus(page);
    if (check(last)) return last;
    await page.waitForTimeout(200);
  }
  assert.fail(`status never satisfied the check; last: ${JSON.stringify(last)}`);
}

/** Presses Train and checks the loss falls below its first measured value. */
export async function trainAndSeeLossFall(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Train" }).click();
  const first = await waitForStatus(page, (s) => s.status === "training" && Number.isFinite(s.loss));
  await waitForStatus(page, (s) => s.runId === first.runId && s.loss < first.loss * 0.9, 90_000);
}

export const ODD_INPUTS = ["héllo 🙂", "<script>window.__pwned = 1</script>", "a".repeat(2000)];

/** Types each odd input into "Your sentence": each gets a message, nothing is injected. */
export async function checkOddInputs(page: Page): Promise<void> {
  const box = page.getByLabel("Your sentence");
  const message = page.locator(".glimpse-try-message");
  for (const text of ODD_INPUTS) {
    await box.fill(text);
    await assertMessage(page, message);
  }
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
}

async function assertMessage(page: Page, message: ReturnType<Page["locator"]>): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector(".glimpse-try-message")?.getAttribute("data-message") === "true",
    null,
    { timeout: 5_000 },
  );
  assert.ok(((await message.textContent()) ?? "").length > 10, "the message is empty");
}

/**
 * Holds back the workers' TensorFlow.js (the bundle every worker imports first) in `context`
 * until `release()`: what a page shows before it is there comes without it. `asked()` settles
 * once a worker has asked for it, and fails after `timeout` ms (a renamed bundle would
 * otherwise make the hold silently a no-op).
 */
export async function holdTensorFlow(
  context: BrowserContext,
): Promise<{ asked(timeout?: number): Promise<void>; release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let wasAsked!: () => void;
  const asked = new Promise<void>((resolve) => (wasAsked = resolve));
  await context.route(/\/tf\.fesm(?:\.min)?\.\w+\.js$/, async (route) => {
    wasAsked();
    await released;
    await route.continue();
  });
  return {
    asked: (timeout = 60_000) =>
      Promise.race([
        asked,
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error("no worker asked for TensorFlow.js: is the hold's pattern stale?")),
            timeout,
          ).unref(),
        ),
      ]),
    release,
  };
}
