import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "../../src/components/tf.ts";
import { adam, isClippedAdam } from "../../src/components/train/adam.ts";
import { clipByGlobalNorm } from "../../src/components/train/clip.ts";
import { useNodeBackend } from "../support/node-backend.ts";

before(() => useNodeBackend());

/** Three steps on a small quadratic with each optimiser; returns the weights after each step. */
function run(step: (grads: tf.NamedTensorMap) => void, a: tf.Variable, b: tf.Variable, gain: number): number[][] {
  const seen: number[][] = [];
  for (let i = 0; i < 3; i++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => tf.mul(gain, tf.add(tf.sum(tf.square(tf.sub(a, 3))), tf.sum(tf.mul(b, b)))) as tf.Scalar,
        [a, b],
      );
      step(grads);
    });
    seen.push([...a.dataSync(), ...b.dataSync()]);
  }
  return seen;
}

describe("ClippedAdam", () => {
  for (const [label, gain] of [
    ["under the clipping bound", 0.1],
    ["clipped", 100],
  ] as const) {
    it(`takes tf.train.adam's steps after clipByGlobalNorm: ${label}`, () => {
      const before = tf.memory().numTensors;
      const init = () => tf.tidy(() => [tf.variable(tf.tensor2d([[1, -2]])), tf.variable(tf.tensor1d([0.5, 4, -1]))]);
      const [a1, b1] = init();
      const [a2, b2] = init();
      const stock = tf.train.adam(0.05);
      const ours = adam(0.05);
      assert.ok(isClippedAdam(ours), "wasm and cpu have the loop kernels");
      assert.ok(!isClippedAdam(stock));
      const want = run(
        (g) =>
          stock.applyGradients(
            Object.entries(clipByGlobalNorm(g, 5).clipped).map(([name, tensor]) => ({ name, tensor })),
          ),
        a1,
        b1,
        gain,
      );
      const got = run((g) => ours.applyClippedGradients(g, 5), a2, b2, gain);
      for (let s = 0; s < want.length; s++) {
        for (let i = 0; i < want[s].length; i++)
          assert.ok(Math.abs(got[s][i] - want[s][i]) < 1e-5, `step ${s}: ${got[s]} vs ${want[s]}`);
      }
      assert.notDeepEqual(got[0], got[2], "the weights moved");
      stock.dispose();
      ours.dispose();
      tf.dispose([a1, b1, a2, b2]);
      assert.equal(tf.memory().numTensors, before, "no tensor left behind");
    });
  }
});
