/**
 * The string sequence-to-sequence learner (the GRU encoder–decoder of every translation page)
 * and `train()`, its trainer: an async generator of plain snapshots built on `trainLearner`.
 * Consumers (a page's worker, the CLI) stop it with `return()`; its `finally` frees every
 * tensor it made, so `tf.memory().numTensors` returns to where it was.
 */
import * as tf from "../tf.js";
import { encodeBatch, makeDataset, type Dataset } from "../tasks/index.js";
import {
  batchLoss,
  batchTensors,
  updateBaseline,
  createSeq2Seq,
  disposeBatch,
  greedyDecode,
  saveCheckpoint,
  translate,
} from "../model/index.js";
import type { BatchTensors, Checkpoint, HardAttentionSettings, Seq2Seq, Translation } from "../model/index.js";
import { modelConfigOf, resolveTrainConfig, type TrainConfig } from "./config.js";
import { trainLearner, type Evaluation, type Learner, type LearnerSnapshot } from "./learner.js";
import { scoreOutputs, type Accuracy } from "./metrics.js";

export type { TrainStatus } from "./learner.js";

export type TrainSnapshot = LearnerSnapshot<Translation, Checkpoint>;

export interface TrainOptions {
  /** Train this model instead of a fresh one; the caller keeps ownership (it is not disposed). */
  model?: Seq2Seq;
  /** Attach the trained weights to the final snapshot. */
  exportCheckpoint?: boolean;
}

/** Decodes the test set and the probe: the accuracy figures and the attention picture. */
export async function evaluate(
  model: Seq2Seq,
  data: Dataset,
  config: TrainConfig,
): Promise<Accuracy & { probe?: Translation }> {
  const encoded = encodeBatch(data.test, data.vocab, config);
  const decoded = await greedyDecode(model, encoded.source, data.maxTargetLength + 1);
  const accuracy = scoreOutputs(
    data.test,
    decoded.ids.map((ids) => data.vocab.decode(ids)),
  );
  const probeText = config.probe ?? data.task.probe;
  let probe: Translation | undefined;
  try {
    probe = await translate(model, data.vocab, probeText, { ...config, maxSteps: data.maxTargetLength + 1 });
  } catch {
    probe = undefined; // a probe outside the vocabulary just has no picture
  }
  return { ...accuracy, probe };
}

/** A seq2seq model on a string task as a `Learner`; a model passed in stays the caller's. */
export function seq2seqLearner(
  config: TrainConfig,
  model?: Seq2Seq,
): Learner<BatchTensors, Translation, Checkpoint> & { model: Seq2Seq; data: Dataset } {
  const data = makeDataset(config);
  const own = !model;
  const m = model ?? createSeq2Seq(modelConfigOf(config, data.vocab.size));
  const hard: HardAttentionSettings | undefined =
    config.mode === "hard"
      ? {
          entropyBonus: config.entropyBonus,
          baseline: tf.tidy(() => tf.variable(tf.scalar(0), false)),
          baselineDecay: config.baselineDecay,
        }
      : undefined;
  return {
    model: m,
    data,
    params: m.params,
    parameterCount: m.parameterCount,
    chanceLoss: Math.log(data.vocab.size),
    nextBatch: (size) => batchTensors(encodeBatch(data.nextBatch(size), data.vocab, config)),
    loss: (batch, seed) => batchLoss(m, batch, { sample: true, seed, hard }),
    afterStep: ({ meanReward }) => updateBaseline(hard, meanReward),
    disposeBatch,
    evaluate: (): Promise<Evaluation<Translation>> => evaluate(m, data, config),
    save: () => saveCheckpoint(m),
    dispose: () => {
      hard?.baseline.dispose();
      if (own) m.dispose();
    },
  };
}

export async function* train(
  partial: Partial<TrainConfig> = {},
  options: TrainOptions = {},
): AsyncGenerator<TrainSnapshot> {
  const config = resolveTrainConfig(partial);
  yield* trainLearner(seq2seqLearner(config, options.model), config, { exportCheckpoint: options.exportCheckpoint });
}
