import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import { costRows, costSentences, type CostFigures } from "../../src/components/analysis/honest-costs.ts";
import { kernelsByLength, kernelsPerPosition } from "../../src/components/analysis/kernel-growth.ts";
import { encode, sourceBatch } from "../../src/components/model/transformer/index.ts";
import { encodeSequence, sourceTensors } from "../../src/components/model/index.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { tinyModel } from "../support/tiny-model.ts";
import { tinyTransformer } from "../support/tiny-transformer.ts";

before(() => useNodeBackend());

const source = (n: number) => [Array.from({ length: n }, (_, i) => 3 + (i % 5))];

test("measured: the recurrent encoder's kernels grow with the input, the Transformer's do not", async () => {
  const gru = tinyModel({ attention: "additive" });
  const transformer = tinyTransformer({ layers: 2 });
  const before = tf.memory().numTensors;
  const gruCounts = await kernelsByLength(
    (n) => {
      const src = sourceTensors(source(n));
      return encodeSequence(gru, src).states;
    },
    [4, 8],
  );
  const tCounts = await kernelsByLength(
    (n) => {
      const src = sourceBatch(source(n));
      return encode(transformer, src.sourceIds, src.sourceMaskBias).memory;
    },
    [4, 8],
  );
  assert.equal(tf.memory().numTensors, before, "kernelsByLength frees what the passes made");
  assert.ok(kernelsPerPosition(gruCounts) >= 3, `GRU: ${JSON.stringify(gruCounts)}`);
  assert.equal(kernelsPerPosition(tCounts), 0, `Transformer: ${JSON.stringify(tCounts)}`);
  gru.dispose();
  transformer.dispose();
});

const figures: CostFigures = {
  sourceLength: 6,
  recurrent: {
    name: "GRU",
    sourceScores: 42,
    encoderKernels: [
      { length: 4, kernels: 60 },
      { length: 8, kernels: 100 },
    ],
    decodeSteps: 7,
    outputs: 7,
  },
  transformer: {
    name: "Transformer",
    sourceScores: 36,
    encoderKernels: [
      { length: 4, kernels: 90 },
      { length: 8, kernels: 90 },
    ],
    decodeSteps: 7,
    outputs: 7,
  },
};

test("costRows turns measured figures into the four rows: scores, sequential steps, path, decoding steps", () => {
  const rows = costRows(figures);
  assert.deepEqual(
    rows.map((r) => [r.recurrent, r.transformer, r.order]),
    [
      [42, 36, "n·m vs n²"],
      [6, 1, "n vs 1"],
      [5, 1, "n vs 1"],
      [7, 7, "m vs m"],
    ],
  );
});

test("costSentences states the numbers it was given, and its verdict follows them", () => {
  const s = costSentences(figures);
  assert.match(s[0], /computed 36 scores .*\(n² = 6²\).* computed 42/);
  assert.match(s[1], /GRU 6 sequential steps \(its kernel count grew by 10 per character from 4 to 8/);
  assert.match(s[1], /Transformer 1 step \(its kernel count stayed the same/);
  assert.match(s[2], /5 recurrent steps .* 1 attention hop/);
  assert.match(s[3], /7 for 7 outputs in the GRU, 7 for 7 outputs/);
  assert.match(
    s[4],
    /the sequential steps of training and encoding go, the n² scores remain, and greedy decoding is still one step per output/,
  );
  // Other numbers, another verdict: the sentences are generated, not fixed.
  const flat = {
    ...figures,
    transformer: { ...figures.transformer, encoderKernels: figures.recurrent.encoderKernels },
  };
  assert.match(costSentences(flat).at(-1)!, /the sequential steps did not go here/);
});
