import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import {
  ATTENTION_KINDS,
  batchLoss,
  decodeTeacherForced,
  decoderStep,
  disposeBatch,
  encodeSequence,
  initialState,
  attentionContext,
  projectTargets,
  type AttentionKind,
} from "../../src/components/model/index.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { tinyBatch, tinyModel } from "../support/tiny-model.ts";

before(() => useNodeBackend());

const scorers = ATTENTION_KINDS.filter((k): k is Exclude<AttentionKind, "none"> => k !== "none");

test("encoder states and final state have the documented shapes", () => {
  for (const bidirectional of [false, true]) {
    const model = tinyModel({ bidirectional });
    const batch = tinyBatch();
    tf.tidy(() => {
      const enc = encodeSequence(model, batch.source);
      assert.deepEqual(enc.states.shape, [3, 5, 6]);
      assert.deepEqual(enc.final.shape, [3, 6]);
    });
    disposeBatch(batch);
    model.dispose();
  }
});

test("a padded step leaves the encoder state unchanged, so the final state is the last real one", () => {
  const model = tinyModel();
  const batch = tinyBatch();
  tf.tidy(() => {
    const enc = encodeSequence(model, batch.source);
    const states = enc.states.arraySync();
    const final = enc.final.arraySync();
    // "da" has length 2: its states at positions 1..4 are equal, and equal to the final state.
    for (let j = 2; j < 5; j++) assert.deepEqual(states[1][j], states[1][1]);
    assert.deepEqual(final[1], states[1][1]);
  });
  disposeBatch(batch);
  model.dispose();
});

for (const attention of scorers) {
  for (const mode of ["soft", "hard"] as const) {
    test(`${attention} (${mode}): attention rows sum to 1 and padded positions get exactly 0`, () => {
      const model = tinyModel({ attention, mode });
      const batch = tinyBatch();
      tf.tidy(() => {
        const enc = encodeSequence(model, batch.source);
        const run = decodeTeacherForced(model, enc, batch.source.maskBias, batch.targetIn, { sample: true, seed: 3 });
        assert.deepEqual(run.outputs.shape[0], 3 * 6);
        const weights = run.attention!.weights.arraySync();
        const used = run.attention!.used.arraySync();
        const lengths = [5, 2, 3];
        weights.forEach((rows, b) =>
          rows.forEach((row, t) => {
            assert.ok(Math.abs(row.reduce((s, x) => s + x, 0) - 1) < 1e-5, `row ${b},${t} sums to 1`);
            for (let j = lengths[b]; j < row.length; j++) assert.equal(row[j], 0, `padded α[${b},${t},${j}]`);
            const u = used[b][t];
            if (mode === "hard") {
              assert.equal(u.filter((x) => x === 1).length, 1, "hard attention picks one position");
              assert.ok(u.indexOf(1) < lengths[b], "and never a padded one");
            }
          }),
        );
      });
      disposeBatch(batch);
      model.dispose();
    });
  }
}

test("Luong's batched attention equals the same model run step by step", () => {
  for (const attention of ["dot", "general", "concat", "scaled-dot"] as const) {
    const model = tinyModel({ attention });
    const batch = tinyBatch();
    tf.tidy(() => {
      const enc = encodeSequence(model, batch.source);
      const options = { sample: false, seed: 0 };
      const batched = decodeTeacherForced(model, enc, batch.source.maskBias, batch.targetIn, options);
      const ctx = attentionContext(model, enc, batch.source.maskBias);
      const [T, B] = batch.targetIn.shape;
      const y = tf.unstack(tf.reshape(projectTargets(model, tf.reshape(batch.targetIn, [T * B])), [T, B, -1]));
      let state = initialState(model, enc);
      const outputs: tf.Tensor2D[] = [];
      for (let t = 0; t < T; t++) {
        const r = decoderStep(model, ctx, y[t] as tf.Tensor2D, state, options, t);
        state = r.state;
        outputs.push(r.output);
      }
      const stepwise = tf.reshape(tf.stack(outputs, 1), [B * T, -1]);
      const diff = tf.max(tf.abs(tf.sub(stepwise, batched.outputs))).arraySync() as number;
      assert.ok(diff < 1e-5, `${attention}: max difference ${diff}`);
    });
    disposeBatch(batch);
    model.dispose();
  }
});

test("the same seed gives the same weights and loss; another seed does not", () => {
  const loss = (seed: number) => {
    const model = tinyModel({ seed });
    const batch = tinyBatch();
    const value = tf.tidy(() => batchLoss(model, batch, { sample: false, seed: 0 }).loss.arraySync() as number);
    disposeBatch(batch);
    model.dispose();
    return value;
  };
  assert.equal(loss(11), loss(11));
  assert.notEqual(loss(11), loss(12));
});

test("bad model settings are rejected with a clear message", () => {
  assert.throws(() => tinyModel({ hiddenSize: 5, bidirectional: true }), /even hidden size/);
  assert.throws(() => tinyModel({ attention: "none", mode: "hard" }), /Hard attention needs/);
  assert.throws(() => tinyModel({ temperature: 0 }), /Temperature/);
});

