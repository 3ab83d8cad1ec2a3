import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import {
  averagePool,
  cellCoordinates,
  encodeImages,
  gridConv3x3,
  imagePatches,
  DEFAULT_IMAGE_ENCODER,
  type ImageEncoderConfig,
} from "../../src/components/model/image-encoder.ts";
import {
  captionLoss,
  captionTensors,
  createCaptioner,
  disposeCaptionTensors,
  type CaptionModelConfig,
} from "../../src/components/model/captioner.ts";
import { captionBatch, CAPTION_TOKENS } from "../../src/components/tasks/captions.ts";
import { sceneStream } from "../../src/components/tasks/scenes.ts";
import { learnerStep } from "../../src/components/train/learner.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { assertGradientsMatchFiniteDifferences } from "../support/finite-differences.ts";

before(() => useNodeBackend());

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-4) =>
  a.length === b.length && Array.from(a).every((x, i) => Math.abs(x - b[i]) <= tol * (1 + Math.abs(b[i])));

test("imagePatches(images, grid) gives one row per cell, row-major, holding that block's pixels", () => {
  const [B, S, G] = [2, 8, 4];
  const P = S / G;
  const values = Float32Array.from({ length: B * S * S * 3 }, (_, i) => i);
  const rows = tf.tidy(() => imagePatches(tf.tensor4d(values, [B, S, S, 3]), G).arraySync());
  assert.equal(rows.length, B * G * G);
  for (let b = 0; b < B; b++) {
    for (let cell = 0; cell < G * G; cell++) {
      const [gi, gj] = [Math.floor(cell / G), cell % G];
      const want: number[] = [];
      for (let i = 0; i < P; i++) {
        for (let j = 0; j < P; j++)
          for (let c = 0; c < 3; c++) want.push(((b * S + gi * P + i) * S + gj * P + j) * 3 + c);
      }
      assert.deepEqual(rows[b * G * G + cell], want, `image ${b}, cell ${cell}`);
    }
  }
});

test("gridConv3x3 is a zero-padded 3×3 convolution (the same numbers as tf.conv2d 'same')", () => {
  const [B, G, C, K] = [2, 5, 3, 4];
  tf.tidy(() => {
    const x = tf.randomNormal([B, G, G, C], 0, 1, "float32", 1) as tf.Tensor4D;
    const W = tf.randomNormal([9 * C, K], 0, 1, "float32", 2) as tf.Tensor2D;
    const bias = tf.randomNormal([K], 0, 1, "float32", 3) as tf.Tensor1D;
    const ours = gridConv3x3(x, W, bias);
    const reference = tf.add(tf.conv2d(x, tf.reshape(W, [3, 3, C, K]) as tf.Tensor4D, 1, "same"), bias);
    assert.deepEqual(ours.shape, [B, G, G, K]);
    assert.ok(close(ours.dataSync(), reference.dataSync()));
  });
});

function encoderParams(c: ImageEncoderConfig) {
  return createCaptioner({
    ...c,
    vocabSize: CAPTION_TOKENS.length,
    embeddingSize: 4,
    hiddenSize: 6,
    attentionSize: 5,
    mode: "soft",
    seed: 3,
  });
}

test("the encoder gives grid² annotation vectors of the configured size for every grid and positional signal", () => {
  for (const grid of [1, 2, 4, 8]) {
    for (const positional of ["coordinates", "learned", "none"] as const) {
      const c = { ...DEFAULT_IMAGE_ENCODER, grid, positional, features: 7 };
      const model = encoderParams(c);
      const shape = tf.tidy(() => encodeImages(model.params, c, tf.zeros([3, 32, 32, 3])).shape);
      assert.deepEqual(shape, [3, grid * grid, 7]);
      model.dispose();
    }
  }
});

test("a pixel change reaches only the cells within the convolutions' reach of its patch", () => {
  const S = 32;
  const G = 8;
  const image = new Float32Array(S * S * 3).fill(1);
  const changed = image.slice();
  const [pi, pj] = [2, 5]; // the patch holding the changed pixel
  changed[((pi * 4 + 1) * S + pj * 4 + 2) * 3] = 0;
  for (const convLayers of [0, 1, 2]) {
    const c = { ...DEFAULT_IMAGE_ENCODER, grid: G, convLayers };
    const model = encoderParams(c);
    const diff = tf.tidy(() => {
      const a = encodeImages(model.params, c, tf.tensor4d(image, [1, S, S, 3]));
      const b = encodeImages(model.params, c, tf.tensor4d(changed, [1, S, S, 3]));
      return tf.max(tf.abs(tf.sub(a, b)), 2).arraySync() as number[][];
    });
    for (let cell = 0; cell < G * G; cell++) {
      const reach = Math.max(Math.abs(Math.floor(cell / G) - pi), Math.abs((cell % G) - pj));
      if (reach > convLayers)
        assert.equal(diff[0][cell], 0, `cell ${cell} is out of reach (${convLayers} convolutions)`);
    }
    assert.ok(diff[0][pi * G + pj] > 0, "the patch itself changes");
    model.dispose();
  }
});

