import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "../../src/components/tf.ts";
import { copySlice } from "../../src/components/wasm-kernels.ts";
import { useNodeBackend } from "../support/node-backend.ts";

/** x[begin : begin + size] of the row-major array 0, 1, 2, … of `shape`, element by element. */
function referenceSlice(shape: number[], begin: number[], size: number[]): number[] {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out: number[] = [];
  const walk = (axis: number, offset: number) => {
    if (axis === shape.length) return void out.push(offset);
    for (let i = 0; i < size[axis]; i++) walk(axis + 1, offset + (begin[axis] + i) * strides[axis]);
  };
  walk(0, 0);
  return out;
}

/** Every begin/size of a small shape, plus a few odd ones. */
const CASES: [number[], number[], number[]][] = [
  [[5], [1], [3]],
  [
    [4, 6],
    [0, 0],
    [4, 6],
  ],
  [
    [4, 6],
    [1, 0],
    [2, 6],
  ],
  [
    [4, 6],
    [0, 2],
    [4, 3],
  ],
  [
    [4, 6],
    [3, 5],
    [1, 1],
  ],
  [
    [3, 4, 5],
    [1, 0, 0],
    [1, 4, 5],
  ],
  [
    [3, 4, 5],
    [0, 1, 2],
    [3, 2, 3],
  ],
  [
    [3, 4, 5],
    [2, 3, 0],
    [1, 1, 5],
  ],
  [
    [2, 3, 4, 5],
    [1, 1, 1, 1],
    [1, 2, 3, 4],
  ],
  [
    [2, 3, 4, 5, 2],
    [0, 1, 0, 2, 1],
    [2, 2, 4, 3, 1],
  ],
  [
    [4, 40],
    [1, 3],
    [3, 35],
  ], // rows longer than the element-by-element limit
  [
    [4, 6],
    [1, 2],
    [0, 3],
  ], // empty
];

describe("copySlice", () => {
  it("copies the same elements as an element-by-element slice, for ranks 1 to 5", () => {
    for (const [shape, begin, size] of CASES) {
      const n = shape.reduce((a, b) => a * b, 1);
      const src = Float32Array.from({ length: n }, (_, i) => i);
      const dst = new Float32Array(size.reduce((a, b) => a * b, 1));
      copySlice(src, shape, dst, begin, size);
      assert.deepEqual(
        Array.from(dst),
        referenceSlice(shape, begin, size),
        `shape ${shape} begin ${begin} size ${size}`,
      );
    }
  });

  it("copies a scalar", () => {
    const dst = new Float32Array(1);
    copySlice(Float32Array.of(7), [], dst, [], []);
    assert.equal(dst[0], 7);
  });
});

