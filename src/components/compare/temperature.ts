// Soft attention's temperature, α = softmax(e / τ), applied to scores a model already computed:
// the page's sharpness slider moves along the continuum from a uniform average (τ → ∞) to a
// single pick (τ → 0) without training anything.

/** Row-wise softmax(e / τ), numerically stable (the row maximum is subtracted first). */
export function softmaxRows(scores: number[][], temperature: number): number[][] {
  if (!(temperature > 0)) throw new RangeError(`Temperature must be above 0 (got ${temperature}).`);
  return scores.map((row) => {
    const scaled = row.map((e) => e / temperature);
    const max = Math.max(...scaled);
    const exps = scaled.map((x) => Math.exp(x - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((x) => x / sum);
  });
}

/** Mean entropy of the rows, in bits: 0 for one-hot rows, log2(n) for uniform ones. */
export function meanEntropyBits(rows: number[][]): number {
  if (rows.length === 0) return NaN;
  const h = rows.map((row) => -row.reduce((a, p) => (p > 0 ? a + p * Math.log2(p) : a), 0));
  return h.reduce((a, b) => a + b, 0) / rows.length;
}

/** Mean largest weight of the rows: 1 when every step looks at one position only. */
export function meanPeak(rows: number[][]): number {
  if (rows.length === 0) return NaN;
  return rows.reduce((a, row) => a + Math.max(...row), 0) / rows.length;
}
