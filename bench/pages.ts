/**
 * `npm run bench:pages [-- options]`: the waits a reader feels, measured on the built site in
 * headless Chromium as a reader meets them (a browser already running: it opens the home page once
 * first). Per page and seed, in a fresh browser context:
 *   - first picture: on a first visit (the address without settings), the first chart (an `svg[role=img]`, or the attention matrix's
 *     `svg[role=grid]`, in the page's main) on screen. A copy drawn by the build (scripts/prerender.ts)
 *     names one label for Element Timing, and the browser reports when that frame was presented
 *     (the first contentful paint is no proxy: it can be the sidebar's alone, while the main column
 *     is still in layout). Another chart counts as shown in the first contentful paint if it was in
 *     the page by then, else in the next frame after it entered the page;
 *   - first answer: "try your own sentence" (`.glimpse-try-result`) showing an answer, on screen as above; where the
 *     page answers only when asked (/beyond's story reader), the bench presses Ask once the first
 *     picture is up, and again every 250 ms while the model is still loading;
 *   - typed answer: where the box answers as one types (not a form with an Ask button), the
 *     bench types a sentence of its own ("a dog") once the page has loaded (the first answer
 *     shown, the figures below the fold built): the answer to it on screen (the pretrained model
 *     answers the probe from its snapshot, anything else from the worker). The load event's time
 *     is printed beside it (the issue counts "≤ 2 s after load");
 *   - then it opens the page again with the seed in the address (`?seed=N`, as a shared link
 *     would carry it), presses Train (`button.glimpse-play`) once the first answer is there (or
 *     the page has settled, where there is no try box) and follows the trainer's status element
 *     (`.glimpse-train-status`: data-status, data-step, data-exact-match) until the targets
 *     are met, the run ends or the timeout passes: steps/s, time from the press to 90% and 95%
 *     held-out exact match, and on compare pages the race verdict (status done: every model
 *     at its target or its step cap, the table filled), and where the page's main picture is an
 *     attention matrix (.glimpse-stage-picture), when the live model's matrix first put its
 *     largest weight on the copied letter in every letter row of the correct reversal ("matrix
 *     readable", read from the cells' labels; analysis/alignment.ts rowsOnCopiedLetters);
 *   - the longest main-thread task and the most script in one long animation frame while training,
 *     once the page has loaded (its live figures in, the ones below the fold built): a run that the
 *     address starts as the page loads overlaps the page's own loading, which the load columns count.
 * Prints medians over the seeds as a Markdown table (and `--json`). A hook a page lacks prints
 * "n/a: no hook"; a target missed prints "not reached in N s". Asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type { Browser, Page } from "playwright-core";
import { rowsOnCopiedLetters } from "../src/components/analysis/alignment.ts";
import { DIST, launchBrowser, listPages } from "../test/browser/harness.ts";
import { startServer } from "../test/browser/server.ts";

const USAGE = `usage: npm run bench:pages -- [options]
  --no-build         use the existing dist/ instead of running npm run build first
  --pages LIST       pages to drive, comma-separated (default: every built page but the index)
  --seeds N|LIST     seeds: a count (1..N) or a comma-separated list (default 3)
  --timeout S        seconds to follow training after pressing Train, per page and seed (default 240)
  --json             also print every figure as one JSON object
  --help`;

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean" },
    pages: { type: "string" },
    seeds: { type: "string", default: "3" },
    timeout: { type: "string", default: "240" },
    json: { type: "boolean" },
    help: { type: "boolean" },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const seeds = /^\d+$/.test(args.seeds!)
  ? Array.from({ length: Number(args.seeds) }, (_, i) => i + 1)
  : args.seeds!.split(",").map(Number);
const timeoutS = Number(args.timeout);
if (!seeds.length || seeds.some((s) => !Number.isInteger(s) || s < 1) || !(timeoutS > 0)) {
  console.error(`error: bad --seeds or --timeout\n\n${USAGE}`);
  process.exit(2);
}

const started = performance.now();
const progress = (line: string) =>
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** What one page gave for one seed. Times in ms; null: never happened; undefined: no hook. */
export interface PageRun {
  page: string;
  seed: number;
  firstPicture: number | null;
  /** The page's own figure in place of the build's copy (scripts/prerender.ts): its modules have run. */
  liveFigure?: number | null;
  firstAnswer?: number | null;
  /** A sentence of the bench's own typed once the page had loaded: its answer on screen. */
  typedAnswer?: number | null;
  /** The first visit's load event (navigation timing: loadEventStart). */
  loadEvent?: number;
  /** ms from navigation to the press of Train (or to the run the address's settings started); absent without a Train button. */
  pressedAt?: number;
  /** ms from navigation until the training visit had loaded (live figures in, none deferred left). */
  loadedAt?: number;
  /** The address's settings started the run as the page loaded (no press needed). */
  autoStarted?: boolean;
  stepsPerSecond?: number;
  /** ms from pressing Train. */
  to90?: number | null;
  to95?: number | null;
  verdict?: number | null;
  /** ms from pressing Train until the live matrix's largest weights sat on the copied letters. */
  matrixReadable?: number | null;
  lastStatus?: { status: string; step: number; exactMatch?: number };
  longestTask?: number;
  longestFrameScript?: number;
  hooks: { exactMatch: boolean; tryResult: boolean; train: boolean; compare: boolean };
  error?: string;
}

