/**
 * One decoder step of additive soft attention after the query projection, forward and
 * backward, as one loop kernel each (loop-kernels.ts); composed from ordinary ops where no
 * loop kernel runs (WebGL). With q = s W_a [B, A], prepared keys u = U_a h_j [B, S, A], v_a [A, 1],
 * the mask bias [B, S] (0 or MASKED_SCORE) and the keys h_j [B, S, K] (Bahdanau et al. 2015, eq. 6):
 *   τ = tanh(q + u),  e = τ v_a + mask,  α = softmax(e),  c = Σ_j α_j h_j
 * Backward, given dc [B, K] and direct gradients of α and e [B, S]:
 *   dα = dα_out + dc h_jᵀ,  de = de_out + α ⊙ (dα − Σ_j α_j dα_j),  dτ = de v_aᵀ ⊙ (1 − τ²),  dq = Σ_j dτ
 * and this step's share of dv_a, Σ_b Σ_j de τ [A]. (dh_j = α dc and the other weight gradients
 * are summed over steps by the caller.)
 */
import * as tf from "../tf.js";
import { hasLoopKernel, registerLoopKernel, runLoopKernel, tanh } from "./loop-kernels.js";

const FORWARD = "GlimpseAdditiveAttend";
const BACKWARD = "GlimpseAdditiveAttendGrad";

function forwardLoop(ins: (Float32Array | undefined)[], [tau, e, alpha, c]: Float32Array[], shapes: number[][]) {
  const [q, u, v, mask, keys] = ins as Float32Array[];
  const [B, S, A] = shapes[1];
  const K = shapes[4][2];
  for (let b = 0; b < B; b++) {
    let max = -Infinity;
    for (let j = 0; j < S; j++) {
      const row = (b * S + j) * A;
      let score = 0;
      for (let a = 0; a < A; a++) {
        const t = tanh(q[b * A + a] + u[row + a]);
        tau[row + a] = t;
        score += t * v[a];
      }
      score += mask[b * S + j];
      e[b * S + j] = score;
      if (score > max) max = score;
    }
    let total = 0;
    for (let j = 0; j < S; j++) total += alpha[b * S + j] = Math.exp(e[b * S + j] - max);
    for (let k = 0; k < K; k++) c[b * K + k] = 0;
    for (let j = 0; j < S; j++) {
      const w = (alpha[b * S + j] /= total);
      for (let k = 0; k < K; k++) c[b * K + k] += w * keys[(b * S + j) * K + k];
    }
  }
}

function backwardLoop(ins: (Float32Array | undefined)[], [dTau, dq, de, dv]: Float32Array[], shapes: number[][]) {
  const [dc, dAlphaOut, deOut, alpha, tau, v, keys] = ins as Float32Array[];
  const [B, S, A] = shapes[4];
  const K = shapes[0][1];
  const dAlpha = new Float64Array(S);
  dv.fill(0);
  for (let b = 0; b < B; b++) {
    let weighted = 0;
    for (let j = 0; j < S; j++) {
      let d = dAlphaOut[b * S + j];
      for (let k = 0; k < K; k++) d += dc[b * K + k] * keys[(b * S + j) * K + k];
      dAlpha[j] = d;
      weighted += alpha[b * S + j] * d;
    }
    for (let a = 0; a < A; a++) dq[b * A + a] = 0;
    for (let j = 0; j < S; j++) {
      const dej = deOut[b * S + j] + alpha[b * S + j] * (dAlpha[j] - weighted);
      de[b * S + j] = dej;
      const row = (b * S + j) * A;
      for (let a = 0; a < A; a++) {
        const t = tau[row + a];
        const d = dej * v[a] * (1 - t * t);
        dTau[row + a] = d;
        dq[b * A + a] += d;
        dv[a] += dej * t;
      }
    }
  }
}

