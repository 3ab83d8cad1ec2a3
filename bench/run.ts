/**
 * `npm run bench [-- --quick]`: training-step cost of our model and of its tf.layers twin on
 * every backend that works, in Node (wasm, cpu) and in headless Chromium (webgl, wasm, cpu),
 * then time to 99% exact match on the fastest. Prints figures; asserts nothing about time.
 * Progress goes to stderr, the results to stdout.
 */
import { version as esbuildVersion } from "esbuild";
import { createRequire } from "node:module";
import os from "node:os";
import * as tf from "../src/components/tf.ts";
import { DEFAULT_TRAIN } from "../src/components/train/config.ts";
import { openBrowserBench, type BrowserSession } from "./browser.ts";
import { measureNode, NODE_BACKENDS, timeTo99Node } from "./node.ts";
import { parseOptions, UsageError, USAGE, type BenchOptions } from "./options.ts";
import { formatFootnotes, formatTable, formatTimeTo99 } from "./table.ts";
import type { BackendReport, TimeTo99Result, TimeTo99Spec } from "./spec.ts";

const BROWSER_BACKENDS = ["webgl", "wasm", "cpu"];
// Generous: a hung page must not hang the bench, but SwiftShader WebGL is slow.
const MEASURE_TIMEOUT_MS = 8 * 60_000;

const started = performance.now();
const progress = (line: string) =>
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function options(): BenchOptions {
  try {
    const parsed = parseOptions(process.argv.slice(2));
    if (parsed === "help") {
      console.log(USAGE);
      process.exit(0);
    }
    return parsed;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`error: ${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
}

/** The backend where our model (the trainer's default attention, else any kind) steps fastest. */
function fastest(reports: BackendReport[], attention: string): BackendReport | undefined {
  const ms = (r: BackendReport) =>
    (
      r.rows.find((x) => x.model === `ours ${attention}` && !x.error) ??
      r.rows.find((x) => x.model.startsWith("ours") && !x.error)
    )?.msPerStep ?? Infinity;
  const ok = reports.filter((r) => !r.error && Number.isFinite(ms(r)));
  return ok.sort((a, b) => ms(a) - ms(b))[0];
}

async function main(): Promise<void> {
  const opts = options();
  const { spec } = opts;
  const cpuSpec = { ...spec, steps: opts.cpuSteps, warmup: Math.min(spec.warmup, 1), matmulRuns: 2 };
  const specFor = (backend: string) => (backend === "cpu" ? cpuSpec : spec);
  const reports: BackendReport[] = [];
  let browserVersion = "chromium not run";
  let session: BrowserSession | undefined;

  if (opts.where.node) {
    for (const backend of NODE_BACKENDS.filter((b) => opts.backends.includes(b))) {
      progress(`node/${backend}: measuring`);
      reports.push(await measureNode(backend, specFor(backend), progress));
    }
  }
  const browserBackends = BROWSER_BACKENDS.filter((b) => opts.backends.includes(b));
  if (opts.where.browser && browserBackends.length) {
    try {
      progress("chromium: bundling the bench page and starting the browser");
      session = await openBrowserBench(progress);
      browserVersion = session.version;
    } catch (e) {
      browserVersion = `chromium failed: ${message(e)}`;
      for (const backend of browserBackends) reports.push({ where: "chromium", backend, error: message(e), rows: [] });
    }
    for (const backend of session ? browserBackends : []) {
      progress(`chromium/${backend}: measuring`);
      reports.push(await session!.measure(backend, specFor(backend), MEASURE_TIMEOUT_MS));
    }
  }

  let accuracy: TimeTo99Result | undefined;
  let accuracySpec: TimeTo99Spec | undefined;
  if (opts.timeTo99) {
    accuracySpec = { maxLength: spec.maxLength, target: 0.99, evalEvery: 25, ...opts.timeTo99 };
    const best = fastest(reports, DEFAULT_TRAIN.attention);
    if (best) {
      progress(`time to 99%: training on the fastest backend, ${best.where}/${best.backend}`);
      try {
        accuracy =
          best.where === "node"
            ? await timeTo99Node(best.backend, accuracySpec, progress)
            : await session!.timeTo99(best.backend, accuracySpec, (accuracySpec.secondsCap + 180) * 1000);
      } catch (e) {
        const error = message(e);
        accuracy = {
          where: best.where,
          backend: best.backend,
          attention: DEFAULT_TRAIN.attention,
          reached: false,
          stop: error,
          step: 0,
          best: { exactMatch: 0, step: 0 },
          exactMatch: 0,
          tokenAccuracy: 0,
          seconds: 0,
          trainSeconds: 0,
          error,
        };
      }
    }
  }
  await session?.close();

  const cpu = os.cpus();
  const require = createRequire(import.meta.url);
  console.log(`\n## Glimpse training-step bench`);
  console.log(
    `machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()} ${os.arch()}, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `versions: node ${process.version}, tfjs ${tf.version.tfjs}, ${browserVersion}, playwright-core ${require("playwright-core/package.json").version}, esbuild ${esbuildVersion}`,
  );
  console.log(
    `workload: reverse-words up to ${spec.maxLength} chars, B=${spec.batchSize}, H=${spec.hiddenSize}, E=${spec.embeddingSize}; ` +
      `${spec.warmup} warm-up + ${spec.steps} timed steps (cpu: ${cpuSpec.warmup} + ${cpuSpec.steps})\n`,
  );
  console.log(formatTable(reports));
  console.log("");
  for (const note of formatFootnotes(reports)) console.log(`- ${note}`);
  console.log("");
  if (!opts.timeTo99) console.log("Time to 99% exact match: skipped (--quick or --no-99).");
  else if (!accuracy) console.log("Time to 99% exact match: skipped, no backend worked.");
  else console.log(formatTimeTo99(accuracy, accuracySpec!.target));
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (opts.json) console.log(JSON.stringify({ spec, cpuSpec, reports, timeTo99: accuracy }, null, 1));
}

main().then(
  // The wasm backend and the trainer may leave timers or handles behind: leave on purpose.
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
