import { before, test } from "node:test";
import { batchLoss, disposeBatch, type ModelConfig } from "../../src/components/model/index.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { tinyBatch, tinyModel } from "../support/tiny-model.ts";
import { assertGradientsMatchFiniteDifferences } from "../support/finite-differences.ts";

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
    assertGradientsMatchFiniteDifferences(
      model.params,
      () => batchLoss(model, batch, { sample: false, seed: 0 }).loss,
      {
        eps: EPS,
      },
    );
    disposeBatch(batch);
    model.dispose();
  });
}
