/** Everything one training run needs, with defaults that train reverse-words in well under a minute. */
import { DEFAULT_DATASET, type DatasetConfig } from "../tasks/index.js";
import { DEFAULT_MODEL, type ModelConfig } from "../model/config.js";

export { learningRateAt } from "./schedule.js";

export interface TrainConfig extends DatasetConfig, Omit<ModelConfig, "vocabSize" | "seed"> {
  batchSize: number;
  learningRate: number;
  /** Steps over which the learning rate halves (0 keeps it constant). A constant rate high
   * enough to learn fast makes late training oscillate; halving it settles the model. */
  learningRateHalfLife: number;
  /** Steps of linear learning-rate warm-up (0: none). */
  learningRateWarmup: number;
  /** Gradients are rescaled when their global norm exceeds this (Pascanu et al. 2013). */
  clipNorm: number;
  steps: number;
  /** Yield the loss every this many steps (one GPU→CPU read each time). */
  reportEvery: number;
  /** Decode the test set and the probe every this many steps. */
  evalEvery: number;
  /** Stop early once exact match reaches this (1.1 never stops). */
  stopAtExactMatch: number;
  reverseSource: boolean;
  doubleSource: boolean;
  /** Hard attention: entropy bonus weight and baseline decay. */
  entropyBonus: number;
  baselineDecay: number;
  /** The sentence whose attention matrix is reported (default: the task's own). */
  probe?: string;
}

export const DEFAULT_TRAIN: TrainConfig = {
  ...DEFAULT_DATASET,
  ...DEFAULT_MODEL,
  batchSize: 32,
  learningRate: 0.01,
  learningRateHalfLife: 0,
  learningRateWarmup: 0,
  clipNorm: 5,
  steps: 600,
  reportEvery: 10,
  evalEvery: 50,
  stopAtExactMatch: 1.1,
  reverseSource: false,
  doubleSource: false,
  entropyBonus: 0.01,
  baselineDecay: 0.9,
};

export function resolveTrainConfig(partial: Partial<TrainConfig>): TrainConfig {
  const config = { ...DEFAULT_TRAIN, ...partial };
  const positiveInt = (name: keyof TrainConfig, max: number) => {
    const v = config[name] as number;
    if (!Number.isInteger(v) || v < 1 || v > max)
      throw new Error(`${name} must be a whole number from 1 to ${max} (got ${v}).`);
  };
  positiveInt("batchSize", 4096);
  positiveInt("steps", 1_000_000);
  positiveInt("reportEvery", 1_000_000);
  positiveInt("evalEvery", 1_000_000);
  if (!(config.learningRate > 0 && config.learningRate <= 10)) {
    throw new Error(`Learning rate must be above 0 and at most 10 (got ${config.learningRate}).`);
  }
  if (!(config.learningRateHalfLife >= 0)) throw new Error(`learningRateHalfLife must be 0 or more.`);
  if (!(Number.isInteger(config.learningRateWarmup) && config.learningRateWarmup >= 0)) {
    throw new Error(`learningRateWarmup must be a whole number of steps, 0 or more.`);
  }
  if (!(config.clipNorm > 0)) throw new Error(`clipNorm must be positive (got ${config.clipNorm}).`);
  return config;
}

/** The model part of a training config. */
export function modelConfigOf(c: TrainConfig, vocabSize: number): ModelConfig {
  return {
    vocabSize,
    embeddingSize: c.embeddingSize,
    hiddenSize: c.hiddenSize,
    attention: c.attention,
    attentionSize: c.attentionSize,
    bidirectional: c.bidirectional,
    inputFeeding: c.inputFeeding,
    mode: c.mode,
    temperature: c.temperature,
    window: c.window,
    seed: c.seed,
  };
}
