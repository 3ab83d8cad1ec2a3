// docs/teaching.md's lesson, walked in presenter mode (?present=1) at projector size: every
// figure and control the plan asks the class to look at or change is shown (not hidden by
// presenter mode), Train is pressed where the plan says so, and each live page's main picture
// and Train button are on the first screen at 1024×768 and 1280×720.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { DIST, browserSkipReason, openPage, siteFixture } from "./harness.ts";
import { waitForStatus } from "./live.ts";

const PAGES = ["index", "bottleneck", "attention", "soft-vs-hard", "scoring", "cost"];
const skip =
  browserSkipReason() ??
  (PAGES.every((p) => existsSync(join(DIST, `${p}.html`))) ? undefined : "not every lesson page is built");
const TEACHING = readFileSync(new URL("../../docs/teaching.md", import.meta.url), "utf8");
const WAIT = 90_000;

interface Step {
  /** What the plan names, as the plan words it (the test checks the plan still names it). */
  named: string;
  find: (page: Page) => Locator;
}

interface Lesson {
  page: string;
  steps: Step[];
  /** The plan says to press Train (or Measure) on this page. */
  train?: "Train" | "Measure";
}

const heading = (name: string) => (page: Page) => page.getByRole("heading", { name, exact: true });
const label = (name: string) => (page: Page) => page.getByLabel(name, { exact: true }).first();

const LESSON: Lesson[] = [
  {
    page: "index",
    steps: [
      { named: "running example", find: (p) => p.locator("table.glimpse-example") },
      { named: "attention picture", find: (p) => p.locator("svg.attention-heatmap").first() },
    ],
  },
  {
    page: "bottleneck",
    train: "Train",
    steps: [
      { named: "Exact match by input length", find: heading("Exact match by input length") },
      { named: "Exact match by input length", find: (p) => p.locator(".glimpse-stage-picture svg").first() },
      { named: "Hidden size", find: label("Hidden size") },
      { named: "Feed the source reversed", find: label("Feed the source reversed") },
    ],
  },
  {
    page: "attention",
    train: "Train",
    steps: [
      { named: "three equations", find: heading("Three small equations") },
      {
        named: "three equations",
        find: (p) => p.locator(".glimpse-equations .katex-display").nth(2),
      },
      { named: "attention matrix", find: (p) => p.locator(".glimpse-attention-chart svg rect.cell").first() },
      { named: "The one-letter shift", find: heading("Why does a one-way encoder look one letter late?") },
      { named: "one-way encoder", find: (p) => p.getByRole("radio", { name: "one-way (left to right)" }) },
      { named: "toy translation", find: (p) => p.getByRole("radio", { name: "toy translation" }) },
      { named: "type their own sentence", find: label("Your sentence") },
    ],
  },
  {
    page: "soft-vs-hard",
    steps: [
      { named: "Three soft and three hard models", find: (p) => p.locator(".glimpse-stage-picture svg").first() },
      { named: "temperature slider", find: (p) => p.locator(".glimpse-temperature-panel input[type=range]").first() },
    ],
  },
  {
    page: "scoring",
    steps: [
      { named: "Six models raced", find: (p) => p.locator(".glimpse-stage-picture svg").first() },
      {
        named: "what the papers found, and what you measured",
        find: heading("What the papers found, and what you measured"),
      },
      { named: "Train", find: (p) => p.getByRole("button", { name: "Train", exact: true }) },
    ],
  },
  {
    page: "cost",
    train: "Measure",
    steps: [
      { named: "score", find: (p) => p.locator('svg[aria-label^="Attention scores per sentence by input length"]') },
      { named: "self-attention picture", find: heading("Where it led: self-attention") },
      {
        named: "self-attention picture",
        find: (p) => p.locator('svg[aria-label^="Self-attention of the encoder states"]'),
      },
    ],
  },
];

/** Shown: laid out with a size, and not hidden by any ancestor (presenter mode hides with display: none). */
async function assertShown(locator: Locator, what: string): Promise<void> {
  await locator.waitFor({ state: "attached", timeout: WAIT });
  assert.ok(await locator.isVisible(), `${what} is hidden in presenter mode`);
}

describe("the lesson plan in presenter mode", { skip }, () => {
  const site = siteFixture();

  for (const lesson of LESSON) {
    it(`${lesson.page}: everything the plan names is shown${lesson.train ? `, and ${lesson.train} runs` : ""}`, async () => {
      const path = lesson.page === "index" ? "/" : `/${lesson.page}`;
      const visit = await openPage(site.browser, `${site.server.url}${path}?present=1`, {
        viewport: { width: 1024, height: 768 },
      });
      try {
        const { page } = visit;
        for (const step of lesson.steps) {
          assert.ok(TEACHING.includes(step.named), `docs/teaching.md no longer names "${step.named}"`);
          await assertShown(step.find(page), `${lesson.page}: "${step.named}"`);
        }
        if (lesson.train === "Train") {
          assert.ok(TEACHING.includes("press **Train**"));
          await page.getByRole("button", { name: "Train", exact: true }).click();
          await waitForStatus(page, (s) => s.status === "training" && s.step > 0, WAIT);
          await page.getByRole("button", { name: "Pause", exact: true }).click();
        } else if (lesson.train === "Measure") {
          const measure = page.getByRole("button", { name: "Measure", exact: true });
          await assertShown(measure, "cost: Measure");
          await measure.click();
          await page.getByRole("button", { name: "Stop", exact: true }).click({ timeout: WAIT });
        }
        if (lesson.page === "attention") {
          // The plan: "Try one longer than the longest training input": a note, and still an answer.
          const input = page.getByLabel("Your sentence", { exact: true });
          await input.fill("the quick brown fox jumps over the lazy dog");
          await page.waitForSelector(".glimpse-try-message:has-text('never saw an input longer than')", {
            timeout: WAIT,
          });
          await page.waitForSelector(".glimpse-try-result *", { timeout: WAIT });
        }
        assert.deepEqual(visit.problems(), []);
      } finally {
        await visit.close();
      }
    });
  }

  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 1280, height: 720 },
  ]) {
    it(`at ${viewport.width}×${viewport.height} each live page's main picture and Train button are on the first screen`, async () => {
      for (const name of ["bottleneck", "attention", "soft-vs-hard", "scoring", "cost"]) {
        const visit = await openPage(site.browser, `${site.server.url}/${name}?present=1`, { viewport });
        try {
          const { page } = visit;
          const picture = page.locator(".glimpse-stage-picture svg").first();
          const button = page.locator("button.glimpse-play, button.glimpse-measure").first();
          await picture.waitFor({ state: "visible", timeout: WAIT });
          await button.waitFor({ state: "visible", timeout: WAIT });
          const p = await picture.boundingBox();
          const b = await button.boundingBox();
          assert.ok(p && b);
          assert.ok(b.y + b.height <= viewport.height, `${name}: the Train button ends at ${b.y + b.height}px`);
          assert.ok(b.height >= 40, `${name}: the Train button is ${b.height}px tall`);
          // Most of the picture on the first screen, beside the controls (the screen's width used).
          const shown = Math.min(p.y + p.height, viewport.height) - p.y;
          assert.ok(
            shown >= Math.min(p.height, viewport.height * 0.5) * 0.75,
            `${name}: picture at ${JSON.stringify(p)}`,
          );
          assert.ok(p.x > viewport.width * 0.25, `${name}: the picture is beside the controls, at x=${p.x}`);
          assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= viewport.width);
        } finally {
          await visit.close();
        }
      }
    });
  }
});
