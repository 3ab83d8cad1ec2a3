/**
 * A whole GRU pass over a padded sequence as one op, with backpropagation through time written
 * by hand: each encoder direction, and the decoder's recurrence where attention does not feed
 * it. As separate taped ops each step cost about twice its forward kernels again in tape work: each op's saved inputs cloned (an Identity
 * kernel apiece), reshapes and gradient sums per op. Inside one customGrad the forward kernels
 * are not taped, the backward pass launches only the kernels below, and the per-step
 * intermediates are saved as four stacked tensors rather than ~8 clones a step.
 *
 * Per step t (Cho et al. 2014; gruStepReference in gru.ts is the same maths, op by op), with
 * p = h U + b = [p_rz; p_n] and x the projected input [x_rz; x_n]:
 *   rz = σ(x_rz + p_rz),  n = tanh(x_n + r ⊙ p_n),  g = n + z ⊙ (h − n)
 *   h_t = h + m_t ⊙ (g − h)      (m_t = 0 at padding: the state passes through unchanged)
 * Backward, given dh_t (from the states output and from step t+1):
 *   dg = m_t dh_t,  dn = dg(1 − z),  dz = dg(h − n),  da_n = dn(1 − n²),  dr = da_n ⊙ p_n
 *   da_rz = [dr; dz] ⊙ rz(1 − rz),  dx_t = [da_rz; da_n],  dp_t = [da_rz; da_n ⊙ r]
 *   dh_{t−1} = dh_t − dg + dg ⊙ z + dp_t Uᵀ,  dU = Σ_t h_{t−1}ᵀ dp_t,  db = Σ_t Σ_batch dp_t
 * The two sums over t are one matmul and one sum after the loop.
 */
import * as tf from "../tf.js";
import type { GruWeights } from "./gru.js";
import { gruCellBackward, gruCellForward } from "./gru-cell.js";

export interface SequenceOptions {
  /** Step masks [S, B, 1] (1 for real positions); without them every step is real. */
  mask?: tf.Tensor3D;
  /** Read t = S−1 … 0. */
  reverse?: boolean;
  /** The state before the first step [B, H] (it gets a gradient); zeros without it. */
  initial?: tf.Tensor2D;
}

/**
 * Runs a GRU over S steps of projected inputs [S·B, 3H] (time-major, input bias included).
 * Returns every state h_t, time-major [S, B, H] (h_t is the state after reading position t,
 * in either direction).
 */
export function gruSequence(
  w: GruWeights,
  projected: tf.Tensor2D,
  S: number,
  { mask, reverse = false, initial }: SequenceOptions = {},
): tf.Tensor3D {
  const B = projected.shape[0] / S;
  const H = w.hiddenSize;
  const order = Array.from({ length: S }, (_, i) => (reverse ? S - 1 - i : i));

  const pass = tf.customGrad((...args) => {
    const [x, U, b] = args as tf.Tensor2D[];
    const save = args[args.length - 1] as unknown as tf.GradSaveFunc;
    const xs = tf.unstack(tf.reshape(x, [S, B, 3 * H])) as tf.Tensor2D[];
    const masks = mask ? (tf.unstack(mask) as tf.Tensor2D[]) : [];
    const states: tf.Tensor2D[] = new Array(S);
    // Saved per step, in time order t: the state before the step, p = h U + b, rz and n.
    const [before, ps, rzs, ns] = [[], [], [], []] as tf.Tensor2D[][];
    let h = initial ? (args[3] as tf.Tensor2D) : (tf.zeros([B, H]) as tf.Tensor2D);
    for (const t of order) {
      const p = tf.fused.matMul({ a: h, b: U, bias: b }) as tf.Tensor2D;
      const cell = gruCellForward(xs[t], p, h, masks[t]);
      [before[t], ps[t], rzs[t], ns[t]] = [h, p, cell.rz, cell.n];
      h = states[t] = cell.next;
    }
    save([before, ps, rzs, ns].map((steps) => tf.stack(steps)));
    return {
      value: tf.stack(states) as tf.Tensor3D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [hs, pSaved, rzSaved, nSaved] = saved.map((s) => tf.unstack(s) as tf.Tensor2D[]);
        const dStates = tf.unstack(dy) as tf.Tensor2D[];
        const stepMasks = mask ? (tf.unstack(mask) as tf.Tensor2D[]) : []; // the forward pass's copies are freed
        const UT = tf.transpose(U);
        const dxs: tf.Tensor2D[] = new Array(S);
        const dps: tf.Tensor2D[] = new Array(S);
        let dh: tf.Tensor2D | undefined; // from step t+1 (none after the last)
        for (let i = S - 1; i >= 0; i--) {
          const t = order[i];
          const saved = { h: hs[t], p: pSaved[t], rz: rzSaved[t], n: nSaved[t] };
          const cell = gruCellBackward(dStates[t], dh, saved, stepMasks[t]);
          [dxs[t], dps[t]] = [cell.dx, cell.dp];
          dh = tf.add(cell.dh, tf.matMul(cell.dp, UT)) as tf.Tensor2D;
        }
        const dp = tf.concat(dps, 0) as tf.Tensor2D; // [S·B, 3H], time-major like h_{t−1} below
        const hBefore = tf.reshape(saved[0], [S * B, H]) as tf.Tensor2D;
        const grads = [tf.concat(dxs, 0), tf.matMul(tf.transpose(hBefore), dp), tf.sum(dp, 0)];
        return initial ? [...grads, dh!] : grads;
      },
    };
  }) as unknown as (...inputs: tf.Tensor[]) => tf.Tensor3D;

  const weights = [w.stateKernel, w.stateBias] as tf.Tensor[];
  return initial ? pass(projected, ...weights, initial) : pass(projected, ...weights);
}
