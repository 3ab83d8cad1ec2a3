// Principal component analysis down to 2 dimensions, small and deterministic: centre the
// vectors, form the d×d covariance, and find its top two eigenvectors by power iteration,
// deflating after the first. d is a hidden size (tens to a few hundred), so d² is cheap.

export interface Pca2d {
  /** Each vector's coordinates on the first two principal components. */
  points: [number, number][];
  /** Share of total variance along each component, 0..1 (0 when there is no variance). */
  explained: [number, number];
}

const MAX_ITERATIONS = 1000;
const TOLERANCE = 1e-12;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function normalise(v: Float64Array): number {
  const n = Math.sqrt(dot(v, v));
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return n;
}

/**
 * A fixed, deliberately irregular start: a symmetric one such as (1, …, 1) is orthogonal to
 * the top eigenvector of common cases (a line along (1, −1)) and power iteration would miss it.
 */
function startVector(d: number): Float64Array {
  const v = new Float64Array(d);
  for (let i = 0; i < d; i++) v[i] = 1 + ((i * 0.6180339887498949) % 1) + 1 / (i + 2);
  normalise(v);
  return v;
}

/** Remove from v its components along the unit vectors in basis (Gram–Schmidt). */
function orthogonalise(v: Float64Array, basis: Float64Array[]): void {
  for (const b of basis) {
    const p = dot(v, b);
    for (let i = 0; i < v.length; i++) v[i] -= p * b[i];
  }
}

/**
 * Largest eigenpair of the symmetric PSD matrix c restricted to the complement of `found`.
 * An eigenvalue below `negligible` counts as 0: once c·v is rounding noise, normalising it
 * would blow the noise up into a direction that is not orthogonal to `found`.
 */
function topEigen(
  c: Float64Array[],
  found: Float64Array[],
  negligible: number,
): { vector: Float64Array; value: number } {
  const d = c.length;
  let v = startVector(d);
  orthogonalise(v, found);
  // The start can (rarely) lie in the span of what was found: try unit axes instead.
  for (let k = 0; normalise(v) < 1e-9 && k < d; k++) {
    v = new Float64Array(d);
    v[k] = 1;
    orthogonalise(v, found);
  }
  const w = new Float64Array(d);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    for (let i = 0; i < d; i++) w[i] = dot(c[i], v);
    orthogonalise(w, found);
    const norm = normalise(w);
    if (norm <= negligible) return { vector: new Float64Array(d), value: 0 };
    orthogonalise(w, found);
    normalise(w);
    let change = 0;
    for (let i = 0; i < d; i++) change = Math.max(change, Math.abs(w[i] - v[i]));
    v.set(w);
    if (change < TOLERANCE) break;
  }
  // Rayleigh quotient: the eigenvalue, exact even when the iteration stopped short.
  const cv = new Float64Array(d);
  for (let i = 0; i < d; i++) cv[i] = dot(c[i], v);
  return { vector: v, value: Math.max(0, dot(v, cv)) };
}

/**
 * An eigenvector's sign is arbitrary; fix it so the entry of largest magnitude (first one on
 * ties) is positive, and a re-run or a small change of data does not mirror the picture.
 */
function fixSign(v: Float64Array): void {
  let k = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[k]) + 1e-12) k = i;
  if (v[k] < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i];
}

/** Project vectors (all of one length) on their first two principal components. */
export function pca2d(vectors: number[][]): Pca2d {
  const n = vectors.length;
  if (n === 0) return { points: [], explained: [0, 0] };
  const d = vectors[0].length;
  for (const v of vectors) {
    if (v.length !== d) throw new RangeError(`pca2d: vectors differ in length (${d} and ${v.length})`);
    if (!v.every(Number.isFinite)) throw new RangeError("pca2d: vectors must be finite (got NaN or Infinity)");
  }
  const mean = new Float64Array(d);
  for (const v of vectors) for (let i = 0; i < d; i++) mean[i] += v[i] / n;
  const x = vectors.map((v) => Float64Array.from(v, (e, i) => e - mean[i]));

  const c: Float64Array[] = Array.from({ length: d }, () => new Float64Array(d));
  for (const row of x)
    for (let i = 0; i < d; i++) {
      if (row[i] === 0) continue;
      for (let j = i; j < d; j++) c[i][j] += row[i] * row[j];
    }
  let trace = 0;
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) c[j][i] = c[i][j] = c[i][j] / Math.max(1, n - 1);
    trace += c[i][i];
  }

  const components: Float64Array[] = [];
  const values: number[] = [];
  for (let k = 0; k < 2; k++) {
    // Variance below rounding noise of the total is no direction at all.
    const { vector, value } =
      k < d && trace > 0 ? topEigen(c, components, trace * 1e-12) : { vector: new Float64Array(d), value: 0 };
    const real = value > trace * 1e-12;
    if (real) fixSign(vector);
    components.push(real ? vector : new Float64Array(d));
    values.push(real ? value : 0);
  }
  const points = x.map((row) => [dot(row, components[0]) + 0, dot(row, components[1]) + 0] as [number, number]);
  const explained: [number, number] = trace > 0 ? [values[0] / trace, values[1] / trace] : [0, 0];
  return { points, explained };
}
