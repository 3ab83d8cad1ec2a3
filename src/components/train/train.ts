/**
 * The trainer: an async generator that trains a seq2seq model and yields plain snapshots.
 * Consumers (a page cell, a Worker, the CLI) stop it with `return()`; its `finally` frees every
 * tensor it made, so `tf.memory().numTensors` returns to where it was.
 */
import * as tf from "../tf.js";
import { encodeBatch, makeDataset, type Dataset } from "../tasks/index.js";
import { batchTensors, createSeq2Seq, disposeBatch, greedyDecode, saveCheckpoint, translate } from "../model/index.js";
import type { Checkpoint, HardAttentionSettings, Seq2Seq, Translation } from "../model/index.js";
import { trainingStep } from "./step.js";
import { learningRateAt, modelConfigOf, resolveTrainConfig, type TrainConfig } from "./config.js";
import { scoreOutputs, type Accuracy } from "./metrics.js";

export type TrainStatus = "training" | "done" | "diverged";

export interface TrainSnapshot extends Accuracy {
  status: TrainStatus;
  /** Why training stopped early (diverged), in words a reader can act on. */
  reason?: string;
  step: number;
  totalSteps: number;
  /** Mean training loss over the steps since the last snapshot. */
  loss: number;
  /** Step at which the accuracy figures were measured. */
  evaluatedAt: number;
  /** The probe sentence: its output and attention matrix at `evaluatedAt`. */
  probe?: Translation;
  stepsPerSecond: number;
  elapsedMs: number;
  backend: string;
  parameterCount: number;
  /** Only in the final snapshot, when `exportCheckpoint` is set. */
  checkpoint?: Checkpoint;
}

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
  const accuracy = scoreOutputs(data.test, decoded.ids.map((ids) => data.vocab.decode(ids)));
  const probeText = config.probe ?? data.task.probe;
  let probe: Translation | undefined;
  try {
    probe = await translate(model, data.vocab, probeText, { ...config, maxSteps: data.maxTargetLength + 1 });
  } catch {
    probe = undefined; // a probe outside the vocabulary just has no picture
  }
  return { ...accuracy, probe };
}

export async function* train(partial: Partial<TrainConfig> = {}, options: TrainOptions = {}): AsyncGenerator<TrainSnapshot> {
  const config = resolveTrainConfig(partial);
  const data = makeDataset(config);
  const model = options.model ?? createSeq2Seq(modelConfigOf(config, data.vocab.size));
  const optimizer = tf.train.adam(config.learningRate);
  const hard: HardAttentionSettings | undefined =
    config.mode === "hard"
      ? { entropyBonus: config.entropyBonus, baseline: tf.tidy(() => tf.variable(tf.scalar(0), false)), baselineDecay: config.baselineDecay }
      : undefined;
  // Guessing uniformly costs ln V per character; a loss three times that is not learning but blowing up.
  const divergenceLimit = 3 * Math.log(data.vocab.size);
  let lossSum: tf.Scalar = tf.scalar(0);
  const started = performance.now();
  let trainMs = 0;
  let stepsSinceReport = 0;
  let last: Accuracy & { probe?: Translation; evaluatedAt: number } = {
    tokenAccuracy: 0,
    exactMatch: 0,
    exactMatchByLength: [],
    evaluatedAt: 0,
  };

  const snapshot = (step: number, loss: number, status: TrainStatus, reason?: string): TrainSnapshot => ({
    status,
    reason,
    step,
    totalSteps: config.steps,
    loss,
    ...last,
    stepsPerSecond: trainMs > 0 ? (step / trainMs) * 1000 : 0,
    elapsedMs: performance.now() - started,
    backend: tf.getBackend(),
    parameterCount: model.parameterCount,
  });

  try {
    for (let step = 1; step <= config.steps; step++) {
      const t0 = performance.now();
      if (config.learningRateHalfLife > 0) {
        // Adam reads its rate at every update; tfjs keeps the field protected, with no setter.
        (optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(config, step);
      }
      const batch = batchTensors(encodeBatch(data.nextBatch(config.batchSize), data.vocab, config));
      const stepLoss = trainingStep(model, optimizer, batch, {
        clipNorm: config.clipNorm,
        seed: config.seed * 100_003 + step * 257,
        hard,
      });
      const sum = tf.add(lossSum, stepLoss) as tf.Scalar; // summed on the device: no read per step
      tf.dispose([lossSum, stepLoss]);
      lossSum = sum;
      disposeBatch(batch);
      trainMs += performance.now() - t0;
      stepsSinceReport++;

      const isLast = step === config.steps;
      if (step % config.reportEvery !== 0 && step % config.evalEvery !== 0 && !isLast) continue;
      // The only read of the loss: once per report, never per step.
      const loss = (await lossSum.data())[0] / stepsSinceReport;
      lossSum.dispose();
      lossSum = tf.scalar(0);
      stepsSinceReport = 0;
      if (!Number.isFinite(loss) || loss > divergenceLimit) {
        yield snapshot(step, loss, "diverged", divergedReason(config, step, loss, divergenceLimit));
        return;
      }
      if (step % config.evalEvery === 0 || isLast) {
        last = { ...(await evaluate(model, data, config)), evaluatedAt: step };
      }
      const finished = isLast || last.exactMatch >= config.stopAtExactMatch;
      if (finished) {
        const final = snapshot(step, loss, "done");
        if (options.exportCheckpoint) final.checkpoint = await saveCheckpoint(model);
        yield final;
        return;
      }
      yield snapshot(step, loss, "training");
    }
  } finally {
    lossSum.dispose();
    optimizer.dispose();
    hard?.baseline.dispose();
    if (!options.model) model.dispose();
  }
}

function divergedReason(config: TrainConfig, step: number, loss: number, limit: number): string {
  const what = Number.isFinite(loss)
    ? `rose to ${loss.toFixed(1)}, far above the ${(limit / 3).toFixed(1)} of guessing every character uniformly`
    : `became ${Number.isNaN(loss) ? "not a number (NaN)" : "infinite"}`;
  return (
    `Training diverged: by step ${step} the loss ${what}. Each update overshot. ` +
    `A learning rate of ${config.learningRate} is too high for this model; try ${Math.min(0.01, config.learningRate / 10)} and retrain.`
  );
}
