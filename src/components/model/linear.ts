/**
 * x·W (+ b) for 2-D x. On the wasm backend the gradient is written out with explicit
 * transposes: tfjs-wasm sends any matmul with a transposed operand (every matmul in the
 * backward pass) to a scalar fallback, while plain [M,K]·[K,N] goes to XNNPACK
 * (shared/PERFORMANCE.md). Other backends transpose for free inside the matmul.
 */
import * as tf from "../tf.js";

type Linear = (x: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D) => tf.Tensor2D;

const plain: Linear = (x, w, b) => (b ? tf.fused.matMul({ a: x, b: w, bias: b }) : tf.matMul(x, w)) as tf.Tensor2D;

// x must be kept with save(): the tape frees intermediates before the backward pass. The weights
// are read as they are (saving clones a tensor, one more kernel per call): they must outlive
// the backward pass, as parameters do.
const withBias = tf.customGrad((...args) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x]);
  return {
    value: plain(x, w, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs] = saved as [tf.Tensor2D];
      return [
        tf.matMul(dy as tf.Tensor2D, tf.transpose(w)),
        tf.matMul(tf.transpose(xs), dy as tf.Tensor2D),
        tf.sum(dy, 0),
      ];
    },
  };
}) as unknown as Linear;

const withoutBias = tf.customGrad((...args) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs] = saved as [tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(w)), tf.matMul(tf.transpose(xs), dy as tf.Tensor2D)];
    },
  };
}) as unknown as Linear;

/** aᵀ·b and a·bᵀ, with the transposes explicit on wasm (see above). */
export function matMulTransposeA(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.getBackend() === "wasm" ? tf.matMul(tf.transpose(a), b) : tf.matMul(a, b, true, false);
}
export function matMulTransposeB(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.getBackend() === "wasm" ? tf.matMul(a, tf.transpose(b)) : tf.matMul(a, b, false, true);
}

export const linear: Linear = (x, w, b) => {
  if (tf.getBackend() !== "wasm") return plain(x, w, b);
  return b ? withBias(x, w, b) : withoutBias(x, w);
};
