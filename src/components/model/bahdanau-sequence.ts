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
 *   x = y_t + c W_c,  s_t = GRU(x, s)    (gru-sequence.ts gives the GRU's backward pass)
 * and emits [s_t; c; α; e]: the output layer reads [s_t; c], the pictures α and e.
 * Backward, given d[s_t; c; α; e] and ds_t from step t+1:
 *   (GRU) dx, dp, ds = ds_t z + dp Uᵀ;  dc += dx W_cᵀ;  dα += dc h_jᵀ;  de += α ⊙ (dα − Σ_j α dα)
 *   dτ = de v_aᵀ ⊙ (1 − τ²);  d(U_a h_j) += dτ;  ds += (Σ_j dτ) W_aᵀ;  dh_j += α dc
 * and the weight gradients (Σ over t) as one matmul each after the loop.
 */
import * as tf from "../tf.js";
import type { GruWeights } from "./gru.js";

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
    const [y, s, hKeys, uKeys, Wa, va, Wc, U, b, save] = args as [
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor3D,
      tf.Tensor3D,
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor1D,
      tf.GradSaveFunc,
    ];
    const ys = tf.unstack(tf.reshape(y, [T, B, 3 * H])) as tf.Tensor2D[];
    const mask = tf.reshape(maskBias, [B, S]);
    // Per step, for the backward pass: s_{t−1}, τ, α, c and the GRU's p_n, rz, n.
    const saved: Record<"s" | "tau" | "alpha" | "c" | "pN" | "rz" | "n", tf.Tensor[]> = {
      s: [],
      tau: [],
      alpha: [],
      c: [],
      pN: [],
      rz: [],
      n: [],
    };
    const outs: tf.Tensor2D[] = [];
    let h = s;
    for (let t = 0; t < T; t++) {
      const tau = tf.tanh(tf.add(tf.reshape(tf.matMul(h, Wa), [B, 1, A]), uKeys)); // [B, S, A]
      const e = tf.add(tf.reshape(tf.matMul(tf.reshape(tau, [B * S, A]), va), [B, S]), mask);
      const alpha = tf.softmax(e) as tf.Tensor2D;
      const c = tf.reshape(tf.matMul(tf.reshape(alpha, [B, 1, S]), hKeys), [B, K]) as tf.Tensor2D;
      const x = tf.add(ys[t], tf.matMul(c, Wc));
      const p = tf.fused.matMul({ a: h, b: U, bias: b }) as tf.Tensor2D;
      const [pRz, pN] = tf.split(p, [2 * H, H], 1);
      const [xRz, xN] = tf.split(x, [2 * H, H], 1);
      const rz = tf.sigmoid(tf.add(xRz, pRz));
      const [r, z] = tf.split(rz, 2, 1);
      const n = tf.tanh(tf.add(xN, tf.mul(r, pN)));
      const next = tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
      for (const [key, value] of Object.entries({ s: h, tau, alpha, c, pN, rz, n })) saved[key as "s"].push(value);
      outs.push(tf.concat([next, c, alpha, e], 1) as tf.Tensor2D);
      h = next;
    }
    const order = ["s", "tau", "alpha", "c", "pN", "rz", "n"] as const;
    save(order.map((key) => tf.stack(saved[key])));
    return {
      value: tf.stack(outs) as tf.Tensor3D,
      gradFunc: (dy: tf.Tensor, kept: tf.Tensor[]) => {
        const [ss, taus, alphas, , pNs, rzs, ns] = kept.map((k) => tf.unstack(k) as tf.Tensor2D[]);
        const dOut = tf.unstack(dy) as tf.Tensor2D[];
        const [UT, WaT, WcT, vRow] = [tf.transpose(U), tf.transpose(Wa), tf.transpose(Wc), tf.reshape(va, [1, 1, A])];
        const keysT = tf.transpose(hKeys, [0, 2, 1]); // [B, K, S]
        const [dxs, dps, dcs, dqs, des] = [[], [], [], [], []] as tf.Tensor2D[][];
        let dUKeys: tf.Tensor | undefined;
        let ds: tf.Tensor2D | undefined;
        for (let t = T - 1; t >= 0; t--) {
          const [dNext, dcOut, dAlphaOut, deOut] = tf.split(dOut[t], [H, K, S, S], 1);
          const dh = ds ? tf.add(ds, dNext) : dNext;
          // GRU, as in gru-sequence.ts without the mask.
          const [r, z] = tf.split(rzs[t], 2, 1);
          const n = ns[t];
          const dn = tf.sub(dh, tf.mul(dh, z));
          const dz = tf.mul(dh, tf.sub(ss[t], n));
          const daN = tf.mul(dn, tf.sub(1, tf.square(n)));
          const daRz = tf.mul(tf.concat([tf.mul(daN, pNs[t]), dz], 1), tf.mul(rzs[t], tf.sub(1, rzs[t])));
          const dx = (dxs[t] = tf.concat([daRz, daN], 1) as tf.Tensor2D);
          const dp = (dps[t] = tf.concat([daRz, tf.mul(daN, r)], 1) as tf.Tensor2D);
          // Attention.
          const dc = (dcs[t] = tf.add(dcOut, tf.matMul(dx, WcT)) as tf.Tensor2D);
          const dAlpha = tf.add(dAlphaOut, tf.reshape(tf.matMul(tf.reshape(dc, [B, 1, K]), keysT), [B, S]));
          const alpha = alphas[t];
          const de = tf.add(deOut, tf.mul(alpha, tf.sub(dAlpha, tf.sum(tf.mul(alpha, dAlpha), 1, true))));
          des[t] = de as tf.Tensor2D;
          const tau = taus[t] as unknown as tf.Tensor3D;
          const dTau = tf.mul(tf.mul(tf.reshape(de, [B, S, 1]), vRow), tf.sub(1, tf.square(tau)));
          dUKeys = dUKeys ? tf.add(dUKeys, dTau) : dTau;
          const dq = (dqs[t] = tf.sum(dTau, 1) as tf.Tensor2D);
          ds = tf.add(tf.add(tf.mul(dh, z), tf.matMul(dp, UT)), tf.matMul(dq, WaT)) as tf.Tensor2D;
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
          // dv_a = Σ τᵀ de, as deᵀ τ read as a row: no transpose of the [T·B·S, A] stack.
          tf.reshape(tf.matMul(tf.reshape(tf.stack(des), [1, -1]), flat(kept[1], A)), [A, 1]),
          tf.matMul(aT(kept[3], K), tf.concat(dxs, 0)),
          tf.matMul(aT(kept[0], H), dp),
          tf.sum(dp, 0),
        ];
      },
    };
  }) as unknown as (...inputs: tf.Tensor[]) => tf.Tensor3D;

  return pass(yProj, s0, keys, prepared, w.W, w.v, w.Wc, w.decoder.stateKernel, w.decoder.stateBias);
}
