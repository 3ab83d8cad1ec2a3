import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import {
  captionLearner,
  captionScene,
  trainCaptioner,
  type CaptionConfig,
  type CaptionSnapshot,
} from "../../src/components/train/caption.ts";
import { attentionCorrectness, scoreCaptions } from "../../src/components/train/caption-metrics.ts";
import { loadCaptioner } from "../../src/components/model/captioner.ts";
import type { Scene } from "../../src/components/tasks/scenes.ts";
import { useNodeBackend } from "../support/node-backend.ts";

before(() => useNodeBackend());

const small: Partial<CaptionConfig> = {
  hiddenSize: 16,
  channels: 8,
  features: 8,
  attentionSize: 8,
  batchSize: 8,
  testSize: 16,
};

async function run(config: Partial<CaptionConfig>, options = {}): Promise<CaptionSnapshot[]> {
  const out: CaptionSnapshot[] = [];
  for await (const s of trainCaptioner(config, options)) out.push(s);
  return out;
}

test("attentionCorrectness sums α on the named shape's cells and compares it with uniform attention", () => {
  const weights = [
    [
      [0.5, 0.3, 0.1, 0.1],
      [0.1, 0.1, 0.8, 0],
      [0.25, 0.25, 0.25, 0.25],
    ],
  ];
  const r = attentionCorrectness(weights, [[[0, 1], [2], []]]);
  assert.equal(r.words, 2);
  assert.ok(Math.abs(r.correctness - (0.8 + 0.8) / 2) < 1e-12);
  assert.ok(Math.abs(r.uniform - (2 / 4 + 1 / 4) / 2) < 1e-12);
});

test("scoreCaptions counts whole captions, words position by position, and the end marker", () => {
  const s = scoreCaptions(
    [
      ["red", "circle"],
      ["blue", "cross", "green", "square"],
    ],
    [
      ["red", "circle"],
      ["blue", "cross"],
    ],
    [1, 2],
  );
  assert.equal(s.exactMatch, 0.5);
  assert.equal(s.tokenAccuracy, (3 + 2) / (3 + 5));
  assert.deepEqual(
    s.exactMatchByLength.map((b) => [b.length, b.accuracy]),
    [
      [1, 1],
      [2, 0],
    ],
  );
});

test("snapshots are plain data with the caption figures and a probe of per-word attention over the grid", async () => {
  const snaps = await run({ ...small, steps: 6, reportEvery: 3, evalEvery: 6 });
  const last = snaps.at(-1)!;
  assert.equal(last.status, "done");
  for (const k of ["attentionCorrectness", "uniformBaseline", "chanceExactMatch"]) {
    assert.ok(Number.isFinite(last.metrics![k]) && last.metrics![k] >= 0 && last.metrics![k] <= 1, k);
  }
  const probe = last.probe!;
  assert.equal(probe.grid, 8);
  assert.equal(probe.attention.length, probe.tokens.length);
  for (const row of probe.attention) {
    assert.equal(row.length, 64);
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4);
  }
  assert.equal(probe.targetCells.length, probe.target.length);
  assert.ok(!JSON.stringify(snaps).includes("dataId"), "no tensor leaked into a snapshot");
});

test("training frees every tensor it made, also when stopped early, soft and hard", async () => {
  const before = tf.memory().numTensors;
  await run({ ...small, steps: 4, reportEvery: 2, evalEvery: 4 });
  assert.equal(tf.memory().numTensors, before, "after a full run");
  for (const mode of ["soft", "hard"] as const) {
    for await (const s of trainCaptioner({ ...small, mode, steps: 100, reportEvery: 2, evalEvery: 2 })) {
      if (s.step >= 4) break;
    }
    assert.equal(tf.memory().numTensors, before, `after an early stop (${mode})`);
  }
});

test("the tensor count stays flat across training steps", async () => {
  const counts: number[] = [];
  for await (const s of trainCaptioner({ ...small, steps: 12, reportEvery: 2, evalEvery: 4 })) {
    if (s.step >= 4) counts.push(tf.memory().numTensors);
  }
  assert.ok(counts.length >= 4 && counts.every((c) => c === counts[0]), `tensor counts: ${counts.join(", ")}`);
});

test("hard attention reports one-hot picks beside its distribution", async () => {
  const last = (await run({ ...small, mode: "hard", steps: 4, reportEvery: 2, evalEvery: 4 })).at(-1)!;
  const picks = last.probe!.picks!;
  assert.equal(picks.length, last.probe!.tokens.length);
  for (const row of picks) assert.deepEqual([...row].sort((a, b) => b - a).slice(0, 2), [1, 0]);
});

const drawn: Scene = {
  imageSize: 32,
  shapes: [
    { shape: "cross", colour: "yellow", x: 24, y: 8, size: 9 },
    { shape: "circle", colour: "red", x: 8, y: 20, size: 8 },
  ],
};

test("a saved captioner loads with the same captions and attention; other files are refused by name", async () => {
  const learner = captionLearner({ ...small, steps: 1 });
  const before = tf.memory().numTensors;
  const saved = await learner.save();
  assert.equal(saved.format, "glimpse-caption@1");
  const loaded = loadCaptioner(JSON.parse(JSON.stringify(saved)));
  const [a, b] = [await captionScene(learner.model, drawn), await captionScene(loaded, drawn)];
  assert.deepEqual(b.words, a.words);
  assert.deepEqual(b.attention, a.attention);
  assert.deepEqual(a.target, ["red", "circle", "yellow", "cross"]);
  loaded.dispose();
  assert.equal(tf.memory().numTensors, before, "captionScene and loading leak nothing");
  const seq2seq = { format: "glimpse-seq2seq@1", config: {}, weights: {} } as never;
  assert.throws(() => loadCaptioner(seq2seq), /holds a "glimpse-seq2seq@1" model, not an image captioner/);
  assert.throws(() => loadCaptioner({} as never), /no format field/);
  const wrong = { ...saved, weights: { ...saved.weights, "init.b": { shape: [3], values: [0, 0, 0] } } };
  assert.throws(() => loadCaptioner(wrong), /Weight "init.b" has shape \[3\]/);
  assert.equal(tf.memory().numTensors, before, "a refused file leaks nothing");
  learner.dispose();
});

test("captioning a reader's scene checks it first", async () => {
  const learner = captionLearner({ ...small, steps: 1 });
  await assert.rejects(captionScene(learner.model, { imageSize: 32, shapes: [] }), /at least one shape/);
  await assert.rejects(captionScene(learner.model, { ...drawn, imageSize: 64 }), /this model reads 32/);
  learner.dispose();
});
