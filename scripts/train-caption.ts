/**
 * `npm run train -- --task caption [options]`: trains the image captioner in Node with the code
 * the page's worker runs. scripts/train.ts hands over the arguments after choosing the task.
 * With --json, one JSON object per report; the last is the final result, with
 * `attentionCorrectness` and `uniformBaseline` beside `status` and `exactMatch`.
 */
import { parseArgs } from "node:util";
import * as tf from "../src/components/tf.ts";
import { trainCaptioner, type CaptionConfig, type CaptionSnapshot } from "../src/components/train/caption.ts";

export const CAPTION_TASK = "caption";

export const CAPTION_USAGE = `caption options (--task caption; --help with it lists only these):
  --grid N             annotation grid N×N over the 32-pixel image: 1 | 2 | 4 | 8 (default 8)
  --patch N            patch side in pixels, embedded then averaged down to the grid (default 4)
  --shapes N|LO-HI     shapes per scene, 1 to 4 (default 2-3)
  --hidden N           decoder hidden size (default 64)
  --channels N         encoder width (default 32)
  --features N         annotation vector size (default 32)
  --conv-layers N      3×3 convolutions over the grid, 0 to 3 (default 1)
  --positional KIND    positional signal per cell: coordinates | learned | none (default coordinates)
  --hard               hard attention trained with REINFORCE (default soft)
  --steps N (800)  --seed N (1)  --batch N (32)  --lr X (0.005)  --lr-half-life N (0)
  --eval-every N (100)  --test-size N (256)
  --backend NAME       wasm | cpu (default wasm)
  --json               one JSON object per report, the last being the final result`;

const STRING_OPTIONS = [
  ...[
    "task",
    "grid",
    "patch",
    "shapes",
    "hidden",
    "channels",
    "features",
    "conv-layers",
    "positional",
    "steps",
    "seed",
    "batch",
    "lr",
  ],
  ...["lr-half-life", "eval-every", "test-size", "backend"],
];

/** Parses the caption options; `fail` reports a usage error and exits. */
export function captionConfigFromArgs(argv: string[], fail: (message: string) => never): Partial<CaptionConfig> {
  let v;
  try {
    v = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(STRING_OPTIONS.map((k) => [k, { type: "string" as const }])),
        ...Object.fromEntries(["hard", "json", "help"].map((k) => [k, { type: "boolean" as const }])),
      },
    }).values as Record<string, string | boolean | undefined>;
  } catch (e) {
    fail((e as Error).message);
  }
  const num = (flag: string): number | undefined => {
    const value = v[flag] as string | undefined;
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) fail(`--${flag} needs a number (got "${value}")`);
    return n;
  };
  let shapes: Partial<CaptionConfig> = {};
  if (typeof v.shapes === "string") {
    const m = /^(\d+)(?:-(\d+))?$/.exec(v.shapes);
    if (!m) fail(`--shapes needs N or LO-HI (got "${v.shapes}")`);
    shapes = { minShapes: Number(m[1]), maxShapes: Number(m[2] ?? m[1]) };
  }
  const config: Partial<CaptionConfig> = {
    ...shapes,
    grid: num("grid"),
    patch: num("patch"),
    hiddenSize: num("hidden"),
    channels: num("channels"),
    features: num("features"),
    convLayers: num("conv-layers"),
    positional: v.positional as CaptionConfig["positional"] | undefined,
    mode: v.hard ? "hard" : undefined,
    steps: num("steps"),
    seed: num("seed"),
    batchSize: num("batch"),
    learningRate: num("lr"),
    learningRateHalfLife: num("lr-half-life"),
    evalEvery: num("eval-every"),
    testSize: num("test-size"),
  };
  if (config.evalEvery !== undefined) config.reportEvery = config.evalEvery;
  return Object.fromEntries(Object.entries(config).filter(([, x]) => x !== undefined));
}

const pct = (x: number | undefined) => `${((x ?? 0) * 100).toFixed(1)}%`;

/** The snapshot with the caption figures lifted to the top level, for --json readers. */
export const flatten = (s: CaptionSnapshot) => ({
  ...s,
  attentionCorrectness: s.metrics?.attentionCorrectness,
  uniformBaseline: s.metrics?.uniformBaseline,
});

/** Trains and prints; resolves to the process exit code. */
export async function runCaption(config: Partial<CaptionConfig>, json: boolean): Promise<number> {
  let last: CaptionSnapshot | undefined;
  for await (const s of trainCaptioner(config)) {
    last = s;
    if (json) {
      console.log(JSON.stringify(flatten(s)));
      continue;
    }
    const probe = s.probe
      ? `  ${JSON.stringify(s.probe.target.join(" "))} → ${JSON.stringify(s.probe.words.join(" "))}`
      : "";
    console.log(
      `step ${String(s.step).padStart(5)}  loss ${s.loss.toFixed(4)}  words ${pct(s.tokenAccuracy)}  exact ${pct(s.exactMatch)}  ` +
        `attention ${pct(s.metrics?.attentionCorrectness)} (uniform ${pct(s.metrics?.uniformBaseline)})  ` +
        `${s.stepsPerSecond.toFixed(1)} steps/s${probe}`,
    );
  }
  if (last && !json) {
    console.log(
      `\n${last.status} after ${last.step} steps in ${(last.elapsedMs / 1000).toFixed(1)} s on ${last.backend}`,
    );
    if (last.reason) console.log(last.reason);
    console.log(`parameters: ${last.parameterCount}; chance exact match ${pct(last.metrics?.chanceExactMatch)}`);
    for (const b of last.exactMatchByLength)
      console.log(`  ${b.length} shapes: ${pct(b.accuracy)} exact of ${b.count}`);
  }
  return last?.status === "diverged" ? 1 : 0;
}

/** The whole `--task caption` command line: parse, start the backend, train, exit. */
export async function captionCli(argv: string[], fail: (message: string) => never): Promise<never> {
  const config = captionConfigFromArgs(argv, fail);
  if (argv.includes("--help")) {
    console.log(CAPTION_USAGE);
    process.exit(0);
  }
  const at = argv.indexOf("--backend");
  const backend = at >= 0 ? argv[at + 1] : "wasm";
  if (backend !== "wasm" && backend !== "cpu") fail(`unknown backend "${backend}" (Node runs wasm or cpu)`);
  if (backend === "wasm") await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js");
  if (!(await tf.setBackend(backend))) fail(`backend ${backend} failed to start`);
  await tf.ready();
  try {
    process.exit(await runCaption(config, argv.includes("--json")));
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exit(2);
  }
}
