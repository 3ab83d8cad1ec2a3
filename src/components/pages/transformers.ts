// The "From attention to Transformers" page's spec: a small Transformer trained live on the
// task the reader knows (reverse each word), its positional-encoding switch, and the race on
// the same data and seed against the GRU with additive attention (Bahdanau et al. 2015).
// DOM-free; scripts/make-transformer-snapshot.ts trains exactly these defaults.
import type { TrainConfig } from "../train/config.js";
import type { TransformerTrainConfig } from "../train/transformer.js";
import type { TransformerStart } from "../train/transformer-race-report.js";
import type { PositionKind } from "../model/transformer/index.js";
import type { PageSpec, Settings } from "./spec.js";

/**
 * Small enough to learn in a browser in a few hundred steps. Measured on reverse-words of 3–12
 * characters, seed 1, d 32, 1 layer, 2 heads, d_ff 64, pre-norm (exact match at steps 100…500):
 *   rate 0.01, warm-up 50, constant:        20, 52, 70, 76, 78%
 *   rate 0.02, warm-up 30, constant:        21, 48, 63, 67%
 *   rate 0.02, warm-up 50, half-life 200:   21, 57, 75, 88, 94%   (these defaults)
 *   (2 layers, 4 heads, rate 0.01: 27, 56% at 100, 200; d 64, 4 heads: 23, 64%: no faster per step)
 * `npm run train -- --model transformer --max-length 12 --hidden 32 --layers 1 --heads 2 --ffn 64
 *  --lr 0.02 --warmup 50 --lr-half-life 200 --steps 500`. Inputs of 3–12 characters, so the
 * probe is "the cat sat" (11), not the other pages' 22-character sentence.
 */
export const TRANSFORMER_PAGE_DEFAULTS: Partial<TransformerTrainConfig> = {
  task: "reverse-words",
  minLength: 3,
  maxLength: 12,
  seed: 1,
  modelSize: 32,
  heads: 2,
  layers: 1,
  ffnSize: 64,
  positions: "sinusoidal",
  norm: "pre",
  batchSize: 32,
  learningRate: 0.02,
  learningRateWarmup: 50,
  learningRateHalfLife: 200,
  clipNorm: 1,
  steps: 500,
  reportEvery: 10,
  evalEvery: 50,
  stopAtExactMatch: 1.1,
  probe: "the cat sat",
};

/** The race's other runner: the Attention page's model (bidirectional GRU, additive attention) on the same data. */
export function raceGruConfig(t: Partial<TransformerTrainConfig>): Partial<TrainConfig> {
  return {
    task: t.task,
    minLength: t.minLength,
    maxLength: t.maxLength,
    seed: t.seed,
    probe: t.probe,
    batchSize: t.batchSize,
    steps: t.steps,
    reportEvery: t.reportEvery,
    evalEvery: t.evalEvery,
    hiddenSize: 32,
    embeddingSize: 16,
    attention: "additive",
    bidirectional: true,
    learningRate: 0.02,
  };
}

/** The race's time cap per runner. */
export const RACE_CAP_MS = 180_000;

export const POSITION_OPTIONS: readonly { value: PositionKind; label: string }[] = [
  { value: "sinusoidal", label: "sinusoidal" },
  { value: "learned", label: "learned" },
  { value: "none", label: "none" },
];

const d = TRANSFORMER_PAGE_DEFAULTS;

export const transformerSpec: PageSpec<TransformerStart> = {
  page: "transformers",
  controls: [
    { key: "positions", kind: "radio", label: "Positions", options: POSITION_OPTIONS, default: d.positions! },
    {
      key: "heads",
      kind: "select",
      label: "Heads",
      options: ["1", "2", "4"].map((v) => ({ value: v, label: v })),
      default: String(d.heads),
      numeric: true,
    },
    {
      key: "layers",
      kind: "select",
      label: "Layers",
      options: ["1", "2"].map((v) => ({ value: v, label: v })),
      default: String(d.layers),
      numeric: true,
      advanced: true,
    },
    {
      key: "rate",
      kind: "select",
      label: "Learning rate",
      options: ["0.003", "0.01", "0.02"].map((v) => ({ value: v, label: v })),
      default: String(d.learningRate),
      numeric: true,
      advanced: true,
    },
    { key: "seed", kind: "range", label: "Seed", min: 1, max: 20, step: 1, default: d.seed!, advanced: true },
    {
      key: "options",
      kind: "flags",
      label: "Race",
      options: [{ key: "race", label: "Race the GRU with additive attention", default: true }],
    },
  ],
  config(s: Settings): TransformerStart {
    const config: Partial<TransformerTrainConfig> = {
      ...d,
      positions: String(s.positions) as PositionKind,
      heads: Number(s.heads),
      layers: Number(s.layers),
      learningRate: Number(s.rate),
      seed: Number(s.seed),
    };
    return { config, gru: s.race ? raceGruConfig(config) : undefined, capMs: RACE_CAP_MS };
  },
};
