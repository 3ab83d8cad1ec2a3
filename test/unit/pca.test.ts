import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { pca2d } from "../../src/components/analysis/pca.ts";

const close = (a: number, b: number, tol = 1e-9, what = "") => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} ≉ ${b}`);
const noNaN = (r: ReturnType<typeof pca2d>) =>
  assert.ok([...r.points.flat(), ...r.explained].every(Number.isFinite), JSON.stringify(r));

/** A deterministic pseudo-random sequence (LCG), so tests do not depend on Math.random. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

describe("pca2d", () => {
  it("pca2d(points on a line) puts all variance on the first component and keeps distances along it", () => {
    const dir = [1, -2, 2].map((v) => v / 3);
    const ts = [-2, -0.5, 0, 1, 3.5];
    const r = pca2d(ts.map((t) => dir.map((d, i) => 5 + i + t * d)));
    close(r.explained[0], 1, 1e-9, "explained[0]");
    close(r.explained[1], 0, 1e-9, "explained[1]");
    const mean = ts.reduce((a, b) => a + b) / ts.length;
    // Sign convention: the largest entry of the direction (-2/3) is made positive, so the
    // component is -dir and coordinates are -(t - mean).
    r.points.forEach(([a, b], k) => {
      close(a, -(ts[k] - mean), 1e-9, `point ${k}`);
      close(b, 0, 1e-9, `point ${k} second`);
    });
  });

  it("splits variance by axis for an axis-aligned cross: 90% and 10%", () => {
    const r = pca2d([
      [3, 0],
      [-3, 0],
      [0, 1],
      [0, -1],
    ]);
    close(r.explained[0], 0.9, 1e-9);
    close(r.explained[1], 0.1, 1e-9);
    assert.deepEqual(
      r.points.map(([a, b]) => [Math.round(a * 1e9) / 1e9 + 0, Math.round(b * 1e9) / 1e9 + 0]),
      [
        [3, 0],
        [-3, 0],
        [0, 1],
        [0, -1],
      ],
    );
  });

  it("recovers a plane in 40 dimensions: two components explain nearly everything, in order", () => {
    const rnd = lcg(7);
    const u = Array.from({ length: 40 }, () => rnd());
    const w = Array.from({ length: 40 }, () => rnd());
    const data = Array.from({ length: 60 }, () => {
      const a = rnd() * 5;
      const b = rnd();
      return u.map((ui, i) => a * ui + b * w[i] + rnd() * 1e-4);
    });
    const r = pca2d(data);
    assert.ok(r.explained[0] > r.explained[1], `${r.explained}`);
    close(r.explained[0] + r.explained[1], 1, 1e-6, "sum");
    // Projections onto orthogonal components are uncorrelated.
    const cov = r.points.reduce((s, [a, b]) => s + a * b, 0);
    close(cov, 0, 1e-6, "covariance of the two coordinates");
  });

  it("is deterministic: the same input gives identical output", () => {
    const rnd = lcg(3);
    const data = Array.from({ length: 30 }, () => Array.from({ length: 16 }, () => rnd()));
    assert.deepEqual(pca2d(data), pca2d(data.map((v) => [...v])));
  });

  it("keeps its sign when the data are shifted, so the picture does not flip", () => {
    const data = [
      [1, 2],
      [2, 4.1],
      [3, 5.9],
      [4, 8],
    ];
    const a = pca2d(data).points;
    const b = pca2d(data.map(([x, y]) => [x + 100, y - 7])).points;
    a.forEach((p, k) => {
      close(p[0], b[k][0], 1e-7);
      close(p[1], b[k][1], 1e-7);
    });
  });

  it("handles degenerate inputs without NaN", () => {
    const empty = pca2d([]);
    assert.deepEqual(empty, { points: [], explained: [0, 0] });
    const one = pca2d([[1, 2, 3]]);
    assert.deepEqual(one, { points: [[0, 0]], explained: [0, 0] });
    const same = pca2d([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    assert.deepEqual(same, {
      points: [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      explained: [0, 0],
    });
    const zeroDim = pca2d([[], []]);
    assert.deepEqual(zeroDim, {
      points: [
        [0, 0],
        [0, 0],
      ],
      explained: [0, 0],
    });
    const oneDim = pca2d([[1], [2], [4]]);
    noNaN(oneDim);
    assert.deepEqual(oneDim.explained, [1, 0]);
    close(oneDim.points[2][0], 4 - 7 / 3, 1e-12);
    const isotropic = pca2d([
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ]);
    noNaN(isotropic);
    close(isotropic.explained[0], 0.5, 1e-9);
    close(isotropic.explained[1], 0.5, 1e-9);
  });

  it("rejects vectors of different lengths and non-finite values", () => {
    assert.throws(() => pca2d([[1, 2], [1]]), RangeError);
    assert.throws(() => pca2d([[1, NaN]]), RangeError);
  });
});
