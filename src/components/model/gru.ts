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
import { gruCellBackward, gruCellForward } from "./gru-cell.js";

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

/** One GRU step written with ordinary ops (autodiff does the backward pass): the reference. */
export function gruStepReference(w: GruWeights, x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
  const H = w.hiddenSize;
  const [xRz, xN] = tf.split(x, [2 * H, H], 1);
  const recurrent = linear(h, w.stateKernel as tf.Tensor2D, w.stateBias as tf.Tensor1D);
  const [hRz, hN] = tf.split(recurrent, [2 * H, H], 1);
  const rz = tf.sigmoid(tf.add(xRz, hRz));
  const [r, z] = tf.split(rz, 2, 1);
  const n = tf.tanh(tf.add(xN, tf.mul(r, hN)));
  // (1 − z) ⊙ n + z ⊙ h  ==  n + z ⊙ (h − n): one kernel fewer.
  return tf.add(n, tf.mul(z, tf.sub(h, n)));
}

/**
 * One GRU step with a hand-written backward pass: the same maths as gruStepReference, but
 * autodiff would launch ~4× the kernels of the forward pass for it (a reshape, an identity
 * and a cast per op), and a training step is bound by kernel launches, not arithmetic. The
 * gates, forward and backward, are gru-cell.ts's; with p = h U + b the step adds
 *   dh = dh_cell + dp Uᵀ,  dU = hᵀ dp,  db = Σ_batch dp.
 */
const fusedGruStep = tf.customGrad((...args) => {
  const [x, h, U, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  const p = tf.fused.matMul({ a: h, b: U, bias: b }) as tf.Tensor2D;
  const cell = gruCellForward(x, p, h);
  // U is read as it is, not saved (a clone, one more kernel per step): a parameter outlives the backward pass.
  save([h, p, cell.rz, cell.n]);
  return {
    value: cell.next,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [hs, ps, rzs, ns] = saved as tf.Tensor2D[];
      const { dx, dp, dh } = gruCellBackward(dy as tf.Tensor2D, undefined, { h: hs, p: ps, rz: rzs, n: ns });
      return [dx, tf.add(dh, matMulTransposeB(dp, U)), matMulTransposeA(hs, dp), tf.sum(dp, 0)];
    },
  };
}) as unknown as (x: tf.Tensor2D, h: tf.Tensor2D, U: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** One GRU step: projected input x [B, 3H] (input bias included), h [B, H] → h' [B, H]. */
export function gruStep(w: GruWeights, x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
  return fusedGruStep(x, h, w.stateKernel as tf.Tensor2D, w.stateBias as tf.Tensor1D);
}
