/**
 * The Transformer page's run: the Transformer trains, and when a race is asked for, the GRU
 * with additive attention (Bahdanau et al. 2015) trains beside it on the same data and seed,
 * one report each in turn (round-robin), each stopped at its step budget or its time cap.
 * Each runner's kernels per training step are counted once by tfjs's profiler on a throwaway
 * copy (forward, backward and Adam), so the trained models are untouched. DOM-free.
 */
import * as tf from "../tf.js";
import { positionEncodings } from "../model/transformer/index.js";
import type { Translation } from "../model/index.js";
import type { TransformerTranslation } from "../model/transformer/index.js";
import { resolveTrainConfig } from "./config.js";
import { learnerStep, trainLearner, type Learner, type LearnerSnapshot } from "./learner.js";
import { seq2seqLearner } from "./train.js";
import { resolveTransformerTrainConfig, transformerLearner } from "./transformer.js";
import type { RaceReport, Runner, TransformerStart } from "./transformer-race-report.js";

export { stepsTo, type RaceReport, type Runner, type TransformerStart } from "./transformer-race-report.js";

/** Kernels launched by one training step of a fresh learner (disposed here), counted by tf.profile. */
export async function kernelsPerStep<B>(learner: Learner<B>, batchSize: number, seed: number): Promise<number> {
  const optimizer = tf.train.adam(0.001);
  const batch = learner.nextBatch(batchSize);
  try {
    const profile = await tf.profile(() => learnerStep(learner, optimizer, batch, 1, seed));
    tf.dispose(profile.result as tf.TensorContainer);
    return profile.kernels.length;
  } finally {
    learner.disposeBatch(batch);
    optimizer.dispose();
    learner.dispose();
  }
}

interface Lane {
  runner: Runner;
  run: AsyncGenerator<LearnerSnapshot<TransformerTranslation | Translation>>;
  kernels: number;
  ms: number;
  done: boolean;
  evaluatedAt: number;
}

/** Round-robin reports of the Transformer (and the GRU when `start.gru`), until both are done. */
export async function* transformerRace(
  start: TransformerStart,
  options: { exportCheckpoint?: boolean } = {},
): AsyncGenerator<RaceReport & { checkpoint?: unknown }> {
  const tc = resolveTransformerTrainConfig(start.config);
  const t = transformerLearner(tc);
  const probeLength = [...(tc.probe ?? t.data.task.probe)].length;
  const lanes: Lane[] = [];
  try {
    lanes.push({
      runner: "transformer",
      run: trainLearner(t, tc, { keepLearner: true, exportCheckpoint: options.exportCheckpoint }),
      kernels: await kernelsPerStep(transformerLearner(tc), tc.batchSize, tc.seed ?? 1),
      ms: 0,
      done: false,
      evaluatedAt: -1,
    });
    if (start.gru) {
      const gc = resolveTrainConfig(start.gru);
      lanes.push({
        runner: "gru",
        run: trainLearner(seq2seqLearner(gc), gc, { exportCheckpoint: options.exportCheckpoint }),
        kernels: await kernelsPerStep(seq2seqLearner(gc), gc.batchSize, gc.seed),
        ms: 0,
        done: false,
        evaluatedAt: -1,
      });
    }
    while (lanes.some((l) => !l.done)) {
      for (const lane of lanes) {
        if (lane.done) continue;
        const t0 = performance.now();
        const next = await lane.run.next();
        lane.ms += performance.now() - t0;
        if (next.done) {
          lane.done = true;
          continue;
        }
        const { checkpoint, ...snapshot } = next.value;
        const capped = snapshot.status === "training" && lane.ms > start.capMs;
        if (snapshot.status !== "training") lane.done = true;
        let encodings: number[][] | undefined;
        if (lane.runner === "transformer" && snapshot.evaluatedAt !== lane.evaluatedAt) {
          encodings = await positionEncodings(t.model, probeLength);
        }
        lane.evaluatedAt = snapshot.evaluatedAt;
        yield {
          runner: lane.runner,
          snapshot: capped ? { ...snapshot, status: "done" } : snapshot,
          msPerStep: snapshot.stepsPerSecond > 0 ? 1000 / snapshot.stepsPerSecond : 0,
          kernelsPerStep: lane.kernels,
          encodings,
          capped,
          ...(checkpoint ? { checkpoint } : {}),
        };
        if (capped) {
          lane.done = true;
          await lane.run.return(undefined);
        }
      }
    }
  } finally {
    for (const lane of lanes) await lane.run.return(undefined);
    t.dispose();
  }
}
