/**
 * Teacher-forced Bahdanau decoding (additive score, soft attention, τ = 1, no window) over all
 * T steps as one op, with backpropagation through time written by hand: the decoder loop of
 * every training step on the Attention page. Taped op by op, each step's ~20 forward kernels
 * brought as many again in tape work (saved inputs cloned, reshapes, gradient sums); here the
 * forward kernels are not taped and the per-step intermediates are saved as a few stacked
 * tensors. gru-sequence.ts does the same for the encoder; decoder.ts's step-by-step path is
 * the reference (test/unit/gradients.test.ts checks both against finite differences).
 *
 * Step t (Bahdanau et al. 2015, eqs. 5–6 and appendix A.1.2), with s = s_{t−1} [B, H], keys
 * h_j [B, S, K], prepared keys U_a h_j [B, S, A] and the projected previous output y_t [B, 3H]:
 *   τ = tanh(s W_a + U_a h_j),  e = τ v_a + mask,  α = softmax(e),  c = Σ_j α_j h_j
 *   x = y_t + c W_c,  s_t = GRU(x, s)    (gru-cell.ts: the gates, forward and backward)
 * and emits [s_t; c; α; e]: the output layer reads [s_t; c], the pictures α and e.
 * Backward, given d[s_t; c; α; e] and ds_t from step t+1:
 *   (GRU) dx, dp, ds = ds_t z + dp Uᵀ;  dc += dx W_cᵀ;  dα += dc h_jᵀ;  de += α ⊙ (dα − Σ_j α dα)
 *   dτ = de v_aᵀ ⊙ (1 − τ²);  d(U_a h_j) += dτ;  ds += (Σ_j dτ) W_aᵀ;  dh_j += α dc
 * and the weight gradients (Σ over t) as one matmul each after the loop.
 */
import * as tf from "../tf.js";
import type { GruWeights } from "./gru.js";
import { gruCellBackward, gruCellForward } from "./gru-cell.js";
import { additiveAttendStep, additiveAttendStepGrad } from "./additive-cell.js";

/** What the forward pass keeps per step for the backward pass, in the order saved. */
const SAVED = ["s", "tau", "alpha", "c", "p", "rz", "n"] as const;
type Saved = (typeof SAVED)[number];

export interface BahdanauWeights {
  decoder: GruWeights;
  /** W_a [H, A], v_a [A, 1], W_c [K, 3H]. */
  W: tf.Tensor2D;
  v: tf.Tensor2D;
  Wc: tf.Tensor2D;
}

/**
 * @param yProj projected previous outputs, time-major [T·B, 3H] (input bias included)
 * @param s0 the initial decoder state [B, H]
 * @param keys encoder states [B, S, K]; prepared U_a h_j [B, S, A]; maskBias [B, 1, S]
 * @returns per step [s_t; c_t; α_t; e_t], time-major [T, B, H + K + 2S]
 */
