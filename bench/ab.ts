/**
 * `npm run bench:ab -- DIST_A DIST_B [options]`: two builds of the site compared on one live
 * page, in turns (A, B, A, B, …) so that both meet the same machine load. On a shared 2-core
 * machine the load moves a bench's figures by more than many changes are worth; alternating
 * makes a before/after comparison fair. Each turn opens the page in a fresh browser, presses
 * Train once the page has settled and reads the trainer's status (`.glimpse-train-status`)
 * for `--seconds`: the step reached, or the time at which the run was done (a race's verdict),
 * and the main thread's long tasks from the press on (Long Tasks API: the longest, and how
 * many passed 50 ms). Prints each turn and the medians. Asserts nothing.
 *
 * Make the "before" build from a commit, e.g. `git stash && npm run build && cp -r dist
 * /tmp/dist-a && git stash pop && npm run build`, then `npm run bench:ab -- /tmp/dist-a dist`.
 */
import { parseArgs } from "node:util";
import { recordFrames, type FrameWork } from "../test/browser/compare-live.ts";
import { launchBrowser } from "../test/browser/harness.ts";
import { startServer } from "../test/browser/server.ts";

const USAGE = `usage: npm run bench:ab -- DIST_A DIST_B [options]
  --page PATH      the live page (default /soft-vs-hard)
  --rounds N       turns per build (default 3)
  --seconds S      how long to follow training after pressing Train (default 45)`;

const { values: args, positionals: dirs } = parseArgs({
  allowPositionals: true,
  options: {
    page: { type: "string", default: "/soft-vs-hard" },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "45" },
    help: { type: "boolean" },
  },
});
const rounds = Number(args.rounds);
const seconds = Number(args.seconds);
if (args.help || dirs.length !== 2 || !(rounds >= 1) || !(seconds > 0)) {
  console.log(USAGE);
  process.exit(args.help ? 0 : 2);
}

interface Turn {
  /** Step reached after `seconds`, or undefined when the run was done sooner. */
  step?: number;
  /** Seconds from the press until the run was done. */
  doneAfter?: number;
  /** The longest main-thread task after the press (ms), and how many were over 50 ms. */
  longestTask: number;
  longTasks: number;
  /** When the longest task began (s after the press) and the scripts of its animation frame. */
  longestWhat?: string;
}

async function turn(url: string): Promise<Turn> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(recordFrames);
    await page.goto(url, { waitUntil: "load" });
    await page.waitForSelector("button.glimpse-play");
    await page.waitForLoadState("networkidle");
    await page.locator("button.glimpse-play").first().click();
    const pressed = Date.now();
    const pressedAt = await page.evaluate(() => performance.now());
    const tasks = async () => {
      const all = (await page.evaluate("window.__longTasks")) as { start: number; duration: number }[];
      const frames = (await page.evaluate("window.__frames")) as FrameWork[];
      const after = all.filter((t) => t.start >= pressedAt).sort((a, b) => b.duration - a.duration);
      const top = after[0];
      const frame = top && frames.find((f) => f.start <= top.start + 1 && f.end >= top.start + top.duration - 1);
      const at = top && `at ${((top.start - pressedAt) / 1000).toFixed(1)} s`;
      return {
        longestTask: Math.round(top?.duration ?? 0),
        longTasks: after.length,
        longestWhat: top && `${at}: ${frame?.scripts.join(", ") || "no script (rendering or garbage collection)"}`,
      };
    };
    let step = 0;
    while (Date.now() - pressed < seconds * 1000) {
      await page.waitForTimeout(500);
      const status = page.locator(".glimpse-train-status").first();
      if ((await status.getAttribute("data-status")) === "done")
        return { doneAfter: (Date.now() - pressed) / 1000, ...(await tasks()) };
      step = Number((await status.getAttribute("data-step")) ?? 0);
    }
    return { step, ...(await tasks()) };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length / 2;
  return Number.isInteger(mid) ? (s[mid - 1] + s[mid]) / 2 : s[Math.floor(mid)];
};
const servers = await Promise.all(dirs.map((d) => startServer(d)));
const turns: Turn[][] = dirs.map(() => []);
try {
  for (let r = 0; r < rounds; r++) {
    for (const [i, server] of servers.entries()) {
      const t = await turn(`${server.url}${args.page}`);
      turns[i].push(t);
      console.log(
        `${dirs[i]} turn ${r + 1}: ${t.doneAfter ? `done after ${t.doneAfter.toFixed(0)} s` : `step ${t.step}`}, ` +
          `longest task ${t.longestTask} ms${t.longestWhat ? ` (${t.longestWhat})` : ""}, ${t.longTasks} over 50 ms`,
      );
    }
  }
} finally {
  for (const s of servers) await s.close();
}
console.log(`\n${args.page}, ${rounds} turns each, ${seconds} s after pressing Train (medians):`);
for (const [i, ts] of turns.entries()) {
  const done = ts.filter((t) => t.doneAfter !== undefined).map((t) => t.doneAfter!);
  const steps = ts.filter((t) => t.step !== undefined).map((t) => t.step!);
  const parts = [
    steps.length ? `step ${median(steps)} reached (${steps.length} turns)` : "",
    done.length ? `done after ${median(done).toFixed(0)} s (${done.length} turns)` : "",
    `longest task ${median(ts.map((t) => t.longestTask))} ms, ${median(ts.map((t) => t.longTasks))} over 50 ms`,
  ].filter(Boolean);
  console.log(`  ${dirs[i]}: ${parts.join("; ")}`);
}
