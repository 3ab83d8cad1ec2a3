// The learning-rate schedule and the rate a diverged run should retry with: plain arithmetic,
// free of tfjs, so the pages (their controls and messages) can use it without loading tfjs on
// the main thread (1.8 MB that delayed the first picture by about a second).

/** The rate at a step (1-based): linear warm-up, then constant or halving every half-life. */
export function learningRateAt(
  c: { learningRate: number; learningRateHalfLife: number; learningRateWarmup?: number },
  step: number,
): number {
  const warmup = c.learningRateWarmup ?? 0;
  const ramp = warmup > 0 && step <= warmup ? step / warmup : 1;
  const decay = c.learningRateHalfLife > 0 ? 0.5 ** ((step - 1) / c.learningRateHalfLife) : 1;
  return c.learningRate * ramp * decay;
}

/** The rate the divergence message suggests: a tenth, and never above 0.01. */
export const retryRate = (learningRate: number) => Math.min(0.01, learningRate / 10);
