import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import {
  attentionScoreCount,
  COST_VARIANTS,
  measureCost,
  type CostPoint,
} from "../../src/components/cost/measure-cost.ts";
import { useNodeBackend } from "../support/node-backend.ts";

before(() => useNodeBackend());

test("attention score counts: n × m for global, (2D + 1) × m for local, none without attention", () => {
  const [none, global, local] = COST_VARIANTS;
  assert.equal(attentionScoreCount(none, 50, 50), 0);
  assert.equal(attentionScoreCount(global, 50, 50), 2500);
  assert.equal(attentionScoreCount(local, 50, 50), 9 * 50);
  assert.equal(attentionScoreCount(local, 5, 6), 30, "a window wider than the input is the whole input");
});

test("measureCost yields every (variant, length) point, frees its tensors, and global work grows with length", async () => {
  const before = tf.memory().numTensors;
  const points: CostPoint[] = [];
  for await (const p of measureCost({ lengths: [6, 24], batchSize: 4, hiddenSize: 8, repeats: 1 })) points.push(p);
  assert.equal(points.length, 6);
  assert.equal(tf.memory().numTensors, before);
  const at = (variant: string, length: number) => points.find((p) => p.variant === variant && p.length === length)!;
  for (const v of COST_VARIANTS) {
    assert.ok(at(v.name, 24).kernelsPerStep > at(v.name, 6).kernelsPerStep, `${v.name}: more steps, more kernels`);
    assert.ok(at(v.name, 6).msPerStep > 0 && at(v.name, 6).msPerDecode > 0);
  }
  assert.equal(at("global attention", 24).scoresPerSentence, 24 * 25);
  assert.equal(at("global attention", 24).attentionBytes, 24 * 25 * 4 * 4);
});
