/**
 * Positional encodings (Vaswani et al. 2017, §3.5). Attention treats its inputs as a set: without
 * something added to each token vector, the encoder cannot tell "tac" from "cta".
 *   sinusoidal: PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d))
 *   learned:    a trained table P [maxPositions, d], row pos added to the token at pos
 *   none:       nothing added
 */
import * as tf from "../../tf.js";
import type { PositionKind } from "./config.js";

/** The sinusoidal table as plain numbers [length][d] (also what a page draws). */
export function sinusoidalTable(length: number, d: number): number[][] {
  return Array.from({ length }, (_, pos) =>
    Array.from({ length: d }, (_, k) => {
      const i = Math.floor(k / 2);
      const angle = pos / 10000 ** ((2 * i) / d);
      return k % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }),
  );
}

/**
 * The encodings for positions offset … offset+length−1, or undefined for "none".
 * @param table the learned table P [maxPositions, d] (learned only)
 * @param offset the first position (decoding one step at a time starts each step further on)
 * @returns [length, d]
 */
export function positionalEncoding(
  kind: PositionKind,
  length: number,
  d: number,
  table?: tf.Tensor2D,
  offset = 0,
): tf.Tensor2D | undefined {
  if (kind === "none") return undefined;
  if (kind === "sinusoidal") return tf.tensor2d(sinusoidalTable(offset + length, d).slice(offset), [length, d]);
  if (!table) throw new Error("Learned positions need their table.");
  if (offset + length > table.shape[0]) {
    throw new Error(
      `A sequence of ${offset + length} positions is longer than the ${table.shape[0]} this model learned.`,
    );
  }
  return tf.slice(table, [offset, 0], [length, d]);
}
