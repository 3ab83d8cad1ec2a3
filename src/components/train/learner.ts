/**
 * What the training loop needs from a model and its task, and nothing more. A learner owns its
 * data stream, its parameters and its evaluation; `trainLearner` owns the optimiser, the
 * schedule, clipping, the divergence check and the reports. The string seq2seq models
 * (`seq2seqLearner`), the Transformer, the captioner and the story reader all plug in here, so
 * the loop, the workers and the client are written once.
 */
import * as tf from "../tf.js";
import { clipByGlobalNorm } from "./clip.js";
import { adam, isClippedAdam } from "./adam.js";
import type { LengthAccuracy } from "./metrics.js";
import { learningRateAt, retryRate } from "./schedule.js";

export { learningRateAt, retryRate } from "./schedule.js";

/** What an evaluation reports: plain numbers and plain data, never tensors. */
export interface Evaluation<Probe = unknown> {
  /** Share of target tokens right, position by position (the end marker counts). */
  tokenAccuracy: number;
  /** Share of held-out outputs exactly right. */
  exactMatch: number;
  /** Exact match by input length (empty when length means nothing for the task). */
  exactMatchByLength: LengthAccuracy[];
  /** Extra measured figures by name, e.g. `attentionCorrectness` (fractions unless named otherwise). */
  metrics?: Record<string, number>;
  /** The probe input's output and attention, in the learner's own plain shape. */
  probe?: Probe;
}

export interface LearnerLoss {
  loss: tf.Scalar;
  /** Hard attention: the batch's mean reward, which `afterStep` folds into its baseline. */
  meanReward?: tf.Scalar;
}

/** A saved model: its kind, its settings and its weights as plain JSON. */
export interface SavedWeights {
  format: string;
  weights: Record<string, { shape: number[]; values: number[] }>;
}

export interface Learner<Batch = unknown, Probe = unknown, Saved extends SavedWeights = SavedWeights> {
  /** Trainable variables by name: the optimiser updates exactly these. */
  readonly params: Record<string, tf.Variable>;
  readonly parameterCount: number;
  /** The loss of guessing uniformly (ln V): a loss three times this counts as diverged. */
  readonly chanceLoss: number;
  /** The next training batch of the learner's seeded stream (tensors it frees in `disposeBatch`). */
  nextBatch(size: number): Batch;
  /** The batch's loss; called inside `tf.variableGrads`. `seed` drives any sampling (hard attention). */
  loss(batch: Batch, seed: number): LearnerLoss;
  /** Runs inside the step's tidy after the update (e.g. a REINFORCE baseline's moving average). */
  afterStep?(result: LearnerLoss): void;
  disposeBatch(batch: Batch): void;
  /** Decodes the held-out set and the probe. */
  evaluate(): Promise<Evaluation<Probe>>;
  save(): Promise<Saved>;
  /** Frees the learner's own tensors; its model too unless the caller owns it. */
  dispose(): void;
}

/** The loop's own settings (the model's live in the learner). */
export interface LoopConfig {
  steps: number;
  batchSize: number;
  learningRate: number;
  /** Steps over which the rate halves (0: constant after warm-up). */
  learningRateHalfLife: number;
  /** Steps of linear warm-up from 0 to the rate (0: none). Transformers usually need it. */
  learningRateWarmup: number;
  /** Gradients are rescaled when their global norm exceeds this (Pascanu et al. 2013). */
  clipNorm: number;
  reportEvery: number;
  evalEvery: number;
  /** Stop once exact match reaches this (above 1 never stops). */
  stopAtExactMatch: number;
  /** Seeds the per-step sampling seeds. */
  seed: number;
}

export type TrainStatus = "training" | "done" | "diverged";

export interface LearnerSnapshot<Probe = unknown, Saved extends SavedWeights = SavedWeights> extends Evaluation<Probe> {
  status: TrainStatus;
  /** Why training stopped early (diverged), in words a reader can act on. */
  reason?: string;
  step: number;
  totalSteps: number;
  /** Mean training loss over the steps since the last snapshot. */
  loss: number;
  /** Step at which the accuracy figures were measured. */
  evaluatedAt: number;
  stepsPerSecond: number;
  elapsedMs: number;
  backend: string;
  parameterCount: number;
  /** Only in the final snapshot, when `exportCheckpoint` is set. */
  checkpoint?: Saved;
}

export interface LoopOptions {
  /** Attach the trained weights to the final snapshot. */
  exportCheckpoint?: boolean;
  /** Leave the learner alive when the loop ends (the caller disposes it). */
  keepLearner?: boolean;
}