/**
 * Installed before the page's own scripts: when the first chart and first answer appear, and
 * every long task and long animation frame (script time per frame). A string, not a function:
 * tsx would wrap a function's inner functions in a helper the page does not have.
 */
const RECORD_READER_WAITS = `(() => {
  const b = (window.__bench = { firstPicture: null, liveFigure: null, firstAnswer: null, typedAnswer: null, longTasks: [], frames: [] });
  // On screen: in the first contentful paint if it was in the page by then, else in the next
  // frame after it entered the page (that frame's animation callbacks; it paints right after).
  const entered = {};
  const nextFrame = {};
  let fcp = null;
  const settle = (key) => {
    if (b[key] !== null || fcp === null) return;
    if (entered[key] <= fcp) b[key] = fcp;
    else if (key in nextFrame) b[key] = nextFrame[key];
  };
  const shown = (key) => {
    if (key in entered) return;
    entered[key] = performance.now();
    requestAnimationFrame(() => ((nextFrame[key] = performance.now()), settle(key)));
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") fcp = e.startTime;
    Object.keys(entered).forEach(settle);
  }).observe({ type: "paint", buffered: true });
  new MutationObserver(() => {
    const main = document.getElementById("observablehq-main") || document.body;
    const chart = main && main.querySelector("svg[role=img], svg[role=grid]");
    // A build's copy names one of its labels for Element Timing: the browser says when it was
    // presented. Any other chart counts from the frame after it entered the page.
    if (chart && !chart.querySelector("text[elementtiming=glimpse-picture]")) shown("firstPicture");
    if (chart && !document.querySelector(".glimpse-prerendered")) shown("liveFigure");
    const answered = [...document.querySelectorAll(".glimpse-try-result")].some((r) => r.childElementCount > 0 || r.textContent.trim());
    if (answered) shown("firstAnswer");
  }).observe(document, { childList: true, subtree: true });
  // Types into the try box as a reader would (value, then an input event); the answer counts once
  // the result changes, in the next frame.
  window.__benchType = (text) => {
    const input = document.querySelector(".glimpse-try:not(form) input");
    const result = document.querySelector(".glimpse-try-result");
    if (!input || !result) return false;
    new MutationObserver((_, observer) => {
      observer.disconnect();
      requestAnimationFrame(() => (b.typedAnswer = performance.now()));
    }).observe(result, { childList: true, subtree: true, characterData: true });
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.identifier === "glimpse-picture" && b.firstPicture === null) b.firstPicture = e.renderTime || e.startTime;
  }).observe({ type: "element", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        b.frames.push({ start: e.startTime, script: e.scripts.reduce((a, s) => a + s.duration, 0) });
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch {}
})();`;

type Bench = {
  firstPicture: number | null;
  liveFigure: number | null;
  firstAnswer: number | null;
  typedAnswer: number | null;
  longTasks: { start: number; duration: number }[];
  frames: { start: number; script: number }[];
};
const bench = (page: Page) => page.evaluate(() => (window as unknown as { __bench: Bench }).__bench);
const now = (page: Page) => page.evaluate(() => performance.now());

interface Status {
  status: string;
  step: number;
  runId: number;
  exactMatch?: number;
  compare: boolean;
  tableFilled: boolean;
}

