/**
 * Attention scoring functions e(query, key). Each works on a batch of queries at once:
 * query [B, Tq, Dq] against keys [B, S, Dk] gives scores [B, Tq, S], so the same code serves
 * one decoder step (Tq = 1) and all steps at once (Luong without input feeding).
 * Key-side projections are computed once per source sentence by `prepare`.
 */
import * as tf from "../tf.js";
import { linear } from "./linear.js";
import type { AttentionKind } from "./config.js";
import type { ParamBuilder, Params } from "./params.js";

export type ScorerKind = Exclude<AttentionKind, "none">;

export interface Scorer {
  kind: ScorerKind;
  /** Work that depends only on the encoder states, done once per sentence. */
  prepare(keys: tf.Tensor3D): tf.Tensor3D;
  score(query: tf.Tensor3D, prepared: tf.Tensor3D): tf.Tensor3D;
}

/** Creates the parameters a scorer needs (names under "att."). */
export function scorerParams(
  b: ParamBuilder,
  kind: ScorerKind,
  querySize: number,
  keySize: number,
  attentionSize: number,
): void {
  if (kind === "additive" || kind === "concat") {
    b.matrix("att.W", querySize, attentionSize);
    b.matrix("att.U", keySize, attentionSize);
    b.matrix("att.v", attentionSize, 1);
  } else if (kind === "general") {
    b.matrix("att.Wa", keySize, querySize);
  }
}

/** x [B, N, D] · W [D, K] → [B, N, K] as one 2-D matmul. */
function project3d(x: tf.Tensor3D, w: tf.Tensor2D): tf.Tensor3D {
  const [B, N, D] = x.shape;
  return tf.reshape(linear(tf.reshape(x, [B * N, D]), w), [B, N, w.shape[1]]);
}

/**
 * Additive score vᵀ tanh(W q + U k): Bahdanau et al. 2015 (eq. 6, appendix A.1.2) with the
 * previous decoder state as q; Luong et al. 2015 "concat" (eq. 8) with the current state.
 */
export function additiveScore(query: tf.Tensor3D, preparedKeys: tf.Tensor3D, W: tf.Tensor2D, v: tf.Tensor2D) {
  const [B, Tq] = query.shape;
  const [, S, A] = preparedKeys.shape;
  const q = tf.reshape(project3d(query, W), [B, Tq, 1, A]);
  const k = tf.reshape(preparedKeys, [B, 1, S, A]);
  const hidden = tf.tanh(tf.add(q, k)); // [B, Tq, S, A]
  return tf.reshape(linear(tf.reshape(hidden, [B * Tq * S, A]), v), [B, Tq, S]) as tf.Tensor3D;
}

/** Dot score qᵀk (Luong eq. 8, "dot"); `scale` 1/√d gives the Transformer's scaled dot product. */
export function dotScore(query: tf.Tensor3D, keys: tf.Tensor3D, scale = 1): tf.Tensor3D {
  const e = tf.matMul(query, keys, false, true) as tf.Tensor3D;
  return scale === 1 ? e : (tf.mul(e, scale) as tf.Tensor3D);
}

export function makeScorer(kind: ScorerKind, params: Params): Scorer {
  switch (kind) {
    case "additive":
    case "concat": {
      const W = params["att.W"] as tf.Tensor2D;
      const U = params["att.U"] as tf.Tensor2D;
      const v = params["att.v"] as tf.Tensor2D;
      return { kind, prepare: (keys) => project3d(keys, U), score: (q, k) => additiveScore(q, k, W, v) };
    }
    case "dot":
      return { kind, prepare: (keys) => keys, score: (q, k) => dotScore(q, k) };
    case "scaled-dot":
      return { kind, prepare: (keys) => keys, score: (q, k) => dotScore(q, k, 1 / Math.sqrt(q.shape[2])) };
    case "general": {
      // qᵀ W_a k, with W_a k for every key computed once per sentence.
      const Wa = params["att.Wa"] as tf.Tensor2D;
      return { kind, prepare: (keys) => project3d(keys, Wa), score: (q, k) => dotScore(q, k) };
    }
  }
}
