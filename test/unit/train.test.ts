import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import { train, type TrainConfig, type TrainSnapshot } from "../../src/components/train/index.ts";
import { loadCheckpoint, translate } from "../../src/components/model/index.ts";
import { makeDataset } from "../../src/components/tasks/index.ts";
import { useNodeBackend } from "../support/node-backend.ts";

before(() => useNodeBackend());

async function run(config: Partial<TrainConfig>, options = {}): Promise<TrainSnapshot[]> {
  const out: TrainSnapshot[] = [];
  for await (const s of train(config, options)) out.push(s);
  return out;
}

const small: Partial<TrainConfig> = {
  minLength: 2,
  maxLength: 6,
  hiddenSize: 16,
  embeddingSize: 8,
  batchSize: 16,
  testSize: 32,
};

test("snapshots are plain numbers, never tensors, and report what the pages draw", async () => {
  const snaps = await run({ ...small, steps: 20, reportEvery: 5, evalEvery: 10 });
  assert.deepEqual(
    snaps.map((s) => s.step),
    [5, 10, 15, 20],
  );
  const last = snaps.at(-1)!;
  assert.equal(last.status, "done");
  assert.ok(Number.isFinite(last.loss) && last.loss > 0);
  assert.ok(last.stepsPerSecond > 0);
  assert.ok(["wasm", "cpu", "webgl"].includes(last.backend));
  assert.equal(last.probe!.source, "the cat sat on the mat");
  assert.equal(last.probe!.weights!.length, last.probe!.outputTokens.length);
  assert.equal(last.probe!.weights![0].length, 22);
  assert.doesNotThrow(() => JSON.stringify(snaps));
  const json = JSON.stringify(snaps);
  assert.ok(!json.includes("dataId"), "no tensor leaked into a snapshot");
});

test("training frees every tensor it made, also when the consumer stops early", async () => {
  const before = tf.memory().numTensors;
  await run({ ...small, steps: 12, reportEvery: 4, evalEvery: 8 });
  assert.equal(tf.memory().numTensors, before, "after a full run");
  for (const mode of ["soft", "hard"] as const) {
    for await (const s of train({ ...small, mode, steps: 1000, reportEvery: 3, evalEvery: 6 })) {
      if (s.step >= 6) break; // the consumer walks away mid-training
    }
    assert.equal(tf.memory().numTensors, before, `after an early stop (${mode})`);
  }
});

test("the tensor count stays flat across training steps", async () => {
  const counts: number[] = [];
  for await (const s of train({ ...small, steps: 40, reportEvery: 5, evalEvery: 10 })) {
    if (s.step >= 10) counts.push(tf.memory().numTensors); // after the first evaluation's warm-up
  }
  assert.ok(counts.length >= 5);
  assert.ok(
    counts.every((c) => c === counts[0]),
    `tensor counts: ${counts.join(", ")}`,
  );
});

test("a diverging learning rate stops with a reason instead of NaN pictures", async () => {
  const snaps = await run({ ...small, learningRate: 10, clipNorm: 1e9, steps: 300, reportEvery: 5, evalEvery: 50 });
  const last = snaps.at(-1)!;
  assert.equal(last.status, "diverged");
  assert.match(last.reason!, /learning rate of 10 is too high/);
});

test("a checkpoint round trip reproduces the model's outputs", async () => {
  const data = makeDataset(small);
  const snaps = await run({ ...small, steps: 30, reportEvery: 10, evalEvery: 30 }, { exportCheckpoint: true });
  const checkpoint = JSON.parse(JSON.stringify(snaps.at(-1)!.checkpoint));
  const model = loadCheckpoint(checkpoint);
  const again = await translate(model, data.vocab, "the cat sat on the mat", { maxSteps: 8 });
  assert.deepEqual(again.weights, snaps.at(-1)!.probe!.weights);
  assert.equal(again.output, snaps.at(-1)!.probe!.output);
  model.dispose();
  assert.throws(() => loadCheckpoint({ ...checkpoint, weights: {} }), /has no weight/);
});

test("the same seed trains to the same numbers", async () => {
  const a = await run({ ...small, steps: 10, reportEvery: 10, evalEvery: 10, seed: 5 });
  const b = await run({ ...small, steps: 10, reportEvery: 10, evalEvery: 10, seed: 5 });
  assert.equal(a[0].loss, b[0].loss);
  assert.deepEqual(a[0].probe!.weights, b[0].probe!.weights);
});

test("bad training settings are answered with a message", async () => {
  await assert.rejects(run({ learningRate: -1 }), /Learning rate must be above 0/);
  await assert.rejects(run({ batchSize: 0 }), /batchSize must be a whole number/);
});

test("hard attention reports its one-hot picks beside the distribution they were drawn from", async () => {
  let last: TrainSnapshot | undefined;
  for await (const s of train({ ...small, mode: "hard", steps: 10, reportEvery: 10, evalEvery: 10 })) last = s;
  const { picks, weights } = last!.probe!;
  assert.ok(picks && weights && picks.length === weights.length);
  picks!.forEach((row, t) => {
    assert.equal(row.filter((x) => x === 1).length, 1);
    assert.equal(
      row.reduce((s, x) => s + x, 0),
      1,
    );
    // At inference the pick is the most likely position.
    assert.equal(row.indexOf(1), weights![t].indexOf(Math.max(...weights![t])));
  });
});

test("msPerTrainingStep times real steps and frees what it made", async () => {
  const { msPerTrainingStep } = await import("../../src/components/train/calibrate.ts");
  const before = tf.memory().numTensors;
  const ms = await msPerTrainingStep({ ...small, attention: "additive" }, { warmup: 1, timed: 2 });
  assert.ok(ms > 0 && Number.isFinite(ms), `ms ${ms}`);
  assert.equal(tf.memory().numTensors, before);
});

test("the learning rate halves every half-life, and stays put without one", async () => {
  const { learningRateAt } = await import("../../src/components/train/config.ts");
  assert.equal(learningRateAt({ learningRate: 0.02, learningRateHalfLife: 0 }, 1000), 0.02);
  assert.equal(learningRateAt({ learningRate: 0.02, learningRateHalfLife: 300 }, 1), 0.02);
  assert.ok(Math.abs(learningRateAt({ learningRate: 0.02, learningRateHalfLife: 300 }, 301) - 0.01) < 1e-12);
  // And training with one still learns and stays finite.
  let last: TrainSnapshot | undefined;
  for await (const s of train({
    ...small,
    learningRate: 0.05,
    learningRateHalfLife: 5,
    steps: 20,
    reportEvery: 10,
    evalEvery: 10,
  }))
    last = s;
  assert.equal(last!.status, "done");
});

test("the learning rate warms up linearly, then follows its half-life", async () => {
  const { learningRateAt } = await import("../../src/components/train/learner.ts");
  const c = { learningRate: 0.01, learningRateHalfLife: 0, learningRateWarmup: 100 };
  assert.ok(Math.abs(learningRateAt(c, 1) - 0.0001) < 1e-12);
  assert.ok(Math.abs(learningRateAt(c, 50) - 0.005) < 1e-12);
  assert.equal(learningRateAt(c, 100), 0.01);
  assert.equal(learningRateAt(c, 5000), 0.01);
});