test("averagePool(x, k) averages each k × k block of cells", () => {
  const x = tf.tensor4d(
    Float32Array.from({ length: 16 }, (_, i) => i),
    [1, 4, 4, 1],
  );
  assert.deepEqual(
    tf.tidy(() => averagePool(x, 2).arraySync()),
    [
      [
        [[2.5], [4.5]],
        [[10.5], [12.5]],
      ],
    ],
  );
  assert.equal(averagePool(x, 1), x);
  x.dispose();
});

test("a grid that does not divide the patches is refused in words", () => {
  assert.throws(() => encoderParams({ ...DEFAULT_IMAGE_ENCODER, grid: 3 }), /grid \(3\) must divide the 8 patches/);
  assert.throws(() => encoderParams({ ...DEFAULT_IMAGE_ENCODER, patch: 5 }), /patch \(5\) must divide/);
});

test("cell coordinates run from −1 to 1, x across and y down", () => {
  assert.deepEqual(cellCoordinates(2), [
    [-1, -1],
    [1, -1],
    [-1, 1],
    [1, 1],
  ]);
  assert.deepEqual(cellCoordinates(1), [[0, 0]]);
});

const tiny: CaptionModelConfig = {
  imageSize: 8,
  grid: 2,
  patch: 2, // a 4 × 4 grid of patches averaged down to 2 × 2: the pooling is checked too
  channels: 3,
  features: 4,
  convLayers: 2,
  positional: "coordinates",
  vocabSize: CAPTION_TOKENS.length,
  embeddingSize: 3,
  hiddenSize: 5,
  attentionSize: 4,
  mode: "soft",
  seed: 11,
};

function tinyBatch() {
  const scenes = Array.from(
    { length: 3 },
    sceneStream({ imageSize: 8, minShapes: 1, maxShapes: 2, minShapeSize: 3, maxShapeSize: 4 }, 9),
  );
  return captionTensors(captionBatch(scenes, 2, 5));
}

// Central differences in float32 (see gradients.test.ts for the choice of step and tolerance).
const EPS = 5e-3;

for (const positional of ["coordinates", "learned"] as const) {
  test(`captioner (${positional} positions): every parameter's gradient matches finite differences`, () => {
    const model = createCaptioner({ ...tiny, positional });
    const batch = tinyBatch();
    assertGradientsMatchFiniteDifferences(
      model.params,
      () => captionLoss(model, batch, { sample: false, seed: 0 }).loss,
      {
        eps: EPS,
      },
    );
    assert.ok(
      Object.keys(model.params).some((n) => n.startsWith("img.conv1")),
      "the grid convolutions are checked",
    );
    disposeCaptionTensors(batch);
    model.dispose();
  });
}

test("a captioner training step runs on the wasm backend (no Conv2DBackpropFilter needed) and moves every weight", async () => {
  const previous = tf.getBackend();
  await useNodeBackend("wasm");
  try {
    const model = createCaptioner({ ...tiny, grid: 4, imageSize: 16 });
    const scenes = Array.from(
      { length: 4 },
      sceneStream({ imageSize: 16, minShapes: 2, maxShapes: 2, minShapeSize: 4, maxShapeSize: 6 }, 2),
    );
    const batch = captionTensors(captionBatch(scenes, 4, 5));
    const before = Object.fromEntries(Object.entries(model.params).map(([n, v]) => [n, v.dataSync().slice()]));
    const optimizer = tf.train.adam(0.01);
    const loss = learnerStep(
      { params: model.params, loss: (b) => captionLoss(model, b, { sample: true, seed: 1 }) },
      optimizer,
      batch,
      5,
      1,
    );
    assert.equal(tf.getBackend(), "wasm");
    assert.ok(Number.isFinite(loss.dataSync()[0]));
    for (const [n, v] of Object.entries(model.params)) assert.ok(!close(v.dataSync(), before[n], 0), `${n} moved`);
    tf.dispose([loss]);
    optimizer.dispose();
    disposeCaptionTensors(batch);
    model.dispose();
  } finally {
    await useNodeBackend(previous);
  }
});