const readStatus = (page: Page): Promise<Status | null> =>
  page.evaluate(() => {
    const el = document.querySelector<HTMLElement>(".glimpse-train-status");
    if (!el) return null;
    const em = el.dataset.exactMatch;
    const cells = [...document.querySelectorAll(".glimpse-compare-table td")];
    return {
      status: el.dataset.status ?? "",
      step: Number(el.dataset.step ?? NaN),
      runId: Number(el.dataset.runId ?? NaN),
      exactMatch: em === undefined || em === "" ? undefined : Number(em),
      compare: !!document.querySelector(".glimpse-compare-table"),
      tableFilled: cells.length > 0 && cells.every((c) => !/^\s*(|–|—|-|NaN.*|…)\s*$/.test(c.textContent ?? "")),
    };
  });

/**
 * The main picture's attention matrix, read from its cells' labels ("output 'e' (step 1) attends
 * to input 't' (position 1): 0.99"): its label, input characters and weights; null where the
 * page's main picture is no attention matrix, and only the label while it is the one read last
 * (the bench's own reads run on the page's main thread, so it reads ~500 cells once per picture,
 * not at every poll). A string: tsx would wrap inner functions in a helper the page lacks.
 */
const READ_STAGE_MATRIX = String.raw`((previous) => {
  const svg = document.querySelector(".glimpse-stage-picture svg.attention-heatmap[role=grid]");
  if (!svg) return null;
  const label = svg.getAttribute("aria-label") ?? "";
  if (label === previous) return { label };
  const sources = [];
  const weights = [];
  for (const cell of svg.querySelectorAll("[aria-label^='output ']")) {
    const m = /\(step (\d+)\) attends to input '(.+)' \(position (\d+)\): (\S+)/.exec(cell.getAttribute("aria-label"));
    if (!m) continue;
    const t = Number(m[1]) - 1, j = Number(m[3]) - 1;
    sources[j] = m[2] === "␣" ? " " : m[2];
    (weights[t] ??= [])[j] = parseFloat(m[4]);
  }
  return { label, sources, weights };
})`;

/**
 * Whether the live model's matrix has every letter row's largest weight on its copied letter;
 * undefined where the page shows no matrix. `seen` keeps the last picture's label and verdict.
 */
async function matrixReadable(page: Page, seen: { label?: string; readable?: boolean }): Promise<boolean | undefined> {
  const m = (await page.evaluate(`${READ_STAGE_MATRIX}(${JSON.stringify(seen.label ?? null)})`)) as {
    label: string;
    sources?: string[];
    weights?: number[][];
  } | null;
  if (!m) return undefined;
  if (!m.sources || !m.weights) return seen.readable;
  const { onCopied, letters } = rowsOnCopiedLetters(m.sources, m.weights);
  seen.label = m.label;
  seen.readable = m.label.startsWith("Live model") && letters > 0 && onCopied === letters;
  return seen.readable;
}

/** Polls until `done` holds or `ms` passes; returns whether it held. */
async function until(page: Page, done: () => Promise<boolean>, ms: number, every = 200): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await done()) return true;
    await page.waitForTimeout(every);
  }
  return done();
}

