// The default races of the soft-vs-hard and scoring pages, shared by the pages (live training)
// and scripts/make-compare-snapshots.ts (the pretrained pictures shown on load), so what a
// reader sees first is what the controls start from.
import type { AttentionKind } from "../model/config.js";
import type { TrainConfig } from "../train/config.js";
import type { LaneSpec, RaceConfig } from "./race.js";

/** Small enough that several models visibly learn within about a minute, sharing one worker. */
export const COMPARE_BASE: Partial<TrainConfig> = {
  task: "reverse-words",
  minLength: 3,
  maxLength: 12,
  seed: 1,
  hiddenSize: 32,
  embeddingSize: 16,
  attentionSize: 16,
  learningRate: 0.01,
  batchSize: 32,
  reportEvery: 10,
  evalEvery: 50,
  testSize: 128,
  probe: "the cat sat",
};

/** "Learned": exact match on held-out sentences at or above this. */
export const THRESHOLD = 0.95;

// ---- Soft vs hard ----

export const SOFT_HARD_SEEDS = [1, 2, 3];
export const SOFT_HARD_STEPS = 600;

export interface SoftHardSettings {
  task: "reverse-words" | "translate";
  /** Soft attention's temperature τ: α = softmax(e / τ). */
  temperature: number;
  /** Model seeds: each mode trains once per seed. */
  seeds: number[];
}

export const SOFT_HARD_DEFAULTS: SoftHardSettings = { task: "reverse-words", temperature: 1, seeds: SOFT_HARD_SEEDS };

export function softHardRace(s: SoftHardSettings, steps = SOFT_HARD_STEPS): RaceConfig {
  const lanes: LaneSpec[] = [];
  for (const mode of ["soft", "hard"] as const) {
    for (const seed of s.seeds) {
      lanes.push({
        id: `${mode}-${seed}`,
        label: `${mode} attention, seed ${seed}`,
        config: { attention: "additive", mode, seed, temperature: mode === "soft" ? s.temperature : 1 },
      });
    }
  }
  return { base: { ...COMPARE_BASE, task: s.task, probe: probeFor(s.task) }, lanes, steps, threshold: THRESHOLD };
}

// ---- Scoring ----

export type ScoreKind = Exclude<AttentionKind, "none">;
export const SCORE_KINDS: readonly ScoreKind[] = ["additive", "dot", "general", "concat", "scaled-dot"];
export const SCORE_LABELS: Record<ScoreKind, string> = {
  additive: "additive (Bahdanau)",
  dot: "dot (Luong)",
  general: "general (Luong)",
  concat: "concat (Luong)",
  "scaled-dot": "scaled dot (Transformer)",
};
export const SCORING_STEPS = 800;

export interface ScoringSettings {
  task: "reverse-words" | "translate";
  kinds: ScoreKind[];
  seed: number;
}

export const SCORING_DEFAULTS: ScoringSettings = { task: "reverse-words", kinds: [...SCORE_KINDS], seed: 1 };

export function scoringRace(s: ScoringSettings, steps = SCORING_STEPS): RaceConfig {
  return {
    base: { ...COMPARE_BASE, task: s.task, seed: s.seed, probe: probeFor(s.task) },
    lanes: SCORE_KINDS.filter((k) => s.kinds.includes(k)).map((kind) => ({
      id: kind,
      label: SCORE_LABELS[kind],
      config: { attention: kind, seed: s.seed },
    })),
    steps,
    threshold: THRESHOLD,
  };
}

/** A probe sentence of the task's own vocabulary, short enough for small multiples on a phone. */
export function probeFor(task: SoftHardSettings["task"]): string {
  return task === "translate" ? "the red cat sees" : "the cat sat";
}
