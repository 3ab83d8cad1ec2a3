/**
 * `npm run bench:ab -- DIST_A DIST_B [options]`: two builds of the site compared on one live
 * page, in turns (A, B, A, B, …) so that both meet the same machine load. On a shared 2-core
 * machine the load moves a bench's figures by more than many changes are worth; alternating
 * makes a before/after comparison fair. Each turn opens the page in a fresh browser, presses
 * Train once the page has settled and reads the trainer's status (`.glimpse-train-status`)
 * for `--seconds`: the step reached, or the time at which the run was done (a race's verdict).
 * Prints each turn and the medians. Asserts nothing.
 *
 * Make the "before" build from a commit, e.g. `git stash && npm run build && cp -r dist
 * /tmp/dist-a && git stash pop && npm run build`, then `npm run bench:ab -- /tmp/dist-a dist`.
 */
import { parseArgs } from "node:util";
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
}

async function turn(url: string): Promise<Turn> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForSelector("button.glimpse-play");
    await page.waitForLoadState("networkidle");
    await page.locator("button.glimpse-play").first().click();
    const pressed = Date.now();
    let step = 0;
    while (Date.now() - pressed < seconds * 1000) {
      await page.waitForTimeout(500);
      const status = page.locator(".glimpse-train-status").first();
      if ((await status.getAttribute("data-status")) === "done") return { doneAfter: (Date.now() - pressed) / 1000 };
      step = Number((await status.getAttribute("data-step")) ?? 0);
    }
    return { step };
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
        `${dirs[i]} turn ${r + 1}: ${t.doneAfter ? `done after ${t.doneAfter.toFixed(0)} s` : `step ${t.step}`}`,
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
  ].filter(Boolean);
  console.log(`  ${dirs[i]}: ${parts.join("; ")}`);
}
