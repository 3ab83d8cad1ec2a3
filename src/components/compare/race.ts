/**
 * Several models trained side by side, fairly: one data stream, one batch per step shared by
 * every model, and one step of each in turn (round-robin). A comparison is then about the
 * models, not about which one saw easier sentences or got more of the CPU. An async generator
 * of plain snapshots, like train(); its `finally` frees every tensor of every model.
 * DOM-free: the compare worker, the snapshot script and the unit tests all drive it.
 */
import * as tf from "../tf.js";
import { encodeBatch, makeDataset, type Dataset } from "../tasks/index.js";
import { batchTensors, createSeq2Seq, disposeBatch, saveCheckpoint, translate } from "../model/index.js";
import type { Checkpoint, HardAttentionSettings, Seq2Seq, Translation } from "../model/index.js";
import {
  adam,
  evaluate,
  modelConfigOf,
  resolveTrainConfig,
  trainingStep,
  type LengthAccuracy,
  type TrainConfig,
} from "../train/index.js";

export interface LaneSpec {
  /** Stable key (e.g. "soft-1", "dot"): charts, tables and tests find a model by it. */
  id: string;
  /** What the reader calls it. */
  label: string;
  /** How this model differs from the shared settings (attention, mode, seed, temperature…). */
  config: Partial<TrainConfig>;
}

export interface RaceConfig {
  /** Shared settings: task, lengths, sizes, learning rate; `seed` fixes the data stream. */
  base: Partial<TrainConfig>;
  lanes: LaneSpec[];
  /** Steps each model takes. */
  steps: number;
  /** Exact match that counts as "learned" (steps to reach it are reported). */
  threshold: number;
}

export type LaneStatus = "training" | "done" | "diverged";

export interface LaneSnapshot {
  id: string;
  status: LaneStatus;
  reason?: string;
  /** Mean loss over the steps since the last report. */
  loss: number;
  tokenAccuracy: number;
  exactMatch: number;
  exactMatchByLength: LengthAccuracy[];
  evaluatedAt: number;
  /** First evaluation step with exact match ≥ threshold (undefined: not yet). */
  reachedAt?: number;
  probe?: Translation;
  parameterCount: number;
  /** Mean wall-clock time of this model's training steps so far. */
  msPerStep: number;
}

export interface RaceSnapshot {
  step: number;
  totalSteps: number;
  /** True once every model has finished or diverged. */
  finished: boolean;
  lanes: LaneSnapshot[];
  backend: string;
  /** Workers sharing the race (worker/race-pool.ts); absent: one. */
  workers?: number;
}

export interface RaceOptions {
  /** Attach each model's trained weights to the last snapshot (the snapshot script). */
  exportCheckpoints?: boolean;
}

export interface FinalRaceSnapshot extends RaceSnapshot {
  checkpoints?: Record<string, Checkpoint>;
}

interface Lane {
  spec: LaneSpec;
  config: TrainConfig;
  model: Seq2Seq;
  optimizer: tf.Optimizer;
  hard?: HardAttentionSettings;
  lossSum: tf.Scalar;
  since: number;
  trainMs: number;
  steps: number;
  last: LaneSnapshot;
}

/** Probe seed for hard attention's sampled picks: fixed, so successive pictures differ only because the model did. */
export const PROBE_SEED = 7;

/** Resolves each lane's full config; the data settings come from `base` for all of them. */
export function laneConfigs(race: RaceConfig): TrainConfig[] {
  if (race.lanes.length === 0) throw new Error("Choose at least one model to train.");
  const ids = new Set(race.lanes.map((l) => l.id));
  if (ids.size !== race.lanes.length) throw new Error("Each model needs its own id.");
  const base = resolveTrainConfig({ ...race.base, steps: race.steps });
  return race.lanes.map((l) =>
    resolveTrainConfig({
      ...base,
      ...l.config,
      // The data are shared: a lane may change its model's seed, never the sentences it sees.
      task: base.task,
      minLength: base.minLength,
      maxLength: base.maxLength,
      testSize: base.testSize,
      batchSize: base.batchSize,
      steps: race.steps,
    }),
  );
}

async function probeOf(lane: Lane, data: Dataset): Promise<Translation | undefined> {
  const text = lane.config.probe ?? data.task.probe;
  try {
    return await translate(lane.model, data.vocab, text, {
      ...lane.config,
      maxSteps: data.maxTargetLength + 1,
      // Hard attention: show the picks sampled from α, as in training (the argmax would hide the randomness).
      samplePicks: lane.config.mode === "hard",
      seed: PROBE_SEED,
    });
  } catch {
    return undefined;
  }
}

