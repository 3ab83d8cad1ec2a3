import { before, test } from "node:test";
import {
  disposeTransformerBatch,
  transformerLoss,
  type TransformerConfig,
} from "../../src/components/model/transformer/index.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { tinyTransformer, tinyTransformerBatch } from "../support/tiny-transformer.ts";
import { assertGradientsMatchFiniteDifferences } from "../support/finite-differences.ts";

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
    assertGradientsMatchFiniteDifferences(model.params, () => transformerLoss(model, batch), { eps: EPS });
    disposeTransformerBatch(batch);
    model.dispose();
  });
}
