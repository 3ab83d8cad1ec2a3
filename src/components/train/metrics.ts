/** Accuracy figures from decoded strings (plain numbers, no tensors). */
import type { Example } from "../tasks/index.js";

export interface LengthAccuracy {
  length: number;
  accuracy: number;
  count: number;
}

export interface Accuracy {
  /** Share of target characters (and the end marker) predicted right, position by position. */
  tokenAccuracy: number;
  /** Share of outputs exactly right. */
  exactMatch: number;
  exactMatchByLength: LengthAccuracy[];
}

export function scoreOutputs(examples: readonly Example[], outputs: readonly string[]): Accuracy {
  let tokensRight = 0;
  let tokens = 0;
  let exact = 0;
  const byLength = new Map<number, { right: number; count: number }>();
  examples.forEach((ex, i) => {
    const out = outputs[i] ?? "";
    // The end marker counts as one more position: stopping at the right place is part of the job.
    const want = ex.target + "\u0000";
    const got = out + "\u0000";
    for (let k = 0; k < want.length; k++) if (got[k] === want[k]) tokensRight++;
    tokens += want.length;
    const ok = out === ex.target;
    if (ok) exact++;
    const bucket = byLength.get(ex.source.length) ?? { right: 0, count: 0 };
    bucket.count++;
    if (ok) bucket.right++;
    byLength.set(ex.source.length, bucket);
  });
  return {
    tokenAccuracy: tokens ? tokensRight / tokens : 0,
    exactMatch: examples.length ? exact / examples.length : 0,
    exactMatchByLength: [...byLength.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([length, b]) => ({ length, accuracy: b.right / b.count, count: b.count })),
  };
}
