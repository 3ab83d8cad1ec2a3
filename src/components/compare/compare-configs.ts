// The default races of the soft-vs-hard and scoring pages, shared by the pages (live training)
// and scripts/make-compare-snapshots.ts (the pretrained pictures shown on load), so what a
// reader sees first is what the controls start from.
import type { AttentionKind } from "../model/config.js";
import type { TrainConfig } from "../train/config.js";
import type { LaneSpec, RaceConfig } from "./race.js";

/**
 * Small enough that a race of six models reaches its verdict within about a minute. The encoder
 * is bidirectional, as on the attention page and in Bahdanau et al. (2015): measured on the
 * default races (Node, wasm, 400 steps), every model but scaled dot then reached 95% exact match
 * by step 200-350, where a one-way encoder needed 350-600 (its committed race, 800 steps).
 */
export const COMPARE_BASE: Partial<TrainConfig> = {
  task: "reverse-words",
  minLength: 3,
  maxLength: 12,
  seed: 1,
  hiddenSize: 32,
  embeddingSize: 16,
  attentionSize: 16,
  bidirectional: true,
  learningRate: 0.01,
  batchSize: 32,
  reportEvery: 10,
  evalEvery: 50,
  testSize: 128,
  probe: "the cat sat",
};

/**
 * Toy translation needs longer inputs: at 12 characters its grammar has about ten sentences and
 * none with an adjective or a transitive verb, so nothing reorders. At 24 characters most
 * held-out sentences reorder (test/unit/tasks.test.ts measures it).
 */
export const TRANSLATE_MAX_LENGTH = 24;

/** The shared base of a race for one task. */
export function compareBase(task: "reverse-words" | "translate"): Partial<TrainConfig> {
  return {
    ...COMPARE_BASE,
    task,
    probe: probeFor(task),
    ...(task === "translate" ? { maxLength: TRANSLATE_MAX_LENGTH } : {}),
  };
}

/** "Learned": exact match on held-out sentences at or above this. */
export const THRESHOLD = 0.95;

// ---- Soft vs hard ----

export const SOFT_HARD_SEEDS = [1, 2, 3];
export const SOFT_HARD_STEPS = 400;

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
  return { base: compareBase(s.task), lanes, steps, threshold: THRESHOLD };
}

// ---- Scoring ----

/**
 * A lane of the scoring race: a scoring function, or Luong's dot score with input feeding (the
 * previous step's attentional vector fed to the decoder, Luong et al. 2015 §3.3), which their
 * best systems used.
 */
export type ScoreKind = Exclude<AttentionKind, "none"> | "dot-feed";
export const SCORE_KINDS: readonly ScoreKind[] = ["additive", "dot", "general", "concat", "scaled-dot", "dot-feed"];
export const SCORE_LABELS: Record<ScoreKind, string> = {
  additive: "additive (Bahdanau)",
  dot: "dot (Luong)",
  general: "general (Luong)",
  concat: "concat (Luong)",
  "scaled-dot": "scaled dot (Transformer)",
  "dot-feed": "dot + input feeding (Luong)",
};

/** The model settings of one scoring lane. */
export function scoreLaneConfig(kind: ScoreKind): Partial<TrainConfig> {
  return kind === "dot-feed" ? { attention: "dot", inputFeeding: true } : { attention: kind };
}
export const SCORING_STEPS = 400;

export interface ScoringSettings {
  task: "reverse-words" | "translate";
  kinds: ScoreKind[];
  seed: number;
}

export const SCORING_DEFAULTS: ScoringSettings = { task: "reverse-words", kinds: [...SCORE_KINDS], seed: 1 };

export function scoringRace(s: ScoringSettings, steps = SCORING_STEPS): RaceConfig {
  return {
    base: { ...compareBase(s.task), seed: s.seed },
    lanes: SCORE_KINDS.filter((k) => s.kinds.includes(k)).map((kind) => ({
      id: kind,
      label: SCORE_LABELS[kind],
      config: { ...scoreLaneConfig(kind), seed: s.seed },
    })),
    steps,
    threshold: THRESHOLD,
  };
}

/**
 * A probe sentence of the task, short enough for small multiples on a phone. The translation
 * probe is a sentence of the grammar that both reorders (the adjective moves after its noun)
 * and merges ("the … sun" → "sol"): "the red sun runs" → "sol roj kor".
 */
export function probeFor(task: SoftHardSettings["task"]): string {
  return task === "translate" ? "the red sun runs" : "the cat sat";
}
