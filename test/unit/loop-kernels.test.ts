import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "../../src/components/tf.ts";
import { batchLoss, disposeBatch, type ModelConfig } from "../../src/components/model/index.ts";
import { LOOP_KERNELS, sigmoid, tanh } from "../../src/components/model/loop-kernels.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { tinyBatch, tinyModel } from "../support/tiny-model.ts";
import { assertGradientsMatchFiniteDifferences } from "../support/finite-differences.ts";

before(() => useNodeBackend());

/** Runs `f` with the loop kernels unregistered on the current backend: the ops-only path WebGL takes. */
function withoutLoopKernels<T>(f: () => T): T {
  const backend = tf.getBackend();
  const kept = LOOP_KERNELS.map((name) => tf.getKernel(name, backend)!);
  for (const name of LOOP_KERNELS) tf.unregisterKernel(name, backend);
  try {
    return f();
  } finally {
    for (const k of kept) tf.registerKernel(k);
  }
}

/** The loss and every parameter's gradient of one tiny batch. */
function lossAndGrads(overrides: Partial<ModelConfig>) {
  const model = tinyModel(overrides);
  const batch = tinyBatch();
  const { value, grads } = tf.variableGrads(
    () => batchLoss(model, batch, { sample: false, seed: 0 }).loss,
    Object.values(model.params),
  );
  const out = {
    loss: value.dataSync()[0],
    grads: Object.fromEntries(Object.entries(model.params).map(([k, v]) => [k, Array.from(grads[v.name].dataSync())])),
  };
  tf.dispose([value, ...Object.values(grads)]);
  disposeBatch(batch);
  model.dispose();
  return out;
}

describe("loop kernels", () => {
  it("tanh and σ are within 2e-8 of the exact functions", () => {
    let worst = 0;
    for (let x = -30; x <= 30; x += 1e-3) {
      worst = Math.max(worst, Math.abs(tanh(x) - Math.tanh(x)), Math.abs(sigmoid(x) - 1 / (1 + Math.exp(-x))));
    }
    assert.ok(worst < 2e-8, `worst error ${worst}`);
    assert.ok(Math.abs(tanh(1e6)) <= 1 && Math.abs(tanh(-1e6)) <= 1);
  });

  it("are registered on wasm and cpu", () => {
    assert.equal(LOOP_KERNELS.length, 4);
    for (const name of LOOP_KERNELS)
      for (const b of ["wasm", "cpu"]) assert.ok(tf.getKernel(name, b), `${name} on ${b}`);
  });

  const variants: [string, Partial<ModelConfig>][] = [
    ["additive, bidirectional (the Attention page)", { attention: "additive", bidirectional: true }],
    ["none (the Bottleneck page)", { attention: "none" }],
    ["dot (Luong, its recurrence in one op)", { attention: "dot" }],
  ];
  for (const [name, overrides] of variants) {
    it(`give the ops-only path's loss and gradients: ${name}`, () => {
      const lean = lossAndGrads(overrides);
      const ops = withoutLoopKernels(() => lossAndGrads(overrides));
      assert.ok(Math.abs(lean.loss - ops.loss) < 1e-6, `loss ${lean.loss} vs ${ops.loss}`);
      for (const [k, g] of Object.entries(ops.grads)) {
        const scale = Math.max(...g.map(Math.abs));
        const diff = Math.max(...g.map((x, i) => Math.abs(x - lean.grads[k][i])));
        assert.ok(diff <= 1e-5 * Math.max(1, scale), `${k}: differs by ${diff} (largest ${scale})`);
      }
    });

    it(`ops-only path: every gradient matches finite differences: ${name}`, () => {
      withoutLoopKernels(() => {
        const model = tinyModel(overrides);
        const batch = tinyBatch();
        assertGradientsMatchFiniteDifferences(
          model.params,
          () => batchLoss(model, batch, { sample: false, seed: 0 }).loss,
          {
            eps: 5e-3,
          },
        );
        disposeBatch(batch);
        model.dispose();
      });
    });
  }
});