test("local attention looks only inside its window, and its rows still sum to 1 on real steps", () => {
  for (const attention of ["additive", "general"] as const) {
    const model = tinyModel({ attention, window: 1 });
    const batch = tinyBatch();
    tf.tidy(() => {
      const enc = encodeSequence(model, batch.source);
      const run = decodeTeacherForced(model, enc, batch.source.maskBias, batch.targetIn, { sample: false, seed: 0 });
      const weights = run.attention!.weights.arraySync();
      const targetLengths = [6, 3, 4]; // target characters + EOS
      weights.forEach((rows, b) =>
        rows.slice(0, targetLengths[b]).forEach((row, t) => {
          const start = Math.max(0, Math.min(t - 1, 5 - 3));
          row.forEach((w, j) => {
            if (j < start || j >= start + 3) assert.equal(w, 0, `${attention}: α[${b},${t},${j}] outside the window`);
          });
          const sum = row.reduce((s, x) => s + x, 0);
          // A row whose whole window is padding has nothing to look at (only past a short source's end).
          if (start < [5, 2, 3][b]) assert.ok(Math.abs(sum - 1) < 1e-5, `${attention}: row ${b},${t} sums to ${sum}`);
        }),
      );
    });
    disposeBatch(batch);
    model.dispose();
  }
});

test("the GRU step's hand-written backward pass equals autodiff of the reference step", async () => {
  const { gruStep, gruStepReference, gruWeights } = await import("../../src/components/model/gru.ts");
  const { ParamBuilder } = await import("../../src/components/model/params.ts");
  const w = gruWeights(new ParamBuilder(3), "g", 5, 4);
  tf.tidy(() => {
    const x = tf.randomNormal([3, 12], 0, 1, "float32", 1) as tf.Tensor2D;
    const h = tf.randomNormal([3, 4], 0, 1, "float32", 3) as tf.Tensor2D;
    // A weighted sum so every output element gets a different upstream gradient.
    const probe = tf.randomNormal([3, 4], 0, 1, "float32", 4);
    const loss = (step: typeof gruStep) => (xx: tf.Tensor, hh: tf.Tensor) =>
      tf.sum(tf.mul(step(w, xx as tf.Tensor2D, hh as tf.Tensor2D), probe)) as tf.Scalar;
    const fused = tf.grads(loss(gruStep))([x, h]);
    const reference = tf.grads(loss(gruStepReference))([x, h]);
    fused.forEach((g, i) =>
      assert.ok((tf.max(tf.abs(tf.sub(g, reference[i]))).arraySync() as number) < 1e-5, `input ${i}`),
    );
    const wFused = tf.variableGrads(() => loss(gruStep)(x, h), [w.stateKernel, w.stateBias]).grads;
    const wRef = tf.variableGrads(() => loss(gruStepReference)(x, h), [w.stateKernel, w.stateBias]).grads;
    for (const name of Object.keys(wRef)) {
      assert.ok((tf.max(tf.abs(tf.sub(wFused[name], wRef[name]))).arraySync() as number) < 1e-5, name);
    }
    const same = tf.max(tf.abs(tf.sub(gruStep(w, x, h), gruStepReference(w, x, h)))).arraySync() as number;
    assert.ok(same < 1e-6);
  });
  Object.values(w).forEach((v) => typeof v === "object" && v.dispose());
});

test("the additive score's hand-written backward pass equals autodiff of the reference", async () => {
  const { additiveScore, additiveScoreReference } = await import("../../src/components/model/scorers.ts");
  // Tq = 3 (all queries at once) and Tq = 1 (one decoder step, its own code path).
  for (const Tq of [3, 1])
    tf.tidy(() => {
      const q = tf.randomNormal([2, Tq, 4], 0, 1, "float32", 1) as tf.Tensor3D;
      const k = tf.randomNormal([2, 5, 6], 0, 1, "float32", 2) as tf.Tensor3D;
      const W = tf.randomNormal([4, 6], 0, 1, "float32", 3) as tf.Tensor2D;
      const v = tf.randomNormal([6, 1], 0, 1, "float32", 4) as tf.Tensor2D;
      const probe = tf.randomNormal([2, Tq, 5], 0, 1, "float32", 5);
      const loss =
        (score: typeof additiveScore) =>
        (...xs: tf.Tensor[]) =>
          tf.sum(
            tf.mul(
              score(xs[0] as tf.Tensor3D, xs[1] as tf.Tensor3D, xs[2] as tf.Tensor2D, xs[3] as tf.Tensor2D),
              probe,
            ),
          ) as tf.Scalar;
      const fused = tf.grads(loss(additiveScore))([q, k, W, v]);
      const reference = tf.grads(loss(additiveScoreReference))([q, k, W, v]);
      fused.forEach((g, i) => {
        assert.deepEqual(g.shape, reference[i].shape);
        assert.ok((tf.max(tf.abs(tf.sub(g, reference[i]))).arraySync() as number) < 1e-4, `Tq ${Tq}, input ${i}`);
      });
    });
});