describe("wasm Slice, Unpack and SplitV", () => {
  before(async () => {
    assert.equal(await useNodeBackend("wasm"), "wasm");
  });

  it("give the element-by-element values for float32 and int32", () => {
    for (const dtype of ["float32", "int32"] as const) {
      for (const [shape, begin, size] of CASES.filter(([s]) => s.length > 0)) {
        const n = shape.reduce((a, b) => a * b, 1);
        const got = tf.tidy(() => tf.slice(tf.reshape(tf.range(0, n, 1, dtype), shape), begin, size).dataSync());
        assert.deepEqual(Array.from(got), referenceSlice(shape, begin, size), `${dtype} ${shape} ${begin} ${size}`);
      }
    }
    const x = tf.reshape(tf.range(0, 24), [2, 3, 4]);
    tf.unstack(x, 1).forEach((t, i) => {
      assert.deepEqual(t.shape, [2, 4]);
      assert.deepEqual(Array.from(t.dataSync()), referenceSlice([2, 3, 4], [0, i, 0], [2, 1, 4]));
    });
    const [a, b] = tf.split(x, [1, 3], 2);
    assert.deepEqual(Array.from(a.dataSync()), referenceSlice([2, 3, 4], [0, 0, 0], [2, 3, 1]));
    assert.deepEqual(Array.from(b.dataSync()), referenceSlice([2, 3, 4], [0, 0, 1], [2, 3, 3]));
  });

  it("copy only the slice: the input is never read out of the wasm heap", () => {
    const backend = tf.backend() as unknown as { readSync: (...a: unknown[]) => unknown };
    const stockRead = backend.readSync;
    let reads = 0;
    backend.readSync = function (this: unknown, ...a: unknown[]) {
      reads++;
      return stockRead.apply(this, a);
    };
    try {
      tf.tidy(() => {
        const x = tf.ones([6, 4, 9]);
        tf.slice(x, [1, 0, 2], [3, 4, 5]);
        tf.unstack(x);
        tf.split(x, [3, 6], 2);
      });
    } finally {
      backend.readSync = stockRead;
    }
    assert.equal(reads, 0);
  });

  it("compute element-wise binary ops with broadcasting, without a typed array per call", () => {
    const a = tf.tensor3d([1, 2, 3, 4, 5, 6], [2, 1, 3]);
    const b = tf.tensor2d([10, 20, 30, 40, 50, 60], [2, 3]);
    const expect = (f: (x: number, y: number) => number) => {
      const out: number[] = [];
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 2; j++) for (let k = 0; k < 3; k++) out.push(f(i * 3 + k + 1, (j * 3 + k + 1) * 10));
      return out;
    };
    const Stock = globalThis.Int32Array;
    let made = 0;
    globalThis.Int32Array = new Proxy(Stock, { construct: (T, xs) => (made++, Reflect.construct(T, xs)) });
    let got: Record<string, number[]>;
    try {
      got = tf.tidy(() => ({
        add: Array.from(tf.add(a, b).dataSync()),
        sub: Array.from(tf.sub(a, b).dataSync()),
        mul: Array.from(tf.mul(a, b).dataSync()),
        div: Array.from(tf.div(b, a).dataSync()),
        max: Array.from(tf.maximum(a, tf.scalar(3)).dataSync()),
      }));
    } finally {
      globalThis.Int32Array = Stock;
    }
    assert.equal(made, 0);
    assert.deepEqual(
      got.add,
      expect((x, y) => x + y),
    );
    assert.deepEqual(
      got.sub,
      expect((x, y) => x - y),
    );
    assert.deepEqual(
      got.mul,
      expect((x, y) => x * y),
    );
    assert.deepEqual(got.div, Array.from(Float32Array.from(expect((x, y) => y / x))));
    assert.deepEqual(got.max, [3, 3, 3, 4, 5, 6]);
    const ints = tf.tidy(() =>
      Array.from(tf.add(tf.tensor1d([1, 2], "int32"), tf.tensor2d([[10], [20]], [2, 1], "int32")).dataSync()),
    );
    assert.deepEqual(ints, [11, 12, 21, 22]);
    tf.dispose([a, b]);
  });

  it("leak no tensors and pass gradients through", () => {
    const x = tf.variable(tf.reshape(tf.range(0, 12), [3, 4]));
    const before = tf.memory().numTensors;
    const g = tf.tidy(() =>
      tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.split(v, [1, 3], 1)[1], tf.unstack(v)[0].slice([1], [3]))))(x),
    );
    // d/dv Σ_{i,j≥1} v[i,j]·v[0,j]: row 0 gets Σ_i v[i,j] + v[0,j] (j ≥ 1), rows 1-2 get v[0,j].
    assert.deepEqual(Array.from(g.dataSync()), [
      0,
      1 + 5 + 9 + 1,
      2 + 6 + 10 + 2,
      3 + 7 + 11 + 3,
      0,
      1,
      2,
      3,
      0,
      1,
      2,
      3,
    ]);
    g.dispose();
    assert.equal(tf.memory().numTensors, before);
    x.dispose();
  });
});

describe("the lean Identity kernel", () => {
  it("shares memory until the last holder lets go, and survives the clones a gradient saves", () => {
    const buffers = () => (tf.memory() as { numDataBuffers: number }).numDataBuffers;
    const buffersBefore = buffers();
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    assert.equal(buffers() - buffersBefore, 1, "one buffer for both");
    x.dispose();
    assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3], "the clone keeps the values after the original is gone");
    y.dispose();
    assert.equal(buffers(), buffersBefore, "and frees it with the last one");
    // A variable updated by an optimiser must not change a clone taken before the update.
    const v = tf.variable(tf.tensor1d([1, 1]));
    const before = tf.clone(v);
    const opt = tf.train.sgd(0.5);
    opt.minimize(() => tf.sum(tf.mul(v, v)) as tf.Scalar);
    assert.deepEqual(Array.from(v.dataSync()), [0, 0]);
    assert.deepEqual(Array.from(before.dataSync()), [1, 1]);
    tf.dispose([v, before]);
    opt.dispose();
  });
});