export async function* race(spec: RaceConfig, options: RaceOptions = {}): AsyncGenerator<FinalRaceSnapshot> {
  const configs = laneConfigs(spec);
  const base = resolveTrainConfig({ ...spec.base, steps: spec.steps });
  const data = makeDataset(base);
  const divergenceLimit = 3 * Math.log(data.vocab.size);
  const lanes: Lane[] = [];
  try {
    for (const [i, config] of configs.entries()) {
      const model = createSeq2Seq(modelConfigOf(config, data.vocab.size));
      lanes.push({
        spec: spec.lanes[i],
        config,
        model,
        optimizer: adam(config.learningRate),
        hard:
          config.mode === "hard"
            ? {
                entropyBonus: config.entropyBonus,
                baseline: tf.tidy(() => tf.variable(tf.scalar(0), false)),
                baselineDecay: config.baselineDecay,
              }
            : undefined,
        lossSum: tf.scalar(0),
        since: 0,
        trainMs: 0,
        steps: 0,
        last: {
          id: spec.lanes[i].id,
          status: "training",
          loss: NaN,
          tokenAccuracy: 0,
          exactMatch: 0,
          exactMatchByLength: [],
          evaluatedAt: 0,
          parameterCount: model.parameterCount,
          msPerStep: 0,
        },
      });
    }
    const snapshot = (step: number): RaceSnapshot => ({
      step,
      totalSteps: spec.steps,
      finished: lanes.every((l) => l.last.status !== "training"),
      lanes: lanes.map((l) => l.last),
      backend: tf.getBackend(),
    });

    for (let step = 1; step <= spec.steps; step++) {
      const active = lanes.filter((l) => l.last.status === "training");
      if (active.length === 0) break;
      const encoded = encodeBatch(data.nextBatch(base.batchSize), data.vocab, base);
      for (const lane of active) {
        // Each model gets its own copy of the batch: the step's tidy may not free shared inputs.
        const batch = batchTensors(encoded);
        const t0 = performance.now();
        const loss = trainingStep(lane.model, lane.optimizer, batch, {
          clipNorm: lane.config.clipNorm,
          seed: lane.config.seed * 100_003 + step * 257,
          hard: lane.hard,
        });
        const sum = tf.add(lane.lossSum, loss) as tf.Scalar;
        tf.dispose([lane.lossSum, loss]);
        lane.lossSum = sum;
        disposeBatch(batch);
        lane.trainMs += performance.now() - t0;
        lane.steps++;
        lane.since++;
      }
      const isLast = step === spec.steps;
      if (step % base.reportEvery !== 0 && step % base.evalEvery !== 0 && !isLast) continue;
      for (const lane of active) {
        const loss = (await lane.lossSum.data())[0] / lane.since;
        lane.lossSum.dispose();
        lane.lossSum = tf.scalar(0);
        lane.since = 0;
        lane.last = { ...lane.last, loss, msPerStep: lane.trainMs / lane.steps };
        if (!Number.isFinite(loss) || loss > divergenceLimit) {
          lane.last = {
            ...lane.last,
            status: "diverged",
            reason: `${lane.spec.label} diverged at step ${step}: its loss ${Number.isFinite(loss) ? `rose to ${loss.toFixed(1)}` : "stopped being a number"}.`,
          };
          continue;
        }
        if (step % base.evalEvery === 0 || isLast) {
          const { probe: _, ...accuracy } = await evaluate(lane.model, data, lane.config);
          const probe = await probeOf(lane, data);
          const reachedAt = lane.last.reachedAt ?? (accuracy.exactMatch >= spec.threshold ? step : undefined);
          lane.last = { ...lane.last, ...accuracy, probe, evaluatedAt: step, reachedAt };
        }
        if (isLast) lane.last = { ...lane.last, status: "done" };
      }
      const s: FinalRaceSnapshot = snapshot(step);
      if (s.finished && options.exportCheckpoints) {
        s.checkpoints = {};
        for (const lane of lanes) s.checkpoints[lane.spec.id] = await saveCheckpoint(lane.model);
      }
      yield s;
      if (s.finished) return;
    }
  } finally {
    for (const lane of lanes) {
      lane.lossSum.dispose();
      lane.optimizer.dispose();
      lane.hard?.baseline.dispose();
      lane.model.dispose();
    }
  }
}