export function bahdanauSequence(
  w: BahdanauWeights,
  yProj: tf.Tensor2D,
  s0: tf.Tensor2D,
  keys: tf.Tensor3D,
  prepared: tf.Tensor3D,
  maskBias: tf.Tensor3D,
): tf.Tensor3D {
  const [B, S, K] = keys.shape;
  const A = prepared.shape[2];
  const H = w.decoder.hiddenSize;
  const T = yProj.shape[0] / B;

  const pass = tf.customGrad((...args) => {
    const [y, s, , , Wa, va, Wc, U] = args as tf.Tensor2D[];
    const [hKeys, uKeys] = [args[2], args[3]] as tf.Tensor3D[];
    const b = args[8] as tf.Tensor1D;
    const save = args[9] as unknown as tf.GradSaveFunc;
    const ys = tf.unstack(tf.reshape(y, [T, B, 3 * H])) as tf.Tensor2D[];
    const mask = tf.reshape(maskBias, [B, S]) as tf.Tensor2D;
    // Per step, for the backward pass: s_{t−1}, τ, α, c and the GRU's p, rz, n.
    const steps = { s: [], tau: [], alpha: [], c: [], p: [], rz: [], n: [] } as Record<Saved, tf.Tensor[]>;
    const nexts: tf.Tensor2D[] = [];
    const scores: tf.Tensor2D[] = [];
    let h = s;
    for (let t = 0; t < T; t++) {
      const att = additiveAttendStep(tf.matMul(h, Wa), uKeys, va, mask, hKeys);
      const x = tf.add(ys[t], tf.matMul(att.c, Wc)) as tf.Tensor2D;
      const p = tf.fused.matMul({ a: h, b: U, bias: b }) as tf.Tensor2D;
      const cell = gruCellForward(x, p, h);
      const step: Record<Saved, tf.Tensor> = {
        s: h,
        tau: att.tau,
        alpha: att.alpha,
        c: att.c,
        p,
        rz: cell.rz,
        n: cell.n,
      };
      for (const key of SAVED) steps[key].push(step[key]);
      nexts.push(cell.next);
      scores.push(att.e);
      h = cell.next;
    }
    const stacked = SAVED.map((key) => tf.stack(steps[key]));
    save(stacked);
    const [cAll, alphaAll] = [stacked[SAVED.indexOf("c")], stacked[SAVED.indexOf("alpha")]];
    return {
      value: tf.concat([tf.stack(nexts), cAll, alphaAll, tf.stack(scores)], 2) as tf.Tensor3D,
      gradFunc: (dy: tf.Tensor, kept: tf.Tensor[]) => {
        const [ss, taus, alphas, , ps, rzs, ns] = kept.map((k) => tf.unstack(k) as tf.Tensor2D[]);
        const [dNexts, dcOuts, dAlphaOuts, deOuts] = tf
          .split(dy, [H, K, S, S], 2)
          .map((d) => tf.unstack(d) as tf.Tensor2D[]);
        const [UT, WaT, WcT] = [tf.transpose(U), tf.transpose(Wa), tf.transpose(Wc)];
        const [dxs, dps, dcs, dqs, dvs] = [[], [], [], [], []] as tf.Tensor[][];
        let dUKeys: tf.Tensor | undefined;
        let ds: tf.Tensor2D | undefined; // from step t+1 (none after the last)
        for (let t = T - 1; t >= 0; t--) {
          const cell = gruCellBackward(dNexts[t], ds, { h: ss[t], p: ps[t], rz: rzs[t], n: ns[t] });
          [dxs[t], dps[t]] = [cell.dx, cell.dp];
          const dc = (dcs[t] = tf.add(dcOuts[t], tf.matMul(cell.dx, WcT)) as tf.Tensor2D);
          const tau = taus[t] as unknown as tf.Tensor3D;
          const att = additiveAttendStepGrad(dc, dAlphaOuts[t], deOuts[t], { alpha: alphas[t], tau }, va, hKeys);
          [dqs[t], dvs[t]] = [att.dq, att.dv];
          dUKeys = dUKeys ? tf.add(dUKeys, att.dTau) : att.dTau;
          ds = tf.add(tf.add(cell.dh, tf.matMul(cell.dp, UT)), tf.matMul(att.dq, WaT)) as tf.Tensor2D;
        }
        const flat = (k: tf.Tensor, cols: number) => tf.reshape(k, [-1, cols]) as tf.Tensor2D;
        const aT = (k: tf.Tensor, cols: number) => tf.transpose(flat(k, cols));
        const dp = tf.concat(dps, 0);
        // dh_j = Σ_t α_t dc_t: [B, S, T] · [B, T, K].
        const dKeys = tf.matMul(tf.transpose(kept[2], [1, 2, 0]), tf.transpose(tf.stack(dcs), [1, 0, 2]));
        return [
          tf.concat(dxs, 0),
          ds!,
          dKeys,
          dUKeys!,
          tf.matMul(aT(kept[0], H), tf.concat(dqs, 0)),
          tf.reshape(tf.addN(dvs), [A, 1]),
          tf.matMul(aT(kept[3], K), tf.concat(dxs, 0)),
          tf.matMul(aT(kept[0], H), dp),
          tf.sum(dp, 0),
        ];
      },
    };
  }) as unknown as (...inputs: tf.Tensor[]) => tf.Tensor3D;

  return pass(yProj, s0, keys, prepared, w.W, w.v, w.Wc, w.decoder.stateKernel, w.decoder.stateBias);
}
