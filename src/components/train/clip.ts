import * as tf from "../tf.js";

/** Rescales all gradients together so their global L2 norm is at most `maxNorm` (Pascanu et al. 2013). */
export function clipByGlobalNorm(
  grads: tf.NamedTensorMap,
  maxNorm: number,
): { clipped: tf.NamedTensorMap; norm: tf.Scalar } {
  const names = Object.keys(grads);
  const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))) as tf.Scalar;
  // min(1, maxNorm / norm) without a branch on the CPU side (no sync).
  const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
  const clipped: tf.NamedTensorMap = {};
  for (const n of names) clipped[n] = tf.mul(grads[n], scale);
  return { clipped, norm };
}
