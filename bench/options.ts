/**
 * Bench settings from the command line (or BENCH_* environment variables, for CI), with the
 * sizes PERFORMANCE.md's benchmark design asks for as defaults. The `MeasureSpec` part is plain
 * JSON: Node hands the very same object to the browser page, so both run identical work.
 */
import { parseArgs } from "node:util";
import type { AttentionKind } from "../src/components/model/config.ts";
import { DEFAULT_TRANSFORMER_TRAIN as T } from "../src/components/train/transformer.ts";
import type { MeasureSpec } from "./spec.ts";

export interface BenchOptions {
  spec: MeasureSpec;
  /** Timed steps on the cpu backend, which is several times slower than the others. */
  cpuSteps: number;
  where: { node: boolean; browser: boolean };
  /** Backends to try; the rest are left out of the table. */
  backends: string[];
  timeTo99: false | { stepCap: number; secondsCap: number };
  json: boolean;
}

export const USAGE = `usage: npm run bench -- [options]        (each option also reads BENCH_<NAME>, e.g. BENCH_BATCH=64)
  --quick              fewer steps, no time-to-99% run (a couple of minutes)
  --batch N            batch size B (default 32)
  --hidden N           hidden size H (default 64)
  --embedding N        embedding size E (default 16)
  --max-length N       longest reverse-words input in characters (default 20)
  --attention LIST     our model's attention kinds, comma-separated (default none,additive,dot)
  --heads N            the Transformer row: attention heads (default ${T.heads})
  --layers N           the Transformer row: encoder and decoder layers (default ${T.layers})
  --model-size N       the Transformer row: d_model (default ${T.modelSize}; d_ff scales with it, default ${T.ffnSize})
  --no-transformer     leave the Transformer row out
  --steps N            timed steps per model after warm-up (default 10; quick 4)
  --warmup N           warm-up steps per model (default 2; quick 1)
  --cpu-steps N        timed steps on the cpu backend (default 4; quick 2)
  --backends LIST      any of webgl,wasm,cpu (default all)
  --no-node            skip the Node runs
  --no-browser         skip the headless Chromium runs
  --no-99              skip the time-to-99% run
  --step-cap N         time-to-99%: stop after N steps (default 1500)
  --time-cap S         time-to-99%: stop after S seconds of wall time (default 180)
  --json               also print every figure as one JSON object
  --help`;

const FLAGS = {
  quick: { type: "boolean" },
  batch: { type: "string" },
  hidden: { type: "string" },
  embedding: { type: "string" },
  "max-length": { type: "string" },
  attention: { type: "string" },
  heads: { type: "string" },
  layers: { type: "string" },
  "model-size": { type: "string" },
  "no-transformer": { type: "boolean" },
  steps: { type: "string" },
  warmup: { type: "string" },
  "cpu-steps": { type: "string" },
  backends: { type: "string" },
  "no-node": { type: "boolean" },
  "no-browser": { type: "boolean" },
  "no-99": { type: "boolean" },
  "step-cap": { type: "string" },
  "time-cap": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean" },
} as const;

type Flag = keyof typeof FLAGS;
const envName = (flag: string) => `BENCH_${flag.toUpperCase().replace(/-/g, "_")}`;

export class UsageError extends Error {}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const values = parsed as Partial<Record<Flag, string | boolean>>;
  // A flag wins over its environment variable; "1"/"true" switch a boolean on.
  const get = (flag: Flag): string | boolean | undefined => values[flag] ?? env[envName(flag)];
  const bool = (flag: Flag) => {
    const v = get(flag);
    return v === true || v === "1" || v === "true";
  };
  const int = (flag: Flag, fallback: number, min = 1) => {
    const v = get(flag);
    if (v === undefined || typeof v === "boolean") return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} needs a whole number ≥ ${min} (got "${v}")`);
    return n;
  };
  const list = (flag: Flag, fallback: string[], allowed: readonly string[]) => {
    const v = get(flag);
    if (typeof v !== "string") return fallback;
    const items = v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = items.filter((s) => !allowed.includes(s));
    if (bad.length || !items.length) throw new UsageError(`--${flag}: choose from ${allowed.join(", ")} (got "${v}")`);
    return items;
  };
  if (bool("help")) return "help";

  const quick = bool("quick");
  const attentions = list(
    "attention",
    ["none", "additive", "dot"],
    ["none", "additive", "dot", "general", "concat", "scaled-dot"],
  );
  return {
    spec: {
      batchSize: int("batch", 32),
      hiddenSize: int("hidden", 64),
      embeddingSize: int("embedding", 16),
      maxLength: int("max-length", 20, 3),
      attentions: attentions as AttentionKind[],
      transformer: bool("no-transformer")
        ? false
        : {
            modelSize: int("model-size", T.modelSize),
            heads: int("heads", T.heads),
            layers: int("layers", T.layers),
            ffnSize: Math.round((T.ffnSize / T.modelSize) * int("model-size", T.modelSize)),
            norm: T.norm,
          },
      warmup: int("warmup", quick ? 1 : 2, 0),
      steps: int("steps", quick ? 4 : 10),
      matmulRuns: quick ? 3 : 5,
    },
    cpuSteps: int("cpu-steps", quick ? 2 : 4),
    where: { node: !bool("no-node"), browser: !bool("no-browser") },
    backends: list("backends", ["webgl", "wasm", "cpu"], ["webgl", "wasm", "cpu"]),
    timeTo99: quick || bool("no-99") ? false : { stepCap: int("step-cap", 1500), secondsCap: int("time-cap", 180) },
    json: bool("json"),
  };
}
