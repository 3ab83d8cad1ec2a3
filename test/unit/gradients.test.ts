import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import { batchLoss, disposeBatch, type ModelConfig } from "../../src/components/model/index.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { tinyBatch, tinyModel } from "../support/tiny-model.ts";

before(() => useNodeBackend());

const variants: [string, Partial<ModelConfig>][] = [
  ["none (the bottleneck)", { attention: "none" }],
  ["additive (Bahdanau)", { attention: "additive" }],
  ["dot (Luong)", { attention: "dot" }],
  ["general (Luong)", { attention: "general" }],
  ["concat (Luong)", { attention: "concat" }],
  ["scaled-dot", { attention: "scaled-dot" }],
  ["general with input feeding, bidirectional", { attention: "general", inputFeeding: true, bidirectional: true }],
  ["additive at temperature 0.5", { attention: "additive", temperature: 0.5 }],
  ["local (window 1), concat", { attention: "concat", window: 1 }],
];

// Central differences in float32: a step of 5e-3 keeps round-off (~1e-7 / 1e-2) far below the tolerance.
const EPS = 5e-3;

for (const [name, overrides] of variants) {
  test(`${name}: every parameter's gradient matches finite differences`, () => {
    const model = tinyModel(overrides);
    const batch = tinyBatch();
    const loss = () => tf.tidy(() => batchLoss(model, batch, { sample: false, seed: 0 }).loss.arraySync() as number);
    const { grads, value } = tf.variableGrads(() => batchLoss(model, batch, { sample: false, seed: 0 }).loss);
    value.dispose();
    let checked = 0;
    for (const [pname, variable] of Object.entries(model.params)) {
      const g = grads[variable.name].dataSync();
      const original = variable.dataSync().slice();
      // The three coordinates with the largest gradients: where a wrong formula shows most.
      const coords = [...g.keys()].sort((a, b) => Math.abs(g[b]) - Math.abs(g[a])).slice(0, 3);
      for (const i of coords) {
        const at = (delta: number) => {
          const w = original.slice();
          w[i] += delta;
          variable.assign(tf.tensor(w, variable.shape));
          return loss();
        };
        const numeric = (at(EPS) - at(-EPS)) / (2 * EPS);
        variable.assign(tf.tensor(original, variable.shape));
        const tolerance = 1e-3 + 0.03 * Math.abs(numeric);
        assert.ok(Math.abs(numeric - g[i]) < tolerance, `${pname}[${i}]: analytic ${g[i]}, numeric ${numeric}`);
        checked++;
      }
    }
    assert.ok(checked >= Object.keys(model.params).length, "checked every parameter");
    tf.dispose(Object.values(grads));
    disposeBatch(batch);
    model.dispose();
  });
}
