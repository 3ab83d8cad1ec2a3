// REINFORCE for hard attention credits a pick with the rewards of its own and every later step
// (the return from t on), less a baseline per remaining real token (loss.ts states the estimator).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import { batchLoss, returnsToGo } from "../../src/components/model/loss.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { tinyBatch, tinyModel } from "../support/tiny-model.ts";

before(() => useNodeBackend());

test("the return from step t sums the later rewards less the baseline, and skips padding", () => {
  // Two sentences of three steps; the second has one padded step at the end.
  const reward = tf.tensor1d([-1, -2, -3, -0.5, -0.25, -9]);
  const mask = tf.tensor1d([1, 1, 1, 1, 1, 0]);
  const baseline = tf.scalar(-1);
  const g = returnsToGo(reward, mask, baseline, 2, 3);
  // Row 1: r − b = [0, −1, −2] → from t on: [−3, −3, −2]. Row 2: [0.5, 0.75, (pad) 0] → [1.25, 0.75, 0].
  const expected = [-3, -3, -2, 1.25, 0.75, 0];
  g.dataSync().forEach((v, i) =>
    assert.ok(Math.abs(v - expected[i]) < 1e-6, `G[${i}] = ${v}, expected ${expected[i]}`),
  );
  tf.dispose([reward, mask, baseline, g]);
});

test("a pick's credit changes when only a later step's reward changes (not a one-step reward)", () => {
  const mask = tf.tensor1d([1, 1, 1]);
  const baseline = tf.scalar(0);
  const a = tf.tensor1d([-1, -1, -1]);
  const b = tf.tensor1d([-1, -1, -5]);
  const [ga, gb] = [returnsToGo(a, mask, baseline, 1, 3), returnsToGo(b, mask, baseline, 1, 3)].map((t) =>
    t.arraySync(),
  );
  assert.notEqual(ga[0], gb[0], "the first pick must feel the last step's reward");
  assert.equal(gb[0] - ga[0], -4);
  tf.dispose([mask, baseline, a, b]);
});

test("the hard-attention loss and its gradients are finite and leak no tensors", () => {
  const model = tinyModel({ attention: "additive", mode: "hard" });
  const batch = tinyBatch();
  const hard = { entropyBonus: 0.01, baseline: tf.variable(tf.scalar(0)), baselineDecay: 0.9 };
  const once = () =>
    tf.tidy(() => {
      const { grads, value } = tf.variableGrads(() => batchLoss(model, batch, { sample: true, seed: 3, hard }).loss);
      const finite = Object.values(grads).every((g) => g.dataSync().every(Number.isFinite));
      return [value.dataSync()[0], finite] as const;
    });
  once();
  const before = tf.memory().numTensors;
  const [loss, finite] = once();
  assert.ok(Number.isFinite(loss) && finite);
  assert.equal(tf.memory().numTensors, before);
  hard.baseline.dispose();
});
