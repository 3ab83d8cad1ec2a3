import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import {
  disposeTransformerBatch,
  transformerLoss,
  type TransformerConfig,
} from "../../src/components/model/transformer/index.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { tinyTransformer, tinyTransformerBatch } from "../support/tiny-transformer.ts";

// Runs on the tests' backend (wasm unless TFJS_BACKEND says otherwise): taking the gradient
// there also proves wasm registers every kernel the backward pass needs.
before(() => useNodeBackend());

const variants: [string, Partial<TransformerConfig>][] = [
  ["one layer, two heads, learned positions", { layers: 1, heads: 2, positions: "learned" }],
  ["two layers, one head, sinusoidal positions", { layers: 2, heads: 1, positions: "sinusoidal" }],
  ["one layer, four heads, no positions", { layers: 1, heads: 4, modelSize: 8, positions: "none" }],
  ["two layers, two heads, pre-norm, learned positions", { layers: 2, heads: 2, norm: "pre", positions: "learned" }],
];

// Central differences in float32. Layer norm over 4-wide vectors curves the loss sharply, so a
// step of 5e-3 already misses by ~15% (truncation error, shrinking as the step does: measured);
// 2e-3 still keeps round-off (~1e-7 · loss / step) far below the tolerance.
const EPS = 2e-3;

for (const [name, overrides] of variants) {
  test(`${name}: every parameter's gradient matches finite differences`, () => {
    const model = tinyTransformer(overrides);
    const batch = tinyTransformerBatch();
    const loss = () => tf.tidy(() => transformerLoss(model, batch).arraySync() as number);
    const { grads, value } = tf.variableGrads(() => transformerLoss(model, batch));
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
          tf.tidy(() => variable.assign(tf.tensor(w, variable.shape)));
          return loss();
        };
        const numeric = (at(EPS) - at(-EPS)) / (2 * EPS);
        tf.tidy(() => variable.assign(tf.tensor(original, variable.shape)));
        const tolerance = 1e-3 + 0.03 * Math.abs(numeric);
        assert.ok(Math.abs(numeric - g[i]) < tolerance, `${pname}[${i}]: analytic ${g[i]}, numeric ${numeric}`);
        checked++;
      }
      // A parameter the loss ignores would have an all-zero gradient: every one must matter.
      assert.ok(
        g.some((x) => x !== 0),
        `${pname} has no gradient`,
      );
    }
    assert.ok(checked >= Object.keys(model.params).length, "checked every parameter");
    tf.dispose(Object.values(grads));
    disposeTransformerBatch(batch);
    model.dispose();
  });
}
