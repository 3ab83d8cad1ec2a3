/**
 * Batched matrix products for attention, [N, M, K]·[N, K, P] → [N, M, P]. On wasm the gradient
 * is written with explicit transposes: tfjs-wasm sends a matmul with a transposed operand (which
 * autodiff's BatchMatMul gradient uses) to a slow path, ~7× an explicit transpose + matmul
 * (shared/PERFORMANCE.md), the same trick as `linear` in ../linear.ts.
 */
import * as tf from "../../tf.js";

type BatchMatMul = (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

/** [N, M, K] → [N, K, M]. */
export const swapLast = (x: tf.Tensor3D) => tf.transpose(x, [0, 2, 1]) as tf.Tensor3D;

const explicit = tf.customGrad((...args) => {
  const [a, b, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [as, bs] = saved as [tf.Tensor3D, tf.Tensor3D];
      // d(AB)/dA = dY·Bᵀ, d(AB)/dB = Aᵀ·dY
      return [tf.matMul(dy as tf.Tensor3D, swapLast(bs)), tf.matMul(swapLast(as), dy as tf.Tensor3D)];
    },
  };
}) as unknown as BatchMatMul;

/** a·b, batched over the first axis. */
export const batchMatMul: BatchMatMul = (a, b) => (tf.getBackend() === "wasm" ? explicit(a, b) : tf.matMul(a, b));

/** a·bᵀ, batched: the query–key scores. */
export const batchMatMulTransposeB: BatchMatMul = (a, b) =>
  tf.getBackend() === "wasm" ? explicit(a, swapLast(b)) : tf.matMul(a, b, false, true);
