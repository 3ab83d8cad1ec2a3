// The default runs of the bottleneck and attention pages, shared by the pages (live training)
// and scripts/make-snapshots.ts (the pretrained pictures shown on load), so the snapshot a
// reader sees first is the same model the controls start from, only trained longer.
import type { TrainConfig } from "../train/config.js";

/** Small enough that live training visibly learns within about a minute in a browser. */
export const PAGE_BASE: Partial<TrainConfig> = {
  task: "reverse-words",
  minLength: 3,
  maxLength: 24,
  seed: 1,
  hiddenSize: 32,
  embeddingSize: 16,
  learningRate: 0.02,
  batchSize: 32,
  steps: 1500,
  reportEvery: 10,
  evalEvery: 50,
  probe: "the cat sat on the mat",
};

export const BOTTLENECK_DEFAULTS: Partial<TrainConfig> = { ...PAGE_BASE, attention: "none" };
export const ATTENTION_DEFAULTS: Partial<TrainConfig> = { ...PAGE_BASE, attention: "additive" };

/** Steps for the committed snapshots: longer than a reader would wait for. */
export const SNAPSHOT_STEPS = 1200;
