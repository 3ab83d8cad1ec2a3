// Checks shared by the comparison pages (soft-vs-hard, scoring): pictures at once from the
// snapshot, attention rows that sum to 1, and a live race whose loss falls without long tasks.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { longTasksSince, trainStatus, waitForStatus } from "./live.ts";

/** Every attention matrix on the page has rows summing to 1 (picks included). */
export async function rowsSumToOne(page: Page): Promise<number> {
  const sums = await page.locator(".glimpse-multiples [data-row-sum]").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-row-sum"))));
  assert.ok(sums.length > 0, "no attention rows drawn");
  for (const s of sums) assert.ok(Math.abs(s - 1) < 0.01, `a row sums to ${s}`);
  return sums.length;
}

/**
 * Presses Train (or space), sees the mean loss fall, trains past the first evaluation (step 50,
 * where every figure redraws), and reports the long tasks over at least `seconds` of training.
 */
export async function trainForAWhile(page: Page, seconds: number, useKeyboard = false): Promise<{ long: { duration: number }[]; step: number }> {
  const t0 = await page.evaluate(() => performance.now());
  if (useKeyboard) {
    await page.locator("h1").click(); // focus the page, not a control: space then means play/pause
    await page.keyboard.press(" ");
  } else await page.getByRole("button", { name: "Train" }).click();
  const first = await waitForStatus(page, (s) => s.status === "training" && Number.isFinite(s.loss), 90_000);
  await waitForStatus(page, (s) => s.runId === first.runId && s.loss < first.loss * 0.9, 120_000);
  await waitForStatus(page, (s) => s.runId === first.runId && s.step >= 60, 120_000);
  const t1 = await page.evaluate(() => performance.now());
  if (t1 - t0 < seconds * 1000) await page.waitForTimeout(seconds * 1000 - (t1 - t0));
  const long = await longTasksSince(page, t0);
  return { long, step: (await trainStatus(page)).step };
}
