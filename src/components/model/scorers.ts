/**
 * Attention scoring functions e(query, key). Each works on a batch of queries at once:
 * query [B, Tq, Dq] against keys [B, S, Dk] gives scores [B, Tq, S], so the same code serves
 * one decoder step (Tq = 1) and all steps at once (Luong without input feeding).
 * Key-side projections are computed once per source sentence by `prepare`.
 */
import * as tf from "../tf.js";
import { linear, matMulTransposeA, matMulTransposeB } from "./linear.js";
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
export function additiveScoreReference(query: tf.Tensor3D, preparedKeys: tf.Tensor3D, W: tf.Tensor2D, v: tf.Tensor2D) {
  const [B, Tq] = query.shape;
  const [, S, A] = preparedKeys.shape;
  const q = tf.reshape(project3d(query, W), [B, Tq, 1, A]);
  const k = tf.reshape(preparedKeys, [B, 1, S, A]);
  const hidden = tf.tanh(tf.add(q, k)); // [B, Tq, S, A]
  return tf.reshape(linear(tf.reshape(hidden, [B * Tq * S, A]), v), [B, Tq, S]) as tf.Tensor3D;
}

/**
 * The same score with a hand-written backward pass (it runs at every decoder step, and
 * autodiff's version launches about twice the kernels). With t = tanh(Wq + Uk), e = t v:
 *   dt = de vᵀ,  da = dt ⊙ (1 − t²),  d(Uk) = Σ_q da,  dW = qᵀ Σ_k da,  dq = (Σ_k da) Wᵀ,  dv = tᵀ de.
 * de vᵀ is an outer product ([N, 1]·[1, A]), computed as a broadcast multiply: the same
 * products, without a transpose and a matmul. W and v are read in the backward pass as they
 * are, not saved (saving clones a tensor: one more kernel each): they must outlive it, as
 * parameters do. With one query per sentence (a decoder step, Tq = 1) the keys need no
 * reshape and their gradient no sum over queries.
 */
const fusedAdditiveScore = tf.customGrad((...args) => {
  const [query, keys, W, v, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  const [B, Tq, Dq] = query.shape;
  const [, S, A] = keys.shape;
  const q2 = tf.reshape(query, [B * Tq, Dq]) as tf.Tensor2D;
  const qW = tf.matMul(q2, W);
  const t =
    Tq === 1
      ? tf.tanh(tf.add(tf.reshape(qW, [B, 1, A]), keys)) // [B, S, A]
      : tf.tanh(tf.add(tf.reshape(qW, [B, Tq, 1, A]), tf.reshape(keys, [B, 1, S, A])));
  const t2 = tf.reshape(t, [B * Tq * S, A]) as tf.Tensor2D;
  save([q2, t2]);
  return {
    value: tf.reshape(tf.matMul(t2, v), [B, Tq, S]),
    gradFunc: (de: tf.Tensor, saved: tf.Tensor[]) => {
      const [qs, ts] = saved as tf.Tensor2D[];
      const de2 = tf.reshape(de, [B * Tq * S, 1]) as tf.Tensor2D;
      const da2 = tf.mul(tf.mul(de2, tf.reshape(v, [1, A])), tf.sub(1, tf.square(ts)));
      let dq: tf.Tensor2D;
      let dKeys: tf.Tensor;
      if (Tq === 1) {
        dKeys = tf.reshape(da2, [B, S, A]);
        dq = tf.sum(dKeys, 1) as tf.Tensor2D;
      } else {
        const da = tf.reshape(da2, [B, Tq, S, A]);
        dq = tf.reshape(tf.sum(da, 2), [B * Tq, A]) as tf.Tensor2D;
        dKeys = tf.sum(da, 1);
      }
      return [
        tf.reshape(matMulTransposeB(dq, W), [B, Tq, Dq]),
        dKeys,
        matMulTransposeA(qs, dq),
        matMulTransposeA(ts, de2),
      ];
    },
  };
}) as unknown as (query: tf.Tensor3D, keys: tf.Tensor3D, W: tf.Tensor2D, v: tf.Tensor2D) => tf.Tensor3D;

export const additiveScore = (query: tf.Tensor3D, preparedKeys: tf.Tensor3D, W: tf.Tensor2D, v: tf.Tensor2D) =>
  fusedAdditiveScore(query, preparedKeys, W, v);

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
