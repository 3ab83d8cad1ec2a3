/** Caption figures from plain arrays: word accuracy, exact match, and where attention fell. */
import type { LengthAccuracy } from "./metrics.js";

export interface CaptionScores {
  /** Share of target words (and the end marker) right, position by position. */
  tokenAccuracy: number;
  /** Share of captions exactly right. */
  exactMatch: number;
  /** Exact match by number of shapes in the scene ("length" = shapes). */
  exactMatchByLength: LengthAccuracy[];
}

/** Scores generated captions against the true ones (words, without the end marker). */
export function scoreCaptions(
  targets: readonly string[][],
  outputs: readonly string[][],
  shapeCounts: readonly number[],
): CaptionScores {
  let right = 0;
  let total = 0;
  let exact = 0;
  const byCount = new Map<number, { right: number; count: number }>();
  targets.forEach((want, i) => {
    const got = outputs[i] ?? [];
    // The end marker is one more position: stopping at the right place is part of the job.
    const [w, g] = [
      [...want, "</s>"],
      [...got, "</s>"],
    ];
    for (let k = 0; k < w.length; k++) if (g[k] === w[k]) right++;
    total += want.length + 1;
    const ok = got.length === want.length && got.every((w, k) => w === want[k]);
    if (ok) exact++;
    const bucket = byCount.get(shapeCounts[i]) ?? { right: 0, count: 0 };
    bucket.count++;
    if (ok) bucket.right++;
    byCount.set(shapeCounts[i], bucket);
  });
  return {
    tokenAccuracy: total ? right / total : 0,
    exactMatch: targets.length ? exact / targets.length : 0,
    exactMatchByLength: [...byCount.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([length, b]) => ({ length, accuracy: b.right / b.count, count: b.count })),
  };
}

export interface AttentionCorrectness {
  /** Mean over content words of the attention mass on the named shape's cells. */
  correctness: number;
  /** The same mean under uniform attention: the share of the grid the shape covers. */
  uniform: number;
  /** Words measured. */
  words: number;
}

/**
 * Attention correctness (Liu et al. 2017, "Attention Correctness in Neural Image Captioning"):
 * for every word that names a shape, the share of α on that shape's cells, averaged over words.
 * @param weights α [examples][steps][N]
 * @param cells the named shape's cells per example and step ([] for words that name nothing)
 */
export function attentionCorrectness(
  weights: readonly number[][][],
  cells: readonly number[][][],
): AttentionCorrectness {
  let mass = 0;
  let uniform = 0;
  let words = 0;
  weights.forEach((steps, b) => {
    cells[b].forEach((named, t) => {
      if (named.length === 0) return;
      const row = steps[t];
      for (const j of named) mass += row[j];
      uniform += named.length / row.length;
      words++;
    });
  });
  return { correctness: words ? mass / words : 0, uniform: words ? uniform / words : 0, words };
}
