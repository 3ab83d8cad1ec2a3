/**
 * Time to 99% exact match (PERFORMANCE.md benchmark design, item 7): the real trainer on
 * reverse-words, stopped at the target or at a step/time cap so the bench always ends.
 * Steps-to-accuracy does not depend on the hardware; seconds do.
 */
import * as tf from "../src/components/tf.ts";
import { train, type TrainConfig, type TrainSnapshot } from "../src/components/train/index.ts";

/**
 * The fastest-converging settings measured for this task (npm run train, inputs ≤ 20):
 * a bidirectional encoder tells every state where its word ends, and batch 64 keeps a
 * learning rate of 0.02 stable (unidirectional at 0.02 oscillated between 35% and 77%).
 * Measured: 98.4% exact match at step 400, 100% at 700.
 */
export const FAST_CONVERGENCE: Partial<TrainConfig> = {
  attention: "additive",
  bidirectional: true,
  hiddenSize: 64,
  batchSize: 64,
  learningRate: 0.02,
};
import type { TimeTo99Result, TimeTo99Spec } from "./spec.ts";

export async function timeTo99(
  spec: TimeTo99Spec,
  where: TimeTo99Result["where"],
  progress: (line: string) => void = () => {},
): Promise<TimeTo99Result> {
  const f = FAST_CONVERGENCE;
  const settings = `${f.attention}, ${f.bidirectional ? "bidirectional, " : ""}H=${f.hiddenSize}, B=${f.batchSize}, lr ${f.learningRate}`;
  const base = { where, backend: tf.getBackend(), attention: settings };
  const started = performance.now();
  let last: TrainSnapshot | undefined;
  let stop = "step cap";
  // Exact match wobbles from one evaluation to the next at this learning rate: keep the best too.
  let best = { exactMatch: 0, step: 0 };
  const run = train({
    ...FAST_CONVERGENCE,
    task: "reverse-words",
    maxLength: spec.maxLength,
    steps: spec.stepCap,
    evalEvery: spec.evalEvery,
    stopAtExactMatch: spec.target,
  });
  try {
    for await (const snapshot of run) {
      const fresh = snapshot.evaluatedAt !== last?.evaluatedAt;
      last = snapshot;
      if (fresh && snapshot.exactMatch > best.exactMatch)
        best = { exactMatch: snapshot.exactMatch, step: snapshot.evaluatedAt };
      if (fresh && snapshot.evaluatedAt > 0) {
        progress(
          `${where}/${base.backend}: step ${snapshot.step}: exact match ${(snapshot.exactMatch * 100).toFixed(1)}%`,
        );
      }
      if (snapshot.status === "diverged") stop = "diverged";
      else if (snapshot.exactMatch >= spec.target) stop = "reached";
      else if (performance.now() - started > spec.secondsCap * 1000) {
        stop = "time cap";
        break; // for-await calls return(): the trainer's finally frees its tensors
      }
    }
  } catch (e) {
    stop = e instanceof Error ? e.message : String(e);
  }
  const trainSeconds = last && last.stepsPerSecond > 0 ? last.step / last.stepsPerSecond : 0;
  return {
    ...base,
    reached: stop === "reached",
    stop,
    step: last?.evaluatedAt ?? 0,
    exactMatch: last?.exactMatch ?? 0,
    tokenAccuracy: last?.tokenAccuracy ?? 0,
    best,
    seconds: (performance.now() - started) / 1000,
    trainSeconds,
    error: last ? undefined : stop,
  };
}
