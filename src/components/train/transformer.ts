/**
 * The Transformer on the string tasks as a `Learner`: the same seeded datasets, batches and
 * evaluation (exact match, token accuracy, exact match by length, a probe sentence) as the GRU
 * learner in train.ts, so the two compare like for like. `trainTransformer` is its trainer.
 */
import { encodeBatch, makeDataset, type Dataset, type DatasetConfig } from "../tasks/index.js";
import {
  createTransformer,
  DEFAULT_TRANSFORMER,
  disposeTransformerBatch,
  greedyDecodeTransformer,
  saveTransformer,
  transformerBatch,
  transformerLoss,
  translateTransformer,
  type Transformer,
  type TransformerBatch,
  type TransformerCheckpoint,
  type TransformerConfig,
  type TransformerTranslation,
} from "../model/transformer/index.js";
import { DEFAULT_DATASET } from "../tasks/index.js";
import { resolveTrainConfig } from "./config.js";
import {
  trainLearner,
  type Evaluation,
  type Learner,
  type LearnerSnapshot,
  type LoopConfig,
  type LoopOptions,
} from "./learner.js";
import { scoreOutputs } from "./metrics.js";

export interface TransformerTrainConfig
  extends DatasetConfig, Omit<TransformerConfig, "vocabSize" | "seed" | "maxPositions">, Omit<LoopConfig, "seed"> {
  /** The sentence whose attention maps are reported (default: the task's own). */
  probe?: string;
}

/**
 * Defaults measured on reverse-words of 3–20 characters, seed 1, B 32 (exact match on the 256
 * held-out sentences at steps 100…600):
 *   post-norm, rate 0.003, warm-up 100:                4, 27, 50, 64, 57, 62%
 *   post-norm, rate 0.01, warm-up 200, half-life 600:  4, 25, 34, 48, 56%
 *   pre-norm,  rate 0.01, warm-up 200, half-life 600:  11, 34, 52, 64, 71, 81%   (these defaults)
 */
export const DEFAULT_TRANSFORMER_TRAIN: TransformerTrainConfig = {
  ...DEFAULT_DATASET,
  modelSize: DEFAULT_TRANSFORMER.modelSize,
  heads: DEFAULT_TRANSFORMER.heads,
  layers: DEFAULT_TRANSFORMER.layers,
  ffnSize: DEFAULT_TRANSFORMER.ffnSize,
  positions: DEFAULT_TRANSFORMER.positions,
  norm: "pre",
  batchSize: 32,
  learningRate: 0.01,
  learningRateHalfLife: 600,
  learningRateWarmup: 200,
  clipNorm: 1,
  steps: 1500,
  reportEvery: 10,
  evalEvery: 100,
  stopAtExactMatch: 1.1,
};

export type TransformerSnapshot = LearnerSnapshot<TransformerTranslation, TransformerCheckpoint>;

/** Defaults filled in and the loop's settings checked (with the GRU trainer's own messages). */
export function resolveTransformerTrainConfig(partial: Partial<TransformerTrainConfig>): TransformerTrainConfig {
  const config = { ...DEFAULT_TRANSFORMER_TRAIN, ...partial };
  const { batchSize, steps, reportEvery, evalEvery, learningRate, learningRateHalfLife, learningRateWarmup, clipNorm } =
    config;
  resolveTrainConfig({
    batchSize,
    steps,
    reportEvery,
    evalEvery,
    learningRate,
    learningRateHalfLife,
    learningRateWarmup,
    clipNorm,
  });
  return config;
}

/** The model part of a training config: positions cover the longest source, decoder input and probe. */
export function transformerConfigOf(c: TransformerTrainConfig, data: Dataset): TransformerConfig {
  const probeLength = [...(c.probe ?? data.task.probe)].length;
  return {
    vocabSize: data.vocab.size,
    modelSize: c.modelSize,
    heads: c.heads,
    layers: c.layers,
    ffnSize: c.ffnSize,
    positions: c.positions,
    norm: c.norm,
    maxPositions: Math.max(c.maxLength, data.maxTargetLength, probeLength) + 2,
    seed: c.seed,
  };
}

/** Decodes the held-out set and the probe, exactly as the GRU learner does. */
export async function evaluateTransformer(
  model: Transformer,
  data: Dataset,
  probeText: string,
): Promise<Evaluation<TransformerTranslation>> {
  const steps = data.maxTargetLength + 1;
  const decoded = await greedyDecodeTransformer(model, encodeBatch(data.test, data.vocab).source, steps);
  const accuracy = scoreOutputs(
    data.test,
    decoded.map((ids) => data.vocab.decode(ids)),
  );
  let probe: TransformerTranslation | undefined;
  try {
    probe = await translateTransformer(model, data.vocab, probeText, { maxSteps: steps });
  } catch {
    probe = undefined; // a probe outside the vocabulary just has no picture
  }
  return { ...accuracy, probe };
}

/** A Transformer on a string task as a `Learner`; a model passed in stays the caller's. */
export function transformerLearner(
  partial: Partial<TransformerTrainConfig>,
  model?: Transformer,
): Learner<TransformerBatch, TransformerTranslation, TransformerCheckpoint> & { model: Transformer; data: Dataset } {
  const config = resolveTransformerTrainConfig(partial);
  const data = makeDataset(config);
  const own = !model;
  const m = model ?? createTransformer(transformerConfigOf(config, data));
  if (m.config.vocabSize !== data.vocab.size) {
    throw new Error(`This model reads ${m.config.vocabSize} tokens; task "${config.task}" has ${data.vocab.size}.`);
  }
  return {
    model: m,
    data,
    params: m.params,
    parameterCount: m.parameterCount,
    chanceLoss: Math.log(data.vocab.size),
    nextBatch: (size) => transformerBatch(encodeBatch(data.nextBatch(size), data.vocab)),
    loss: (batch) => ({ loss: transformerLoss(m, batch) }),
    disposeBatch: disposeTransformerBatch,
    evaluate: () => evaluateTransformer(m, data, config.probe ?? data.task.probe),
    save: () => saveTransformer(m),
    dispose: () => {
      if (own) m.dispose();
    },
  };
}

export async function* trainTransformer(
  partial: Partial<TransformerTrainConfig> = {},
  options: LoopOptions & { model?: Transformer } = {},
): AsyncGenerator<TransformerSnapshot> {
  const config = resolveTransformerTrainConfig(partial);
  yield* trainLearner(transformerLearner(config, options.model), config, options);
}