/** One optimisation step in a single tidy; returns the batch loss, the only tensor that survives. */
export function learnerStep<B>(
  learner: Pick<Learner<B>, "params" | "loss" | "afterStep">,
  optimizer: tf.Optimizer,
  batch: B,
  clipNorm: number,
  seed: number,
): tf.Scalar {
  return tf.tidy(() => {
    let meanReward: tf.Scalar | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const r = learner.loss(batch, seed);
      // variableGrads frees what its function made; keep the reward for afterStep.
      meanReward = r.meanReward ? tf.keep(r.meanReward) : undefined;
      return r.loss;
    }, Object.values(learner.params));
    if (isClippedAdam(optimizer)) optimizer.applyClippedGradients(grads, clipNorm);
    else {
      const { clipped } = clipByGlobalNorm(grads, clipNorm);
      optimizer.applyGradients(Object.entries(clipped).map(([name, tensor]) => ({ name, tensor })));
    }
    learner.afterStep?.({ loss: value, meanReward });
    meanReward?.dispose();
    return value;
  });
}

const EMPTY_EVALUATION: Evaluation<never> = { tokenAccuracy: 0, exactMatch: 0, exactMatchByLength: [] };

/**
 * Trains a learner and yields plain snapshots. Consumers stop it with `return()`; its `finally`
 * frees the optimiser, the loss accumulator and (unless `keepLearner`) the learner.
 */
export async function* trainLearner<B, P, S extends SavedWeights>(
  learner: Learner<B, P, S>,
  config: LoopConfig,
  options: LoopOptions = {},
): AsyncGenerator<LearnerSnapshot<P, S>> {
  const optimizer = adam(learningRateAt(config, 1));
  const divergenceLimit = 3 * learner.chanceLoss;
  let lossSum: tf.Scalar = tf.scalar(0);
  const started = performance.now();
  let trainMs = 0;
  let stepsSinceReport = 0;
  let last: Evaluation<P> & { evaluatedAt: number } = { ...EMPTY_EVALUATION, evaluatedAt: 0 };
  const scheduled = config.learningRateHalfLife > 0 || config.learningRateWarmup > 0;

  const snapshot = (step: number, loss: number, status: TrainStatus, reason?: string): LearnerSnapshot<P, S> => ({
    status,
    reason,
    step,
    totalSteps: config.steps,
    loss,
    ...last,
    stepsPerSecond: trainMs > 0 ? (step / trainMs) * 1000 : 0,
    elapsedMs: performance.now() - started,
    backend: tf.getBackend(),
    parameterCount: learner.parameterCount,
  });

  try {
    for (let step = 1; step <= config.steps; step++) {
      const t0 = performance.now();
      if (scheduled) {
        // Adam reads its rate at every update; tfjs keeps the field protected, with no setter.
        (optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(config, step);
      }
      const batch = learner.nextBatch(config.batchSize);
      let stepLoss: tf.Scalar;
      try {
        stepLoss = learnerStep(learner, optimizer, batch, config.clipNorm, config.seed * 100_003 + step * 257);
      } finally {
        learner.disposeBatch(batch);
      }
      const sum = tf.add(lossSum, stepLoss) as tf.Scalar; // summed on the device: no read per step
      tf.dispose([lossSum, stepLoss]);
      lossSum = sum;
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
        yield snapshot(step, loss, "diverged", divergedReason(config.learningRate, step, loss, learner.chanceLoss));
        return;
      }
      if (step % config.evalEvery === 0 || isLast) {
        last = { ...(await learner.evaluate()), evaluatedAt: step };
      }
      const finished = isLast || last.exactMatch >= config.stopAtExactMatch;
      if (finished) {
        const final = snapshot(step, loss, "done");
        if (options.exportCheckpoint) final.checkpoint = await learner.save();
        yield final;
        return;
      }
      yield snapshot(step, loss, "training");
    }
  } finally {
    lossSum.dispose();
    optimizer.dispose();
    if (!options.keepLearner) learner.dispose();
  }
}

/** The rate a diverged run should retry with: a tenth, at most 0.01. Pages' retry buttons use it too. */
function divergedReason(learningRate: number, step: number, loss: number, chanceLoss: number): string {
  const what = Number.isFinite(loss)
    ? `rose to ${loss.toFixed(1)}, far above the ${chanceLoss.toFixed(1)} of guessing uniformly`
    : `became ${Number.isNaN(loss) ? "not a number (NaN)" : "infinite"}`;
  return (
    `Training diverged: by step ${step} the loss ${what}. Each update overshot. ` +
    `A learning rate of ${learningRate} is too high for this model; try ${retryRate(learningRate)} and retrain.`
  );
}
