/**
 * The element-wise part of a GRU step, forward and backward, as one loop kernel each
 * (loop-kernels.ts): op by op, a step's gates take ~12 element-wise kernels forward and ~20
 * backward on [B, H] tensors of a few hundred numbers. The matmuls (h U + b, dp Uᵀ) stay with
 * the backend; where no loop kernel runs (WebGL) the same maths is composed from ordinary ops.
 *
 * With x and p = h U + b the input and state projections [B, 3H] (gate order r | z | n) and
 * m [B, 1] the step mask (1 where the step is real; a padded step keeps h):
 *   rz = σ(x_rz + p_rz),  n = tanh(x_n + r ⊙ p_n),  g = n + z ⊙ (h − n),  h' = h + m ⊙ (g − h)
 * Backward, given dh' = dA + dB (a state's gradient from two sources, summed here; dB optional):
 *   dg = m dh',  dn = dg(1 − z),  dz = dg(h − n),  da_n = dn(1 − n²),  da_r = da_n p_n r(1 − r)
 *   da_z = dz z(1 − z),  dx = [da_r; da_z; da_n],  dp = [da_r; da_z; da_n ⊙ r]
 *   dh = dh' − dg + dg ⊙ z      (the caller adds dp Uᵀ)
 */
import * as tf from "../tf.js";
import { hasLoopKernel, registerLoopKernel, runLoopKernel, sigmoid, tanh } from "./loop-kernels.js";

const FORWARD = "GlimpseGruCell";
const BACKWARD = "GlimpseGruCellGrad";

export interface CellForward {
  /** h' [B, H], the gates σ(·) [B, 2H] and the candidate n [B, H]. */
  next: tf.Tensor2D;
  rz: tf.Tensor2D;
  n: tf.Tensor2D;
}

export interface CellBackward {
  /** Gradients of x and p [B, 3H] and of h [B, H] apart from the path through p. */
  dx: tf.Tensor2D;
  dp: tf.Tensor2D;
  dh: tf.Tensor2D;
}

/** x, p [B, 3H], h [B, H], m [B, 1] or absent → h' [B, H], rz [B, 2H], n [B, H]. */
function forwardLoop([x, p, h, m]: (Float32Array | undefined)[], [next, rz, n]: Float32Array[], shapes: number[][]) {
  const [B, H] = shapes[2];
  for (let b = 0; b < B; b++) {
    const mask = m ? m[b] : 1;
    for (let j = 0; j < H; j++) {
      const g3 = b * 3 * H + j;
      const r = sigmoid(x![g3] + p![g3]);
      const z = sigmoid(x![g3 + H] + p![g3 + H]);
      const c = tanh(x![g3 + 2 * H] + r * p![g3 + 2 * H]);
      const hj = h![b * H + j];
      const g = c + z * (hj - c);
      next[b * H + j] = hj + mask * (g - hj);
      rz[b * 2 * H + j] = r;
      rz[b * 2 * H + H + j] = z;
      n[b * H + j] = c;
    }
  }
}

/** dA, dB, h [B, H], p [B, 3H], rz [B, 2H], n [B, H], m → dx, dp [B, 3H], dh [B, H]. */
function backwardLoop(ins: (Float32Array | undefined)[], [dx, dp, dh]: Float32Array[], shapes: number[][]) {
  const [dA, , h, p, rz, n] = ins as Float32Array[];
  const [dB, m] = [ins[1], ins[6]];
  const [B, H] = shapes[2];
  for (let b = 0; b < B; b++) {
    const mask = m ? m[b] : 1;
    for (let j = 0; j < H; j++) {
      const i = b * H + j;
      const g3 = b * 3 * H + j;
      const r = rz[b * 2 * H + j];
      const z = rz[b * 2 * H + H + j];
      const c = n[i];
      const d = dB ? dA[i] + dB[i] : dA[i];
      const dg = mask * d;
      const daN = dg * (1 - z) * (1 - c * c);
      const daR = daN * p[g3 + 2 * H] * r * (1 - r);
      const daZ = dg * (h[i] - c) * z * (1 - z);
      dx[g3] = dp[g3] = daR;
      dx[g3 + H] = dp[g3 + H] = daZ;
      dx[g3 + 2 * H] = daN;
      dp[g3 + 2 * H] = daN * r;
      dh[i] = d - dg + dg * z;
    }
  }
}

registerLoopKernel(
  FORWARD,
  ["x", "p", "h", "m"],
  ([, , [B, H]]) => [
    [B, H],
    [B, 2 * H],
    [B, H],
  ],
  forwardLoop,
);
registerLoopKernel(
  BACKWARD,
  ["dA", "dB", "h", "p", "rz", "n", "m"],
  ([, , [B, H]]) => [
    [B, 3 * H],
    [B, 3 * H],
    [B, H],
  ],
  backwardLoop,
);

/** Forward gate maths for projections x, p [B, 3H], state h [B, H] and optional mask m [B, 1]. */
export function gruCellForward(x: tf.Tensor2D, p: tf.Tensor2D, h: tf.Tensor2D, m?: tf.Tensor2D): CellForward {
  if (hasLoopKernel(FORWARD)) {
    const [next, rz, n] = runLoopKernel(FORWARD, { x, p, h, m }) as tf.Tensor2D[];
    return { next, rz, n };
  }
  const H = h.shape[1];
  const [xRz, xN] = tf.split(x, [2 * H, H], 1);
  const [pRz, pN] = tf.split(p, [2 * H, H], 1);
  const rz = tf.sigmoid(tf.add(xRz, pRz)) as tf.Tensor2D;
  const [r, z] = tf.split(rz, 2, 1);
  const n = tf.tanh(tf.add(xN, tf.mul(r, pN))) as tf.Tensor2D;
  const g = tf.add(n, tf.mul(z, tf.sub(h, n)));
  const next = (m ? tf.add(h, tf.mul(m, tf.sub(g, h))) : g) as tf.Tensor2D;
  return { next, rz, n };
}

/** Backward gate maths, given the state's gradient as dA (+ dB) and the forward's saved h, p, rz, n. */
export function gruCellBackward(
  dA: tf.Tensor2D,
  dB: tf.Tensor2D | undefined,
  saved: { h: tf.Tensor2D; p: tf.Tensor2D; rz: tf.Tensor2D; n: tf.Tensor2D },
  m?: tf.Tensor2D,
): CellBackward {
  const { h, p, rz, n } = saved;
  if (hasLoopKernel(BACKWARD)) {
    const [dx, dp, dh] = runLoopKernel(BACKWARD, { dA, dB, h, p, rz, n, m }) as tf.Tensor2D[];
    return { dx, dp, dh };
  }
  const H = h.shape[1];
  const d = dB ? tf.add(dA, dB) : dA;
  const dg = m ? tf.mul(m, d) : d;
  const [r, z] = tf.split(rz, 2, 1);
  const pN = tf.slice(p, [0, 2 * H], [-1, H]);
  const dn = tf.sub(dg, tf.mul(dg, z));
  const dz = tf.mul(dg, tf.sub(h, n));
  const daN = tf.mul(dn, tf.sub(1, tf.square(n)));
  const daRz = tf.mul(tf.concat([tf.mul(daN, pN), dz], 1), tf.mul(rz, tf.sub(1, rz)));
  return {
    dx: tf.concat([daRz, daN], 1) as tf.Tensor2D,
    dp: tf.concat([daRz, tf.mul(daN, r)], 1) as tf.Tensor2D,
    dh: tf.add(tf.sub(d, dg), tf.mul(dg, z)) as tf.Tensor2D,
  };
}
