import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import {
  causalMaskBias,
  decode,
  decodeStep,
  encode,
  layerNorm,
  positionEncodings,
  multiHeadAttention,
  outputLogits,
  sinusoidalTable,
  sourceBatch,
  translateTransformer,
  validateTransformerConfig,
  DEFAULT_TRANSFORMER,
  MASKED_SCORE,
} from "../../src/components/model/transformer/index.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { tinyTransformer, tinyVocab } from "../support/tiny-transformer.ts";

before(() => useNodeBackend());

const ids = (text: string) => tinyVocab.encode(text);
const close = (a: number[], b: number[], tol = 1e-4) =>
  a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) < tol);

/** Encoder memory and decoder states of one source and one decoder input, as plain arrays. */
function run(model: ReturnType<typeof tinyTransformer>, source: number[][], targetIn: number[][]) {
  return tf.tidy(() => {
    const src = sourceBatch(source);
    const encoded = encode(model, src.sourceIds, src.sourceMaskBias);
    const decoded = decode(model, tf.tensor2d(targetIn, undefined, "int32"), encoded, src.sourceMaskBias);
    return {
      memory: encoded.memory.arraySync(),
      states: decoded.states.arraySync(),
      self: decoded.selfWeights[0].arraySync(),
      cross: decoded.crossWeights[0].arraySync(),
    };
  });
}

test("encoder and decoder keep one d-vector per position, and heads give [B, h, Tq, Tk] weights", () => {
  const model = tinyTransformer({ layers: 2 });
  const r = run(
    model,
    [ids("abc"), [...ids("da"), 0]],
    [
      [1, 3, 4, 5],
      [1, 6, 3, 0],
    ],
  );
  assert.deepEqual([r.memory.length, r.memory[0].length, r.memory[0][0].length], [2, 3, 4]);
  assert.deepEqual([r.states.length, r.states[0].length, r.states[0][0].length], [2, 4, 4]);
  assert.deepEqual([r.self.length, r.self[0].length, r.self[0][0].length, r.self[0][0][0].length], [2, 2, 4, 4]);
  assert.deepEqual([r.cross.length, r.cross[0].length, r.cross[0][0].length, r.cross[0][0][0].length], [2, 2, 4, 3]);
  model.dispose();
});

for (const norm of ["post", "pre"] as const)
  test(`the causal mask hides the future: changing a later decoder input leaves earlier outputs unchanged (${norm}-norm)`, () => {
    const model = tinyTransformer({ layers: 2, norm });
    const a = run(model, [ids("abcd")], [[1, 3, 4, 5, 6]]);
    const b = run(model, [ids("abcd")], [[1, 3, 4, 7, 3]]); // positions 3 and 4 changed
    for (let t = 0; t < 3; t++) assert.ok(close(a.states[0][t], b.states[0][t]), `position ${t} changed`);
    assert.ok(!close(a.states[0][3], b.states[0][3]), "the changed position itself must change");
    // And the weights above the diagonal are exactly zero, in every head.
    for (const head of a.self[0]) head.forEach((row, i) => row.forEach((w, j) => j > i && assert.equal(w, 0)));
    model.dispose();
  });

test("padding changes nothing at the real positions of a shorter source", () => {
  const model = tinyTransformer({ layers: 2 });
  const alone = run(model, [ids("abc")], [[1, 4, 3]]);
  const padded = run(
    model,
    [[...ids("abc"), 0, 0], ids("dcb a")],
    [
      [1, 4, 3],
      [1, 4, 3],
    ],
  );
  for (let j = 0; j < 3; j++) assert.ok(close(alone.memory[0][j], padded.memory[0][j]), `memory ${j}`);
  for (let t = 0; t < 3; t++) assert.ok(close(alone.states[0][t], padded.states[0][t]), `decoder ${t}`);
  for (const head of padded.cross[0]) for (const row of head) assert.deepEqual(row.slice(3), [0, 0]);
  model.dispose();
});

