// Self-attention over the encoder states: rows are distributions, the maths is softmax(H Hᵀ/√d),
// foreign characters are refused, and no tensor is left behind.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tf from "../../src/components/tf.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { loadCheckpoint } from "../../src/components/model/index.ts";
import { selfAttention, selfAttentionWeights } from "../../src/components/model/self-attention.ts";
import { getTask, makeVocabulary, OutOfVocabularyError } from "../../src/components/tasks/index.ts";

before(() => useNodeBackend());

test("selfAttentionWeights is softmax(H Hᵀ / √d), row by row", () => {
  const H = [
    [1, 0],
    [0, 2],
    [1, 1],
  ];
  const { weights, scores } = tf.tidy(() => {
    const r = selfAttentionWeights(tf.tensor2d(H));
    return { weights: r.weights.arraySync(), scores: r.scores.arraySync() };
  });
  for (let i = 0; i < 3; i++) {
    const e = H.map((hj) => (H[i][0] * hj[0] + H[i][1] * hj[1]) / Math.SQRT2);
    const z = e.reduce((s, x) => s + Math.exp(x), 0);
    for (let j = 0; j < 3; j++) {
      assert.ok(Math.abs(scores[i][j] - e[j]) < 1e-5);
      assert.ok(Math.abs(weights[i][j] - Math.exp(e[j]) / z) < 1e-5);
    }
  }
});

test("the pretrained attention model's encoder states attending to themselves: n × n, rows sum to 1, no leaks", async () => {
  const snapshot = JSON.parse(
    readFileSync(new URL("../../src/data/attention-snapshot.json", import.meta.url), "utf-8"),
  );
  const model = loadCheckpoint(
    JSON.parse(readFileSync(new URL("../../src/data/attention-checkpoint.json", import.meta.url), "utf-8")),
  );
  const vocab = makeVocabulary(getTask(snapshot.config.task).alphabet);
  try {
    const before = tf.memory().numTensors;
    const text = "the cat sat";
    const r = await selfAttention(model, vocab, text);
    assert.equal(tf.memory().numTensors, before, "no tensor leaks");
    assert.deepEqual(r.tokens, [...text]);
    assert.equal(r.weights.length, text.length);
    for (const row of r.weights) {
      assert.equal(row.length, text.length);
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4);
      assert.ok(row.every((w) => w >= 0 && w <= 1));
    }
    await assert.rejects(() => selfAttention(model, vocab, "héllo"), OutOfVocabularyError);
    await assert.rejects(() => selfAttention(model, vocab, ""), /at least one character/);
    assert.equal(tf.memory().numTensors, before, "no leaks after refused input");
  } finally {
    model.dispose();
  }
});
