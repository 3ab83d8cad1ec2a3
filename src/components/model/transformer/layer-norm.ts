/**
 * Layer normalisation (Ba, Kiros & Hinton 2016) written from elementwise ops and means, so every
 * backend has every gradient it needs: LN(x) = g ⊙ (x − μ) / √(σ² + ε) + b, with μ and σ² the
 * mean and variance over the last axis of each token vector. The Transformer applies it after
 * each residual connection: LayerNorm(x + Sublayer(x)) (Vaswani et al. 2017, §3.1).
 */
import * as tf from "../../tf.js";

/** Keeps the square root away from 0 when a vector is constant (the usual 1e-5). */
export const LAYER_NORM_EPSILON = 1e-5;

/**
 * @param x [..., d]
 * @param gain g [d] (starts at 1)
 * @param bias b [d] (starts at 0)
 * @returns [..., d]
 */
export function layerNorm<T extends tf.Tensor>(x: T, gain: tf.Tensor1D, bias: tf.Tensor1D): T {
  const mean = tf.mean(x, -1, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), -1, true);
  const normalised = tf.div(centred, tf.sqrt(tf.add(variance, LAYER_NORM_EPSILON)));
  return tf.add(tf.mul(normalised, gain), bias) as T;
}