test("each head's output matches a direct computation with plain loops (eq. 1 and §3.2.2)", () => {
  const model = tinyTransformer({ modelSize: 6, heads: 3 });
  const [B, Tq, S, d, h] = [2, 3, 4, 6, 3];
  const dk = d / h;
  const q = tf.randomNormal([B, Tq, d], 0, 1, "float32", 3) as tf.Tensor3D;
  const m = tf.randomNormal([B, S, d], 0, 1, "float32", 4) as tf.Tensor3D;
  const maskRows = [
    [0, 0, 0, MASKED_SCORE],
    [0, 0, 0, 0],
  ];
  const mask = tf.tensor3d(maskRows.map((r) => [r]));
  const got = tf.tidy(() => {
    const r = multiHeadAttention(model.params, "enc0.self", h, q, m, mask);
    return [r.output.arraySync(), r.weights.arraySync()] as const;
  });
  const [Q, M] = [q.arraySync(), m.arraySync()];
  const W = (name: string) => model.params[`enc0.self.${name}`].arraySync() as number[][];
  const [Wq, Wk, Wv, Wo] = ["Wq", "Wk", "Wv", "Wo"].map(W);
  const times = (x: number[], w: number[][]) => w[0].map((_, c) => x.reduce((s, xi, r) => s + xi * w[r][c], 0));
  for (let b = 0; b < B; b++) {
    const qs = Q[b].map((x) => times(x, Wq));
    const ks = M[b].map((x) => times(x, Wk));
    const vs = M[b].map((x) => times(x, Wv));
    for (let i = 0; i < Tq; i++) {
      const concat: number[] = [];
      for (let head = 0; head < h; head++) {
        const cols = (v: number[]) => v.slice(head * dk, (head + 1) * dk);
        const e = ks.map(
          (k, j) => cols(qs[i]).reduce((s, x, c) => s + x * cols(k)[c], 0) / Math.sqrt(dk) + maskRows[b][j],
        );
        const max = Math.max(...e);
        const z = e.reduce((s, x) => s + Math.exp(x - max), 0);
        const alpha = e.map((x) => Math.exp(x - max) / z);
        assert.ok(close(got[1][b][head][i], alpha, 1e-5), `weights b${b} head${head} row${i}`);
        for (let c = 0; c < dk; c++) concat.push(alpha.reduce((s, a, j) => s + a * cols(vs[j])[c], 0));
      }
      assert.ok(close(got[0][b][i], times(concat, Wo)), `output b${b} row${i}`);
    }
  }
  tf.dispose([q, m, mask]);
  model.dispose();
});

test("layer norm gives each vector mean 0 and variance 1 before its gain and bias", () => {
  const out = tf.tidy(() =>
    layerNorm(
      tf.tensor2d([
        [1, 2, 3, 6],
        [-4, 0, 4, 8],
      ]),
      tf.tensor1d([1, 1, 1, 1]),
      tf.tensor1d([0, 0, 0, 0]),
    ).arraySync(),
  );
  for (const row of out) {
    const mean = row.reduce((s, x) => s + x, 0) / row.length;
    const variance = row.reduce((s, x) => s + (x - mean) ** 2, 0) / row.length;
    assert.ok(Math.abs(mean) < 1e-6 && Math.abs(variance - 1) < 1e-3, `mean ${mean}, variance ${variance}`);
  }
  const shifted = tf.tidy(() =>
    layerNorm(tf.tensor2d([[1, 2]]), tf.tensor1d([2, 3]), tf.tensor1d([10, 20])).arraySync(),
  );
  assert.ok(close(shifted[0], [10 - 2, 20 + 3], 1e-3), `${shifted[0]}`);
});

for (const norm of ["post", "pre"] as const)
  test(`decoding one step at a time gives what the whole prefix gives at once (${norm}-norm)`, () => {
    const model = tinyTransformer({ layers: 2, positions: "learned", norm });
    const prefix = [[1, 3, 4, 5]];
    const full = run(model, [ids("abcd")], prefix).states[0];
    const steps = tf.tidy(() => {
      const src = sourceBatch([ids("abcd")]);
      const encoded = encode(model, src.sourceIds, src.sourceMaskBias);
      const seen: (tf.Tensor3D | undefined)[] = [];
      return prefix[0].map(
        (id, t) =>
          decodeStep(
            model,
            tf.tensor2d([[id]], [1, 1], "int32"),
            t,
            seen,
            encoded,
            src.sourceMaskBias,
          ).arraySync()[0][0],
      );
    });
    steps.forEach((s, t) => assert.ok(close(s, full[t]), `step ${t}`));
    model.dispose();
  });

