/**
 * Trains a model in Node and prints its progress:
 *   npm run train -- --task reverse-words --attention additive --steps 600 --seed 1 --max-length 20
 * With --json, one JSON object per evaluation line, the last being the final result.
 */
import { parseArgs } from "node:util";
import * as tf from "../src/components/tf.ts";
import { ATTENTION_KINDS } from "../src/components/model/index.ts";
import { TASK_NAMES } from "../src/components/tasks/index.ts";
import { train, type TrainConfig, type TrainSnapshot } from "../src/components/train/index.ts";
import { STORY_TASK, STORY_USAGE, trainStoryCli } from "./train-story.ts";

const USAGE = `usage: npm run train -- [options]
  --task NAME          ${[...TASK_NAMES, STORY_TASK].join(" | ")} (default reverse-words)
  --attention KIND     ${ATTENTION_KINDS.join(" | ")} (default additive)
  --hard               hard attention trained with REINFORCE (default soft)
  --steps N            training steps (default 600)
  --seed N             seed for data and weights (default 1)
  --min-length N       shortest input in characters (default 3)
  --max-length N       longest input in characters (default 20)
  --hidden N           hidden size (default 64)
  --embedding N        embedding size (default 16)
  --batch N            batch size (default 32)
  --lr X               learning rate (default 0.01)
  --lr-half-life N     halve the learning rate every N steps (default 0: constant)
  --temperature X      soft attention sharpness τ in softmax(e/τ) (default 1)
  --window N           local attention: look at positions t-N … t+N only (default 0: global)
  --bidirectional      bidirectional encoder
  --input-feeding      Luong input feeding
  --reverse-source     feed the source reversed
  --double-source      feed the source twice
  --eval-every N       evaluate every N steps (default 50)
  --backend NAME       wasm | cpu (default wasm)
  --json               one JSON object per evaluation line
  --help

${STORY_USAGE}`;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) fail(`--${flag} needs a number (got "${value}")`);
  return n;
}

// The story reader has its own options: hand the whole command line over to it.
const taskAt = process.argv.findIndex((a) => a === "--task" || a.startsWith("--task="));
const taskArg = process.argv[taskAt]?.includes("=") ? process.argv[taskAt].split("=")[1] : process.argv[taskAt + 1];
if (taskAt >= 0 && taskArg === STORY_TASK && !process.argv.includes("--help")) {
  process.exit(await trainStoryCli(process.argv.slice(2), USAGE));
}

let args;
try {
  args = parseArgs({
    strict: true,
    allowPositionals: false,
    options: {
      task: { type: "string" },
      attention: { type: "string" },
      hard: { type: "boolean" },
      steps: { type: "string" },
      seed: { type: "string" },
      "min-length": { type: "string" },
      "max-length": { type: "string" },
      hidden: { type: "string" },
      embedding: { type: "string" },
      batch: { type: "string" },
      lr: { type: "string" },
      "lr-half-life": { type: "string" },
      temperature: { type: "string" },
      window: { type: "string" },
      bidirectional: { type: "boolean" },
      "input-feeding": { type: "boolean" },
      "reverse-source": { type: "boolean" },
      "double-source": { type: "boolean" },
      "eval-every": { type: "string" },
      backend: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean" },
    },
  }).values;
} catch (e) {
  fail((e as Error).message);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.task && !(TASK_NAMES as readonly string[]).includes(args.task)) fail(`unknown task "${args.task}"`);
if (args.attention && !(ATTENTION_KINDS as readonly string[]).includes(args.attention)) {
  fail(`unknown attention "${args.attention}"`);
}
const backend = args.backend ?? "wasm";
if (backend !== "wasm" && backend !== "cpu") fail(`unknown backend "${backend}" (Node runs wasm or cpu)`);

const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const config: Partial<TrainConfig> = defined({
  task: args.task as TrainConfig["task"] | undefined,
  attention: args.attention as TrainConfig["attention"] | undefined,
  mode: args.hard ? "hard" : undefined,
  steps: number("steps", args.steps),
  seed: number("seed", args.seed),
  minLength: number("min-length", args["min-length"]),
  maxLength: number("max-length", args["max-length"]),
  hiddenSize: number("hidden", args.hidden),
  embeddingSize: number("embedding", args.embedding),
  batchSize: number("batch", args.batch),
  learningRate: number("lr", args.lr),
  learningRateHalfLife: number("lr-half-life", args["lr-half-life"]),
  temperature: number("temperature", args.temperature),
  window: number("window", args.window),
  bidirectional: args.bidirectional,
  inputFeeding: args["input-feeding"],
  reverseSource: args["reverse-source"],
  doubleSource: args["double-source"],
  evalEvery: number("eval-every", args["eval-every"]),
});
config.reportEvery = config.evalEvery ?? 50;

if (backend === "wasm") await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.js");
if (!(await tf.setBackend(backend))) fail(`backend ${backend} failed to start`);
await tf.ready();

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function line(s: TrainSnapshot): string {
  const probe = s.probe ? `  ${JSON.stringify(s.probe.source)} → ${JSON.stringify(s.probe.output)}` : "";
  return (
    `step ${String(s.step).padStart(5)}  loss ${s.loss.toFixed(4)}  tokens ${pct(s.tokenAccuracy)}  ` +
    `exact ${pct(s.exactMatch)}  ${s.stepsPerSecond.toFixed(1)} steps/s${probe}`
  );
}

try {
  let last: TrainSnapshot | undefined;
  for await (const s of train(config)) {
    last = s;
    if (args.json) console.log(JSON.stringify(s));
    else console.log(line(s));
  }
  if (last && !args.json) {
    console.log(
      `\n${last.status} after ${last.step} steps in ${(last.elapsedMs / 1000).toFixed(1)} s on ${last.backend}`,
    );
    if (last.reason) console.log(last.reason);
    console.log(`parameters: ${last.parameterCount}`);
    console.log("exact match by input length:");
    for (const b of last.exactMatchByLength)
      console.log(`  ${String(b.length).padStart(3)}: ${pct(b.accuracy)} of ${b.count}`);
  }
  process.exit(last?.status === "diverged" ? 1 : 0);
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exit(2);
}
