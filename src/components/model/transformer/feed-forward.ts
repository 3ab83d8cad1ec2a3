/**
 * The position-wise feed-forward network (Vaswani et al. 2017, eq. 2), the same two-layer
 * perceptron applied to every token on its own: FFN(x) = max(0, x W₁ + b₁) W₂ + b₂.
 */
import * as tf from "../../tf.js";
import type { Params } from "../params.js";
import { tokenwise } from "./tokenwise.js";

/**
 * @param params holds `${prefix}.W1` [d, d_ff], `.b1` [d_ff], `.W2` [d_ff, d], `.b2` [d]
 * @param x [B, T, d]
 * @returns [B, T, d]
 */
export function feedForward(params: Params, prefix: string, x: tf.Tensor3D): tf.Tensor3D {
  const p = (name: string) => params[`${prefix}.${name}`];
  const hidden = tf.relu(tokenwise(x, p("W1") as tf.Tensor2D, p("b1") as tf.Tensor1D));
  return tokenwise(hidden, p("W2") as tf.Tensor2D, p("b2") as tf.Tensor1D);
}
