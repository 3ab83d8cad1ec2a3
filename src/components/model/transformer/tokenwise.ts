/** The same affine map applied to every token vector: [B, T, d_in] · W [d_in, d_out] (+ b) → [B, T, d_out]. */
import * as tf from "../../tf.js";
import { linear } from "../linear.js";

export function tokenwise(x: tf.Tensor3D, w: tf.Tensor2D, b?: tf.Tensor1D): tf.Tensor3D {
  const [B, T, d] = x.shape;
  const flat = linear(tf.reshape(x, [B * T, d]) as tf.Tensor2D, w, b);
  return tf.reshape(flat, [B, T, w.shape[1]]) as tf.Tensor3D;
}
