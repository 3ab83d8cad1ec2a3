/**
 * Multi-head scaled dot-product attention (Vaswani et al. 2017):
 *   Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V                                    (eq. 1)
 *   MultiHead(Q, K, V) = Concat(head_1, …, head_h) W^O,
 *     head_i = Attention(Q W_i^Q, K W_i^K, V W_i^V)                               (§3.2.2)
 * Compared with the GRU pages: the decoder state was the query, the encoder states were both
 * keys and values; here all three are learned projections, and every position is a query.
 * The h heads' projections are stored side by side in one [d, d] matrix each, so all heads
 * are computed by one matmul and split by reshaping.
 */
import * as tf from "../../tf.js";
import { MASKED_SCORE } from "../attend.js";
import type { Params } from "../params.js";
import { batchMatMul, batchMatMulTransposeB } from "./matmul.js";
import { tokenwise } from "./tokenwise.js";

export { MASKED_SCORE };

export interface HeadsOutput {
  /** The sub-layer's output [B, Tq, d]. */
  output: tf.Tensor3D;
  /** Every head's attention weights α [B, h, Tq, S]: rows sum to 1, masked positions 0. */
  weights: tf.Tensor4D;
}

/** [B, T, d] → [B·h, T, d/h]: head i reads columns i·d_k … (i+1)·d_k − 1. */
function splitHeads(x: tf.Tensor3D, heads: number): tf.Tensor3D {
  const [B, T, d] = x.shape;
  const perHead = tf.transpose(tf.reshape(x, [B, T, heads, d / heads]), [0, 2, 1, 3]);
  return tf.reshape(perHead, [B * heads, T, d / heads]) as tf.Tensor3D;
}

/** [B·h, T, d_k] → [B, T, h·d_k]: the heads' outputs concatenated per token. */
function mergeHeads(x: tf.Tensor3D, heads: number): tf.Tensor3D {
  const [Bh, T, dk] = x.shape;
  const B = Bh / heads;
  const together = tf.transpose(tf.reshape(x, [B, heads, T, dk]), [0, 2, 1, 3]);
  return tf.reshape(together, [B, T, heads * dk]) as tf.Tensor3D;
}

/**
 * @param params holds `${prefix}.Wq`, `.Wk`, `.Wv`, `.Wo`, each [d, d]
 * @param queries [B, Tq, d] (decoder or encoder states)
 * @param memory [B, S, d] (keys and values come from here: the same tensor for self-attention)
 * @param maskBias [B or 1, Tq or 1, S]: 0 where a query may look, MASKED_SCORE where not
 *   (padding of the source; the future, in the decoder's causal mask)
 */
export function multiHeadAttention(
  params: Params,
  prefix: string,
  heads: number,
  queries: tf.Tensor3D,
  memory: tf.Tensor3D,
  maskBias: tf.Tensor3D,
): HeadsOutput {
  const [B, Tq, d] = queries.shape;
  const S = memory.shape[1];
  const dk = d / heads;
  const p = (name: string) => params[`${prefix}.${name}`] as tf.Tensor2D;
  const q = splitHeads(tokenwise(queries, p("Wq")), heads); // [B·h, Tq, d_k]
  const k = splitHeads(tokenwise(memory, p("Wk")), heads); // [B·h, S, d_k]
  const v = splitHeads(tokenwise(memory, p("Wv")), heads); // [B·h, S, d_k]
  // Dividing by √d_k keeps the dot products' variance near 1, so the softmax does not saturate.
  const scores = tf.div(batchMatMulTransposeB(q, k), Math.sqrt(dk)); // [B·h, Tq, S]
  const masked = tf.add(tf.reshape(scores, [B, heads, Tq, S]), tf.expandDims(maskBias, 1));
  const weights = tf.softmax(masked) as tf.Tensor4D; // [B, h, Tq, S]
  const context = batchMatMul(tf.reshape(weights, [B * heads, Tq, S]) as tf.Tensor3D, v); // [B·h, Tq, d_k]
  return { output: tokenwise(mergeHeads(context, heads), p("Wo")), weights };
}

/** Causal mask [1, T, T]: position t may attend to positions 0 … t only, never the future. */
export function causalMaskBias(T: number): tf.Tensor3D {
  const rows = Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (j <= i ? 0 : MASKED_SCORE)));
  return tf.tensor3d([rows], [1, T, T]);
}