test("without positions the model cannot tell anagrams apart; with them it can", () => {
  const logitsFor = (positions: "none" | "sinusoidal", text: string) => {
    const model = tinyTransformer({ positions });
    const r = tf.tidy(() => {
      const src = sourceBatch([ids(text)]);
      const encoded = encode(model, src.sourceIds, src.sourceMaskBias);
      const dec = decode(model, tf.tensor2d([[1, 3, 4]], undefined, "int32"), encoded, src.sourceMaskBias);
      return outputLogits(model, dec.states).arraySync().flat();
    });
    model.dispose();
    return r;
  };
  assert.ok(close(logitsFor("none", "abd"), logitsFor("none", "dba")), "a bag of characters");
  assert.ok(!close(logitsFor("sinusoidal", "abd"), logitsFor("sinusoidal", "dba")));
});

test("sinusoidal encodings follow §3.5: sin on even, cos on odd dimensions", async () => {
  const pe = sinusoidalTable(3, 4);
  assert.ok(close(pe[0], [0, 1, 0, 1], 1e-12));
  assert.ok(close(pe[2], [Math.sin(2), Math.cos(2), Math.sin(2 / 100), Math.cos(2 / 100)], 1e-12));
  // positionEncodings gives the page what each model adds: the table, the learned rows, or nothing.
  const models = (["sinusoidal", "learned", "none"] as const).map((positions) => tinyTransformer({ positions }));
  const [sin, learned, none] = await Promise.all(models.map((m) => positionEncodings(m, 3)));
  assert.ok(close(sin!.flat(), pe.flat(), 1e-6));
  assert.ok(close(learned!.flat(), (models[1].params.positions.arraySync() as number[][]).slice(0, 3).flat(), 1e-7));
  assert.equal(none, undefined);
  for (const m of models) m.dispose();
});

test("translateTransformer returns every head's maps per layer, rows summing to 1, and frees its tensors", async () => {
  const model = tinyTransformer({ layers: 2, heads: 2 });
  await translateTransformer(model, tinyVocab, "abc", { maxSteps: 5 }); // warm-up
  const before = tf.memory().numTensors;
  const t = await translateTransformer(model, tinyVocab, "abc d", { maxSteps: 6 });
  assert.equal(tf.memory().numTensors, before);
  const T = t.outputTokens.length;
  assert.equal(t.decoderTokens.length, T);
  assert.equal(t.decoderTokens[0], "<s>");
  const dims = (m: number[][][][]) => [m.length, m[0].length, m[0][0].length, m[0][0][0].length];
  assert.deepEqual(dims(t.attention.encoder), [2, 2, 5, 5]);
  assert.deepEqual(dims(t.attention.decoder), [2, 2, T, T]);
  assert.deepEqual(dims(t.attention.cross), [2, 2, T, 5]);
  const rows = [t.attention.encoder, t.attention.decoder, t.attention.cross].flat(3) as number[][];
  for (const row of rows) assert.ok(Math.abs(row.reduce((s, x) => s + x, 0) - 1) < 1e-5);
  model.dispose();
});

test("a model that only emits padding still gets one map row per step, and nothing leaks", async () => {
  const model = tinyTransformer({ norm: "pre" });
  const bias = model.params["out.b"];
  tf.tidy(() => bias.assign(tf.tensor1d(Array.from({ length: bias.size }, (_, i) => (i === 0 ? 100 : 0)))));
  const before = tf.memory().numTensors;
  const t = await translateTransformer(model, tinyVocab, "abc", { maxSteps: 4 });
  assert.equal(tf.memory().numTensors, before);
  assert.equal(t.output, "");
  assert.deepEqual(t.outputTokens, ["<pad>", "<pad>", "<pad>", "<pad>"]);
  assert.equal(t.attention.decoder[0][0].length, 4);
  model.dispose();
});

test("bad settings are refused with a message", () => {
  const c = { ...DEFAULT_TRANSFORMER, vocabSize: 10 };
  assert.throws(() => validateTransformerConfig({ ...c, heads: 3 }), /divide evenly into 3 heads/);
  assert.throws(() => validateTransformerConfig({ ...c, positions: "rotary" as never }), /Unknown positional encoding/);
  assert.throws(() => validateTransformerConfig({ ...c, layers: 0 }), /layers must be/);
});

test("a causal mask is 0 on and below the diagonal, masked above", () => {
  const m = tf.tidy(() => causalMaskBias(3).arraySync()[0]);
  assert.deepEqual(m, [
    [0, MASKED_SCORE, MASKED_SCORE],
    [0, 0, MASKED_SCORE],
    [0, 0, 0],
  ]);
});
