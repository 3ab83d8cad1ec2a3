import * as tf from "../tf.js";

/**
 * Float one-hot rows. Built as an int32 one-hot plus a cast because the wasm backend (4.22)
 * writes integer bit patterns when asked for a float32 one-hot directly (1 becomes 1.4e-45).
 */
export function oneHotFloat(indices: tf.Tensor, depth: number): tf.Tensor {
  return tf.cast(tf.oneHot(indices as tf.Tensor1D, depth), "float32");
}
