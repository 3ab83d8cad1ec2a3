// Where an attention picture looks, measured against where it should look. DOM-free: the
// snapshot tests, the pages' captions and the one-way lesson all read the same numbers.
//
// For word reversal the right answer is known: output letter k of a word copies the letter
// (length − 1 − k) of the same input word. `copiedPositions` gives that source position for
// every output step; `peakOffsets` measures how far each row's largest weight α_{t,j} lands
// from it (0: on the copied letter, +1: one letter late, the one-way encoder's signature).
import type { Translation } from "../model/index.js";

/**
 * For each output character of the correct word reversal of `sourceTokens`, the source position
 * it copies (spaces map to the space between the same two words). Length = number of source tokens.
 */
export function copiedPositions(sourceTokens: readonly string[]): number[] {
  const positions: number[] = [];
  let start = 0;
  for (let j = 0; j <= sourceTokens.length; j++) {
    if (j === sourceTokens.length || sourceTokens[j] === " ") {
      for (let k = j - 1; k >= start; k--) positions.push(k);
      if (j < sourceTokens.length) positions.push(j);
      start = j + 1;
    }
  }
  return positions;
}

export interface PeakSummary {
  /** Output letters measured (spaces and the end marker are left out). */
  letters: number;
  /** Peak offset (argmax_j α_{t,j} − copied position) of each measured letter, in output order. */
  offsets: number[];
  /** Letters whose largest weight is on the copied letter. */
  onCopied: number;
  /** Letters whose largest weight is exactly one position to the right of the copied letter. */
  oneLate: number;
  /** The most common offset (ties: the smaller one). */
  typicalOffset: number;
}

const argmax = (row: readonly number[]) => row.reduce((best, v, j) => (v > row[best] ? j : best), 0);

/**
 * Measures a word-reversal attention picture: for every output letter that matches the correct
 * answer's letter, where its weight row peaks relative to the letter it copies. Rows of wrong
 * letters are skipped (what "should" they look at?).
 */
export function peakOffsets(t: Pick<Translation, "sourceTokens" | "outputTokens" | "weights">): PeakSummary {
  const copied = copiedPositions(t.sourceTokens);
  const offsets: number[] = [];
  t.outputTokens.forEach((token, i) => {
    const row = t.weights?.[i];
    if (!row || i >= copied.length || token === " " || token === "</s>") return;
    if (token !== t.sourceTokens[copied[i]]) return;
    offsets.push(argmax(row) - copied[i]);
  });
  const counts = new Map<number, number>();
  for (const o of offsets) counts.set(o, (counts.get(o) ?? 0) + 1);
  const typicalOffset = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  return {
    letters: offsets.length,
    offsets,
    onCopied: offsets.filter((o) => o === 0).length,
    oneLate: offsets.filter((o) => o === 1).length,
    typicalOffset,
  };
}

/** "16 of 17", the way captions say it. */
export const ofLetters = (n: number, s: PeakSummary) => `${n} of ${s.letters}`;

/**
 * The caption sentence for a word-reversal picture, generated from its weights so it cannot
 * contradict them.
 */
export function peakSentence(s: PeakSummary): string {
  if (s.letters === 0) return "No output letter matches the correct answer yet, so there is nothing to measure.";
  if (s.onCopied >= s.oneLate) {
    return `For ${ofLetters(s.onCopied, s)} correct output letters the darkest cell is the input letter being copied.`;
  }
  return `For ${ofLetters(s.oneLate, s)} correct output letters the darkest cell is one position to the right of the letter being copied: the model looks one letter late.`;
}

/**
 * How many letters of the correct word reversal of `sourceTokens` have their weight row's
 * largest weight on the letter they copy, out of how many: row t of `weights` is output step t,
 * whatever the model wrote there (the bench's "matrix readable": a reader can follow the
 * reversal in the picture). Rows past the correct answer's length, spaces and missing rows
 * count as not on it.
 */
export function rowsOnCopiedLetters(
  sourceTokens: readonly string[],
  weights: readonly (readonly number[])[],
): { onCopied: number; letters: number } {
  const copied = copiedPositions(sourceTokens);
  let letters = 0;
  let onCopied = 0;
  copied.forEach((j, t) => {
    if (sourceTokens[j] === " ") return;
    letters++;
    const row = weights[t];
    if (row && row.length > j && argmax(row) === j) onCopied++;
  });
  return { onCopied, letters };
}