registerLoopKernel(
  FORWARD,
  ["q", "u", "v", "mask", "keys"],
  ([q, u, , , keys]) => [u, [q[0], u[1]], [q[0], u[1]], [q[0], keys[2]]],
  forwardLoop,
);
registerLoopKernel(
  BACKWARD,
  ["dc", "dAlpha", "de", "alpha", "tau", "v", "keys"],
  ([, , , alpha, tau]) => [tau, [tau[0], tau[2]], alpha, [tau[2]]],
  backwardLoop,
);

export interface AttendStep {
  /** τ [B, S, A], scores e and weights α [B, S], context c [B, K]. */
  tau: tf.Tensor3D;
  e: tf.Tensor2D;
  alpha: tf.Tensor2D;
  c: tf.Tensor2D;
}

/** The forward step: q [B, A], u [B, S, A], v [A, 1], mask [B, S], keys [B, S, K]. */
export function additiveAttendStep(
  q: tf.Tensor2D,
  u: tf.Tensor3D,
  v: tf.Tensor2D,
  mask: tf.Tensor2D,
  keys: tf.Tensor3D,
): AttendStep {
  if (hasLoopKernel(FORWARD)) {
    const [tau, e, alpha, c] = runLoopKernel(FORWARD, { q, u, v, mask, keys });
    return { tau, e, alpha, c } as AttendStep;
  }
  const [B, S, A] = u.shape;
  const tau = tf.tanh(tf.add(tf.reshape(q, [B, 1, A]), u)) as tf.Tensor3D;
  const e = tf.add(tf.reshape(tf.matMul(tf.reshape(tau, [B * S, A]), v), [B, S]), mask) as tf.Tensor2D;
  const alpha = tf.softmax(e) as tf.Tensor2D;
  const c = tf.reshape(tf.matMul(tf.reshape(alpha, [B, 1, S]), keys), [B, keys.shape[2]]) as tf.Tensor2D;
  return { tau, e, alpha, c };
}

/** The backward step: dτ [B, S, A], dq [B, A], de [B, S] and dv_a's share [A] from dc and the direct dα, de. */
export function additiveAttendStepGrad(
  dc: tf.Tensor2D,
  dAlpha: tf.Tensor2D,
  de: tf.Tensor2D,
  saved: { alpha: tf.Tensor2D; tau: tf.Tensor3D },
  v: tf.Tensor2D,
  keys: tf.Tensor3D,
): { dTau: tf.Tensor3D; dq: tf.Tensor2D; de: tf.Tensor2D; dv: tf.Tensor1D } {
  const { alpha, tau } = saved;
  if (hasLoopKernel(BACKWARD)) {
    const [dTau, dq, deTotal, dv] = runLoopKernel(BACKWARD, { dc, dAlpha, de, alpha, tau, v, keys });
    return { dTau: dTau as tf.Tensor3D, dq: dq as tf.Tensor2D, de: deTotal as tf.Tensor2D, dv: dv as tf.Tensor1D };
  }
  const [B, S, A] = tau.shape;
  const K = keys.shape[2];
  const fromContext = tf.reshape(tf.matMul(tf.reshape(dc, [B, 1, K]), keys, false, true), [B, S]);
  const dA = tf.add(dAlpha, fromContext);
  const deTotal = tf.add(de, tf.mul(alpha, tf.sub(dA, tf.sum(tf.mul(alpha, dA), 1, true)))) as tf.Tensor2D;
  const dTau = tf.mul(
    tf.mul(tf.reshape(deTotal, [B, S, 1]), tf.reshape(v, [1, 1, A])),
    tf.sub(1, tf.square(tau)),
  ) as tf.Tensor3D;
  const dv = tf.reshape(tf.matMul(tf.reshape(deTotal, [1, B * S]), tf.reshape(tau, [B * S, A])), [A]) as tf.Tensor1D;
  return { dTau, dq: tf.sum(dTau, 1) as tf.Tensor2D, de: deTotal, dv };
}
