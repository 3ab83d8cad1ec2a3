/**
 * A GRU cell written for few kernel launches (shared/PERFORMANCE.md): the input projection
 * of a whole sequence is one matmul outside the time loop; the state projection of all three
 * gates is one fused matmul per step.
 *   r = σ(x_r + h U_r + b_r),  z = σ(x_z + h U_z + b_z)
 *   n = tanh(x_n + r ⊙ (h U_n + b_n)),  h' = (1 − z) ⊙ n + z ⊙ h      (Cho et al. 2014)
 */
import * as tf from "../tf.js";
import { linear, matMulTransposeA, matMulTransposeB } from "./linear.js";
import type { ParamBuilder } from "./params.js";

export interface GruWeights {
  /** Input kernel [inputSize, 3H] and bias [3H], gate order r | z | n. */
  inputKernel: tf.Variable;
  inputBias: tf.Variable;
  /** State kernel [H, 3H] and bias [3H]. */
  stateKernel: tf.Variable;
  stateBias: tf.Variable;
  hiddenSize: number;
}

export function gruWeights(b: ParamBuilder, prefix: string, inputSize: number, hiddenSize: number): GruWeights {
  return {
    inputKernel: b.matrix(`${prefix}.Wx`, inputSize, 3 * hiddenSize),
    inputBias: b.zeros(`${prefix}.bx`, 3 * hiddenSize),
    stateKernel: b.matrix(`${prefix}.Wh`, hiddenSize, 3 * hiddenSize),
    stateBias: b.zeros(`${prefix}.bh`, 3 * hiddenSize),
    hiddenSize,
  };
}

/** The input side of the gates, split once: rz [.., 2H] and n [.., H]. */
export interface GateInput {
  rz: tf.Tensor2D;
  n: tf.Tensor2D;
}

/** Splits an already projected input [rows, 3H] into gate inputs. */
export function splitGates(projected: tf.Tensor2D, hiddenSize: number): GateInput {
  const [rz, n] = tf.split(projected, [2 * hiddenSize, hiddenSize], 1) as [tf.Tensor2D, tf.Tensor2D];
  return { rz, n };
}

/** One GRU step written with ordinary ops (autodiff does the backward pass): the reference. */
export function gruStepReference(w: GruWeights, x: GateInput, h: tf.Tensor2D): tf.Tensor2D {
  const H = w.hiddenSize;
  const recurrent = linear(h, w.stateKernel as tf.Tensor2D, w.stateBias as tf.Tensor1D);
  const [hRz, hN] = tf.split(recurrent, [2 * H, H], 1);
  const rz = tf.sigmoid(tf.add(x.rz, hRz));
  const [r, z] = tf.split(rz, 2, 1);
  const n = tf.tanh(tf.add(x.n, tf.mul(r, hN)));
  // (1 − z) ⊙ n + z ⊙ h  ==  n + z ⊙ (h − n): one kernel fewer.
  return tf.add(n, tf.mul(z, tf.sub(h, n)));
}

/**
 * One GRU step with a hand-written backward pass: the same maths as gruStepReference, but
 * autodiff would launch ~4× the kernels of the forward pass for it (a reshape, an identity
 * and a cast per op), and a training step is bound by kernel launches, not arithmetic.
 * Given dh', with p = h U + b = [p_rz; p_n]:
 *   dn = dh'(1 − z),  dz = dh'(h − n),  da_n = dn(1 − n²)            (a = pre-activations)
 *   dr = da_n ⊙ p_n,  da_rz = [dr; dz] ⊙ rz(1 − rz),  dp = [da_rz; da_n ⊙ r]
 *   dh = dh' ⊙ z + dp Uᵀ,  dU = hᵀ dp,  db = Σ_batch dp,  dx_rz = da_rz,  dx_n = da_n
 */
const fusedGruStep = tf.customGrad((...args) => {
  const [xRz, xN, h, U, b, save] = args as [
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor1D,
    tf.GradSaveFunc,
  ];
  const H = h.shape[1];
  const recurrent = tf.add(tf.matMul(h, U), b) as tf.Tensor2D;
  const [pRz, pN] = tf.split(recurrent, [2 * H, H], 1) as [tf.Tensor2D, tf.Tensor2D];
  const rz = tf.sigmoid(tf.add(xRz, pRz));
  const [r, z] = tf.split(rz, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  const n = tf.tanh(tf.add(xN, tf.mul(r, pN)));
  const next = tf.add(n, tf.mul(z, tf.sub(h, n)));
  // U is read as it is, not saved (a clone, one more kernel per step): a parameter outlives the backward pass.
  save([h, pN, rz, r, z, n]);
  return {
    value: next,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [hs, pNs, rzs, rs, zs, ns] = saved as tf.Tensor2D[];
      const dn = tf.sub(dy, tf.mul(dy, zs));
      const dz = tf.mul(dy, tf.sub(hs, ns));
      const daN = tf.mul(dn, tf.sub(1, tf.square(ns))) as tf.Tensor2D;
      const dr = tf.mul(daN, pNs);
      const daRz = tf.mul(tf.concat([dr, dz], 1), tf.mul(rzs, tf.sub(1, rzs))) as tf.Tensor2D;
      const dp = tf.concat([daRz, tf.mul(daN, rs)], 1) as tf.Tensor2D;
      const dh = tf.add(tf.mul(dy, zs), matMulTransposeB(dp, U));
      return [daRz, daN, dh, matMulTransposeA(hs, dp), tf.sum(dp, 0)];
    },
  };
}) as unknown as (xRz: tf.Tensor2D, xN: tf.Tensor2D, h: tf.Tensor2D, U: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** One GRU step: h [B, H] → h' [B, H]. */
export function gruStep(w: GruWeights, x: GateInput, h: tf.Tensor2D): tf.Tensor2D {
  return fusedGruStep(x.rz, x.n, h, w.stateKernel as tf.Tensor2D, w.stateBias as tf.Tensor1D);
}
