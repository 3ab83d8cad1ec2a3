/**
 * `npm run bench:profile [-- --attention additive --steps 10]`: where a training step's time
 * goes, in Node-wasm and in a Chromium-wasm page, from the V8 sampling profiler (Node's
 * inspector and Chromium's DevTools protocol give the same profile format). Prints the
 * functions with the most self time and the share of time by script, side by side, so a
 * per-kernel cost that only the browser pays shows as a row only the browser has.
 */
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import * as tf from "../src/components/tf.ts";
import type { AttentionKind } from "../src/components/model/config.ts";
import { useLeanEngine } from "../src/components/lean-engine.ts";
import { useLeanWasmKernels } from "../src/components/wasm-kernels.ts";
import { buildPage, OUT_DIR } from "./browser.ts";
import { launchBrowser } from "../test/browser/harness.ts";
import { startServer } from "../test/browser/server.ts";
import type { BrowserBenchApi } from "./browser-entry.ts";
import { stepLoop, type StepLoopResult } from "./measure.ts";
import type { MeasureSpec } from "./spec.ts";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const { values: args } = parseArgs({
  options: {
    attention: { type: "string", default: "additive" },
    steps: { type: "string", default: "10" },
    warmup: { type: "string", default: "4" },
    top: { type: "string", default: "25" },
    "no-node": { type: "boolean" },
    "no-browser": { type: "boolean" },
    // The tfjs wasm backend's own Slice/Unpack/SplitV instead of src/components/wasm-kernels.ts.
    stock: { type: "boolean" },
  },
});
const spec: MeasureSpec = {
  batchSize: 32,
  hiddenSize: 64,
  embeddingSize: 16,
  maxLength: 20,
  attentions: [args.attention as AttentionKind],
  warmup: Number(args.warmup),
  steps: Number(args.steps),
  matmulRuns: 1,
  transformer: false,
};

const file = (url: string) => url.split("/").pop()?.split("?")[0] || url || "(native)";

/** Self time (ms) per function and per script file, from the profile's samples. */
export function selfTimes(p: CpuProfile): {
  byFunction: Map<string, number>;
  byFile: Map<string, number>;
  total: number;
} {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const f = byId.get(p.samples[i])!.callFrame;
    const name = `${f.functionName || "(anonymous)"} ${file(f.url)}:${f.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const where = f.url ? file(f.url) : f.functionName.startsWith("(") ? f.functionName : "(native)";
    byFile.set(where, (byFile.get(where) ?? 0) + ms);
    total += ms;
  }
  return { byFunction, byFile, total };
}

/** Self time of `fn` (a function name) split by its callers, `depth` frames up. */
export function callers(p: CpuProfile, fn: string, depth = 3): Map<string, number> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i])!;
    if (node.callFrame.functionName !== fn) continue;
    const chain: string[] = [];
    for (let id = parent.get(node.id), k = 0; id !== undefined && k < depth; id = parent.get(id), k++) {
      const f = byId.get(id)!.callFrame;
      chain.push(`${f.functionName || "(anonymous)"}:${f.lineNumber + 1}`);
    }
    const key = chain.join(" < ");
    out.set(key, (out.get(key) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return out;
}

/** CPU time per step, unprofiled: on a busy machine wall time counts other processes' turns, CPU time does not. */
type CpuPerStep = { processMs: number; threadMs?: number; wallMs: number };

function report(where: string, r: StepLoopResult, p: CpuProfile, top: number, cpu: CpuPerStep): void {
  const { byFunction, byFile, total } = selfTimes(p);
  const perStep = (ms: number) => (ms / spec.steps).toFixed(2).padStart(8);
  console.log(
    `\n## ${where}${args.stock ? " (stock kernels)" : ""}: ours ${args.attention}, ${r.kernelsPerStep} kernels/step, median ${r.msPerStep.toFixed(1)} ms/step`,
  );
  console.log(
    `unprofiled: ${cpu.wallMs.toFixed(1)} ms/step wall, ${cpu.processMs.toFixed(1)} ms/step CPU of the process` +
      (cpu.threadMs !== undefined ? `, ${cpu.threadMs.toFixed(1)} of its main thread` : "") +
      ` (${((cpu.processMs * 1000) / r.kernelsPerStep).toFixed(1)} µs CPU per kernel)`,
  );
  console.log(
    `profiled ${total.toFixed(0)} ms over ${spec.steps} steps (${(((total / spec.steps) * 1000) / r.kernelsPerStep).toFixed(1)} µs per kernel)\n`,
  );
  console.log("self ms/step  by script");
  for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${perStep(v)}  ${k}`);
  console.log("\nself ms/step  by function");
  const ranked = [...byFunction].sort((a, b) => b[1] - a[1]);
  for (const [k, v] of ranked.slice(0, top)) console.log(`${perStep(v)}  ${k}`);
  // Who calls the JavaScript function with the most self time (the one a fix would target).
  const hottest = ranked.find(([k]) => !k.startsWith("(") && !k.startsWith("wasm-function"));
  if (!hottest) return;
  const fn = hottest[0].split(" ")[0];
  console.log(`\nself ms/step  of ${fn}, by caller`);
  for (const [k, v] of [...callers(p, fn)].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`${perStep(v)}  ${k}`);
}

async function profileNode(): Promise<void> {
  await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js");
  if (!args.stock) {
    useLeanWasmKernels();
    useLeanEngine();
  }
  await tf.setBackend("wasm");
  await tf.ready();
  await stepLoop(spec, args.attention as AttentionKind, spec.warmup, 2); // same warm-up as the page
  const c0 = process.cpuUsage();
  const unprofiled = await stepLoop(spec, args.attention as AttentionKind, 0, spec.steps);
  const c1 = process.cpuUsage(c0);
  // stepLoop runs one more step (tf.profile's) after the timed ones.
  const cpu = { processMs: (c1.user + c1.system) / 1000 / (spec.steps + 1), wallMs: unprofiled.msPerStep };
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  const r = await stepLoop(spec, args.attention as AttentionKind, 0, spec.steps);
  const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: CpuProfile };
  session.disconnect();
  report("node/wasm", r, profile, Number(args.top), cpu);
}

async function profileBrowser(): Promise<void> {
  await buildPage();
  const server = await startServer(OUT_DIR);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/${args.stock ? "?stock-wasm" : ""}`);
    await page.waitForFunction(() => "glimpseBench" in globalThis);
    type Api = { glimpseBench: BrowserBenchApi };
    const run = (warmup: number, steps: number) =>
      page.evaluate(([s, a, w, n]) => (globalThis as unknown as Api).glimpseBench.stepLoop("wasm", s, a, w, n), [
        spec,
        args.attention as AttentionKind,
        warmup,
        steps,
      ] as const);
    await run(spec.warmup, 2);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const metrics = async () =>
      Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
    const m0 = await metrics();
    const unprofiled = await run(0, spec.steps);
    const m1 = await metrics();
    const per = (name: string) => ((m1[name] - m0[name]) * 1000) / (spec.steps + 1);
    const cpu = { processMs: per("ProcessTime"), threadMs: per("ThreadTime"), wallMs: unprofiled.msPerStep };
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await cdp.send("Profiler.start");
    const r = await run(0, spec.steps);
    const { profile } = await cdp.send("Profiler.stop");
    report("chromium/wasm", r, profile as unknown as CpuProfile, Number(args.top), cpu);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (!args["no-node"]) await profileNode();
if (!args["no-browser"]) await profileBrowser();
process.exit(0);