async function runPage(browser: Browser, origin: string, path: string, seed: number): Promise<PageRun> {
  const run: PageRun = {
    page: path,
    seed,
    firstPicture: null,
    hooks: { exactMatch: false, tryResult: false, train: false, compare: false },
  };
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: RECORD_READER_WAITS });
  // The site must work offline: anything from another origin is refused, as in the tests.
  await context.route(
    (u) => !["data:", "blob:"].includes(u.protocol) && u.origin !== origin,
    (route) => route.abort("blockedbyclient"),
  );
  const page = await context.newPage();
  try {
    // Settings in the address that differ from the pretrained model's (any seed but the
    // snapshot's) start a run as the page loads, as a shared link does: note when, since
    // pressing Train would then pause it.
    let autoStart: { t: number; runId: number } | undefined;
    const watchAutoStart = async () => {
      const s = await readStatus(page);
      if (!autoStart && s && ["starting", "training"].includes(s.status))
        autoStart = { t: await now(page), runId: s.runId };
    };
    // The page's cells render after load: wait for the first picture (up to a minute), then see
    // which controls the page has, then wait for the first answer where there is a try box.
    const meet = async (url: string) => {
      await page.goto(url, { waitUntil: "load", timeout: 60_000 });
      // The build's copy of a figure shows before the page's modules have run: wait for the live one.
      await until(page, async () => (await watchAutoStart(), (await bench(page)).liveFigure !== null), 60_000, 100);
      // Figures below the fold are built when the browser is idle (ui/deferred.ts).
      await until(
        page,
        async () => (await watchAutoStart(), (await page.locator(".glimpse-deferred").count()) === 0),
        20_000,
        100,
      );
      run.loadedAt = await now(page);
      run.hooks.tryResult = (await page.locator(".glimpse-try-result").count()) > 0;
      run.hooks.train = (await page.locator("button.glimpse-play").count()) > 0;
      // A try box that answers only when asked (a form): ask as a reader would, until it answers.
      const ask = page.locator("form.glimpse-ask button[type=submit]");
      const asks = (await ask.count()) > 0;
      let asked = 0;
      if (run.hooks.tryResult)
        await until(
          page,
          async () => {
            await watchAutoStart();
            if ((await bench(page)).firstAnswer !== null) return true;
            if (asks && Date.now() - asked >= 250) {
              asked = Date.now();
              await ask.first().click();
            }
            return false;
          },
          60_000,
          100,
        );
      await watchAutoStart();
      return bench(page);
    };
    // First picture and first answer: a reader's first visit, the address without settings, so
    // the pretrained model answers (a seed in the address would start training on load).
    const visit = await meet(`${origin}${path}`);
    run.firstPicture = visit.firstPicture;
    run.liveFigure = visit.liveFigure;
    if (run.hooks.tryResult) run.firstAnswer = visit.firstAnswer;
    run.loadEvent = await page.evaluate(() => performance.getEntriesByType("navigation")[0]?.toJSON().loadEventStart);
    if (await page.evaluate(() => (window as unknown as { __benchType(t: string): boolean }).__benchType("a dog"))) {
      await until(page, async () => (await bench(page)).typedAnswer !== null, 60_000, 50);
      run.typedAnswer = (await bench(page)).typedAnswer;
    }
    if (!run.hooks.train) return run;
    // Training: the seed in the address, in the same context (its files are cached by now).
    autoStart = undefined as typeof autoStart; // (a widening cast: the closure sets it)
    await meet(`${origin}${path}?seed=${seed}`);

    const before = await readStatus(page);
    run.hooks.exactMatch = before?.exactMatch !== undefined;
    run.hooks.compare = before?.compare ?? false;
    if (!run.hooks.tryResult) await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {});
    let pressed: number;
    let runId: number;
    if (autoStart) {
      // Already training: count from the moment the run was first seen, and press nothing.
      run.autoStarted = true;
      pressed = autoStart.t;
      runId = autoStart.runId - 1;
    } else {
      await page.locator("button.glimpse-play").first().click();
      pressed = await now(page);
      runId = before?.runId ?? 0;
    }
    run.pressedAt = pressed;
    let first: { t: number; step: number } | undefined;
    let last: { t: number; step: number } | undefined;
    const seenMatrix = {};
    await until(
      page,
      async () => {
        const s = await readStatus(page);
        const t = await now(page);
        if (!s || s.runId <= runId) return false; // still the pretrained model
        run.lastStatus = { status: s.status, step: s.step, exactMatch: s.exactMatch };
        if (s.status === "training" || s.status === "done") {
          if (!first && s.step > 0) first = { t, step: s.step };
          if (s.step > 0) last = { t, step: s.step };
        }
        if (s.exactMatch !== undefined) {
          if (s.exactMatch >= 0.9) run.to90 ??= t - pressed;
          if (s.exactMatch >= 0.95) run.to95 ??= t - pressed;
        }
        if (run.hooks.compare && s.status === "done" && s.tableFilled) run.verdict ??= t - pressed;
        // Read at every poll: a run's start empties the matrix, so "no matrix" is known only at the end.
        if (!run.hooks.compare && run.matrixReadable == null && s.status !== "starting") {
          const readable = await matrixReadable(page, seenMatrix);
          if (readable !== undefined) run.matrixReadable = readable ? t - pressed : null;
        }
        const ended = ["done", "diverged", "error"].includes(s.status);
        return ended || (run.hooks.exactMatch && !run.hooks.compare && run.to95 != null && run.matrixReadable !== null);
      },
      timeoutS * 1000,
      250,
    );
    if (first && last && last.t > first.t) run.stepsPerSecond = ((last.step - first.step) / (last.t - first.t)) * 1000;
    if (run.hooks.exactMatch) {
      run.to90 ??= null;
      run.to95 ??= null;
    }
    if (run.hooks.compare) run.verdict ??= null;
    const end = await bench(page);
    const from = Math.max(pressed, run.loadedAt ?? 0);
    run.longestTask = Math.max(0, ...end.longTasks.filter((x) => x.start >= from).map((x) => x.duration));
    run.longestFrameScript = Math.max(0, ...end.frames.filter((x) => x.start >= from).map((x) => x.script));
    return run;
  } catch (e) {
    run.error = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return run;
  } finally {
    await context.close().catch(() => {});
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/**
 * One cell: the median over seeds of a wait, where a seed that never got there counts as
 * longer than any that did; "n/a" when the page lacks the hook or the measure.
 */
function cell(
  runs: PageRun[],
  pick: (r: PageRun) => number | null | undefined,
  limitS: number,
  noHook: string,
): string {
  const values = runs.map(pick);
  if (values.every((v) => v === undefined)) return noHook;
  const xs = values.map((v) => (v == null ? Infinity : v));
  const m = median(xs);
  const reached = xs.filter(Number.isFinite).length;
  const note = reached < xs.length ? ` (${reached}/${xs.length} seeds)` : "";
  return Number.isFinite(m) ? `${seconds(m)}${note}` : `not reached in ${limitS} s${note}`;
}

function loadEvents(byPage: Map<string, PageRun[]>): string {
  return [...byPage]
    .map(([page, runs]) => {
      const xs = runs.map((r) => r.loadEvent).filter((x): x is number => x !== undefined);
      return xs.length ? `${page} ${seconds(median(xs))}` : undefined;
    })
    .filter(Boolean)
    .join(", ");
}

function table(byPage: Map<string, PageRun[]>): string {
  const head = [
    "page",
    "first picture",
    "live figure",
    "first answer",
    "typed answer",
    "steps/s",
    "to 90% exact match",
    "to 95% exact match",
    "matrix readable",
    "race verdict",
    "longest task",
    "longest frame script",
  ];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i ? " ---: " : " --- ")).join("|")}|`];
  for (const [page, runs] of byPage) {
    const ok = runs.filter((r) => !r.error);
    if (!ok.length) {
      lines.push(`| ${page} | error: ${runs[0].error} |${" |".repeat(head.length - 2)}`);
      continue;
    }
    const train = ok.some((r) => r.hooks.train);
    const noTrain = "n/a: no Train button";
    const sps = ok.filter((r) => r.stepsPerSecond !== undefined).map((r) => r.stepsPerSecond!);
    const ms = (xs: (number | undefined)[]) => {
      const v = xs.filter((x): x is number => x !== undefined);
      return v.length ? `${Math.round(median(v))} ms` : "n/a";
    };
    const compare = ok.some((r) => r.hooks.compare);
    lines.push(
      `| ${[
        page,
        cell(ok, (r) => r.firstPicture, 60, "n/a"),
        cell(ok, (r) => r.liveFigure, 60, "n/a"),
        cell(ok, (r) => r.firstAnswer, 60, "n/a: no try box"),
        cell(ok, (r) => r.typedAnswer, 60, "n/a: no text box"),
        !train ? noTrain : sps.length ? median(sps).toFixed(1) : "n/a",
        !train
          ? noTrain
          : compare
            ? "n/a: no hook (per-lane figures in the table)"
            : cell(ok, (r) => r.to90, timeoutS, "n/a: no hook"),
        !train
          ? noTrain
          : compare
            ? "n/a: no hook (per-lane figures in the table)"
            : cell(ok, (r) => r.to95, timeoutS, "n/a: no hook"),
        !train ? noTrain : compare ? "n/a: a race" : cell(ok, (r) => r.matrixReadable, timeoutS, "n/a: no matrix"),
        !train ? noTrain : compare ? cell(ok, (r) => r.verdict, timeoutS, "n/a") : "n/a: not a race",
        !train ? noTrain : ms(ok.map((r) => r.longestTask)),
        !train ? noTrain : ms(ok.map((r) => r.longestFrameScript)),
      ].join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  if (!args["no-build"]) {
    progress("building the site (npm run build)");
    const built = spawnSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("npm run build failed");
  } else if (!existsSync(DIST)) throw new Error(`no ${DIST}: run npm run build, or leave out --no-build`);
  const all = listPages(DIST).filter((p) => p !== "/");
  const pages = args.pages ? args.pages.split(",").map((p) => (p.startsWith("/") ? p : `/${p}`)) : all;
  const unknown = pages.filter((p) => !all.includes(p));
  if (unknown.length) throw new Error(`no such page in dist/: ${unknown.join(", ")} (built: ${all.join(", ")})`);

  const server = await startServer(DIST);
  const browser = await launchBrowser();
  const byPage = new Map<string, PageRun[]>();
  try {
    // A reader's browser is already running: the first page a freshly launched Chromium opens
    // pays its start-up too (1.5–2 s more to the first picture here), so open the home page once.
    const warm = await browser.newContext();
    await (await warm.newPage()).goto(`${server.url}/`, { waitUntil: "load" });
    await warm.close();
    for (const path of pages) {
      for (const seed of seeds) {
        progress(`${path} seed ${seed}`);
        const r = await runPage(browser, server.url, path, seed);
        progress(
          `${path} seed ${seed}: ` +
            (r.error
              ? `error: ${r.error}`
              : `picture ${r.firstPicture === null ? "never" : seconds(r.firstPicture)}` +
                `, live ${r.liveFigure == null ? "never" : seconds(r.liveFigure)}` +
                (r.firstAnswer !== undefined
                  ? `, answer ${r.firstAnswer === null ? "never" : seconds(r.firstAnswer)}`
                  : "") +
                (r.typedAnswer !== undefined
                  ? `, typed ${r.typedAnswer === null ? "never" : seconds(r.typedAnswer)}`
                  : "") +
                (r.loadEvent !== undefined ? ` (load event ${seconds(r.loadEvent)})` : "") +
                (r.stepsPerSecond !== undefined ? `, ${r.stepsPerSecond.toFixed(1)} steps/s` : "") +
                (r.to95 !== undefined ? `, 95% ${r.to95 === null ? "not reached" : seconds(r.to95)}` : "") +
                (r.matrixReadable !== undefined
                  ? `, matrix readable ${r.matrixReadable === null ? "not reached" : seconds(r.matrixReadable)}`
                  : "") +
                (r.verdict !== undefined
                  ? `, verdict ${r.verdict === null ? "not reached" : seconds(r.verdict)}`
                  : "") +
                (r.lastStatus ? `; last ${JSON.stringify(r.lastStatus)}` : "")),
        );
        byPage.set(path, [...(byPage.get(path) ?? []), r]);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
  const cpu = os.cpus();
  console.log(`\n## Glimpse pages as a reader meets them`);
  console.log(
    `machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} at the end; ${browser.browserType().name()} ${browser.version()} headless; ` +
      `seeds ${seeds.join(", ")} (medians); timeout ${timeoutS} s per page and seed\n`,
  );
  console.log(table(byPage));
  console.log(
    `\n- load event (first visits, median): ${loadEvents(byPage)}.` +
      `\n- first picture, first answer: from navigation to the first frame that shows them (the first contentful paint, or the next frame after they entered the page), on a first visit (no settings in the address: the pretrained model answers). A figure the build drew into the page (scripts/prerender.ts) counts as shown, when the browser presented it (Element Timing on one of its labels); live figure: the page's own figures have replaced the build's copies (its modules have run).` +
      ` typed answer: the answer to a sentence the bench types ("a dog") once the page has loaded (first answer shown, figures below the fold built).` +
      ` Then the page is opened with ?seed=N and Train is pressed once the first answer is shown (or the page has settled);` +
      ` the training figures count from that press, or, where the address's settings (the seed) started a run as the page loaded, from when that run was first seen. steps/s: between the first and last step seen.` +
      ` matrix readable: where the main picture is an attention matrix, from the press until the live model's matrix has its largest weight on the copied letter in every letter row of the correct reversal (read from the cells' labels).` +
      `\n- longest task: the longest main-thread task (Long Tasks API) while training, once the page has loaded (live figures in, none left to build below the fold); longest frame script: the most script` +
      ` in one long animation frame (Long Animation Frames API), the page's own work even on a busy machine.`,
  );
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (args.json) console.log(JSON.stringify({ seeds, timeoutS, runs: [...byPage.values()].flat() }, null, 1));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
