/**
 * The encoder and decoder layers (Vaswani et al. 2017, §3.1, Figure 1). Every sub-layer is
 * wrapped as LayerNorm(x + Sublayer(x)): the residual path lets a token keep what it was,
 * and layer norm keeps the sums at a steady scale as layers stack. (The paper's dropout is
 * left out: these models train on an endless stream of fresh examples.)
 *   encoder layer: self-attention over the source (padding masked), then the FFN
 *   decoder layer: masked self-attention (causal), attention to the encoder's output
 *                  (encoder–decoder attention, padding masked), then the FFN
 */
import * as tf from "../../tf.js";
import type { ParamBuilder, Params } from "../params.js";
import { multiHeadAttention } from "./attention.js";
import { feedForward } from "./feed-forward.js";
import { layerNorm } from "./layer-norm.js";

function attentionParams(b: ParamBuilder, prefix: string, d: number): void {
  for (const name of ["Wq", "Wk", "Wv", "Wo"]) b.matrix(`${prefix}.${name}`, d, d);
}

function normParams(b: ParamBuilder, prefix: string, d: number): void {
  const gain = b.zeros(`${prefix}.g`, d);
  tf.tidy(() => gain.assign(tf.ones([d]))); // g starts at 1: the identity scale
  b.zeros(`${prefix}.b`, d);
}

function ffnParams(b: ParamBuilder, prefix: string, d: number, ffn: number): void {
  b.matrix(`${prefix}.W1`, d, ffn);
  b.zeros(`${prefix}.b1`, ffn);
  b.matrix(`${prefix}.W2`, ffn, d);
  b.zeros(`${prefix}.b2`, d);
}

/** Parameters of encoder layer `enc{i}` and decoder layer `dec{i}`. */
export function layerParams(b: ParamBuilder, kind: "enc" | "dec", i: number, d: number, ffn: number): void {
  const p = `${kind}${i}`;
  attentionParams(b, `${p}.self`, d);
  normParams(b, `${p}.ln1`, d);
  if (kind === "dec") {
    attentionParams(b, `${p}.cross`, d);
    normParams(b, `${p}.ln3`, d);
  }
  ffnParams(b, `${p}.ffn`, d, ffn);
  normParams(b, `${p}.ln2`, d);
}

/** LayerNorm(x + sublayer) with the norm `${prefix}` (§3.1). */
function addAndNorm(params: Params, prefix: string, x: tf.Tensor3D, sublayer: tf.Tensor3D): tf.Tensor3D {
  return layerNorm(
    tf.add(x, sublayer) as tf.Tensor3D,
    params[`${prefix}.g`] as tf.Tensor1D,
    params[`${prefix}.b`] as tf.Tensor1D,
  );
}

/**
 * @param x [B, S, d] source token vectors
 * @param sourceMaskBias [B, 1, S]: MASKED_SCORE on padding
 * @returns the layer's output [B, S, d] and its heads' weights [B, h, S, S]
 */
export function encoderLayer(params: Params, i: number, heads: number, x: tf.Tensor3D, sourceMaskBias: tf.Tensor3D) {
  const p = `enc${i}`;
  const self = multiHeadAttention(params, `${p}.self`, heads, x, x, sourceMaskBias);
  const attended = addAndNorm(params, `${p}.ln1`, x, self.output);
  return {
    output: addAndNorm(params, `${p}.ln2`, attended, feedForward(params, `${p}.ffn`, attended)),
    selfWeights: self.weights,
  };
}

/**
 * @param y [B, T, d] target token vectors (start marker, then the target shifted right)
 * @param seen [B, T', d] the layer's inputs the queries may look at: `y` itself when all positions
 *   run at once; when decoding one step at a time, every input so far (T = 1, T' = t + 1)
 * @param memory [B, S, d] the encoder's output
 * @param causalBias [1, T, T']: MASKED_SCORE where a query would see the future
 * @param sourceMaskBias [B, 1, S]
 * @returns [B, T, d], self weights [B, h, T, T'] and encoder–decoder weights [B, h, T, S]
 */
export function decoderLayer(
  params: Params,
  i: number,
  heads: number,
  y: tf.Tensor3D,
  seen: tf.Tensor3D,
  memory: tf.Tensor3D,
  causalBias: tf.Tensor3D,
  sourceMaskBias: tf.Tensor3D,
) {
  const p = `dec${i}`;
  const self = multiHeadAttention(params, `${p}.self`, heads, y, seen, causalBias);
  const afterSelf = addAndNorm(params, `${p}.ln1`, y, self.output);
  const cross = multiHeadAttention(params, `${p}.cross`, heads, afterSelf, memory, sourceMaskBias);
  const afterCross = addAndNorm(params, `${p}.ln3`, afterSelf, cross.output);
  return {
    output: addAndNorm(params, `${p}.ln2`, afterCross, feedForward(params, `${p}.ffn`, afterCross)),
    selfWeights: self.weights,
    crossWeights: cross.weights,
  };
}
