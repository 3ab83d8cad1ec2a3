// The default runs of the bottleneck and attention pages, shared by the pages (live training)
// and scripts/make-snapshots.ts (the pretrained pictures shown on load), so the snapshot a
// reader sees first is the same model the controls start from, only trained longer.
import type { TrainConfig } from "../train/config.js";
import { getTask } from "../tasks/index.js";

/**
 * Small enough that live training learns within about half a minute in a browser. The rate
 * halves every 200 steps: measured over seeds 1-3 (Node, wasm, bidirectional attention), a
 * constant 0.02 needed 375-500 steps to 95% held-out exact match, halving every 200 steps
 * 275 at each seed (every 150: 250-300; every 400: 275-375; 0.03 halving every 200: 350-425).
 * By step 1,000 the rate is 1/32 of its start and the model has settled.
 */
export const PAGE_BASE: Partial<TrainConfig> = {
  task: "reverse-words",
  minLength: 3,
  maxLength: 24,
  seed: 1,
  hiddenSize: 32,
  embeddingSize: 16,
  learningRate: 0.02,
  learningRateHalfLife: 200,
  batchSize: 32,
  steps: 1000,
  reportEvery: 10,
  // One evaluation (the 256 held-out sentences and the probe) costs about one training step.
  evalEvery: 25,
  probe: "the cat sat on the mat",
};

export const BOTTLENECK_DEFAULTS: Partial<TrainConfig> = { ...PAGE_BASE, attention: "none" };
/**
 * Bidirectional encoder (Bahdanau et al. 2015, §3.2): each h_j then knows the letters on both
 * sides of j, so the weights peak on the letter being copied. A one-way encoder's h_j has not
 * yet seen where the word ends, and its weights peak one position late (the lesson of
 * ATTENTION_ONE_WAY; test/unit/snapshots.test.ts measures both).
 */
export const ATTENTION_DEFAULTS: Partial<TrainConfig> = { ...PAGE_BASE, attention: "additive", bidirectional: true };
/** The same page model with a one-way encoder: the "one letter late" picture beside the default. */
export const ATTENTION_ONE_WAY: Partial<TrainConfig> = { ...ATTENTION_DEFAULTS, bidirectional: false };

/** The same page model on the toy translation: its probe reorders and merges ("the sun" → "sol"). */
export const ATTENTION_TRANSLATE: Partial<TrainConfig> = {
  ...ATTENTION_DEFAULTS,
  task: "translate",
  probe: getTask("translate").probe,
};

/** Steps for the committed snapshots: the same as a live run, so "these settings" means all of them. */
export const SNAPSHOT_STEPS = PAGE_BASE.steps as number;
