/**
 * A GRU cell written for few kernel launches (shared/PERFORMANCE.md): the input projection
 * of a whole sequence is one matmul outside the time loop; the state projection of all three
 * gates is one fused matmul per step.
 *   r = σ(x_r + h U_r + b_r),  z = σ(x_z + h U_z + b_z)
 *   n = tanh(x_n + r ⊙ (h U_n + b_n)),  h' = (1 − z) ⊙ n + z ⊙ h      (Cho et al. 2014)
 */
import * as tf from "../tf.js";
import { linear } from "./linear.js";
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

/** Input projection for many rows at once: x [rows, inputSize] → gate inputs [rows, ·]. */
export function projectInput(w: GruWeights, x: tf.Tensor2D): GateInput {
  const projected = linear(x, w.inputKernel as tf.Tensor2D, w.inputBias as tf.Tensor1D);
  const [rz, n] = tf.split(projected, [2 * w.hiddenSize, w.hiddenSize], 1) as [tf.Tensor2D, tf.Tensor2D];
  return { rz, n };
}

/** Splits an already projected input [rows, 3H] into gate inputs. */
export function splitGates(projected: tf.Tensor2D, hiddenSize: number): GateInput {
  const [rz, n] = tf.split(projected, [2 * hiddenSize, hiddenSize], 1) as [tf.Tensor2D, tf.Tensor2D];
  return { rz, n };
}

/** One GRU step: h [B, H] → h' [B, H]. */
export function gruStep(w: GruWeights, x: GateInput, h: tf.Tensor2D): tf.Tensor2D {
  const H = w.hiddenSize;
  const recurrent = linear(h, w.stateKernel as tf.Tensor2D, w.stateBias as tf.Tensor1D);
  const [hRz, hN] = tf.split(recurrent, [2 * H, H], 1);
  const rz = tf.sigmoid(tf.add(x.rz, hRz));
  const [r, z] = tf.split(rz, 2, 1);
  const n = tf.tanh(tf.add(x.n, tf.mul(r, hN)));
  // (1 − z) ⊙ n + z ⊙ h  ==  n + z ⊙ (h − n): one kernel fewer.
  return tf.add(n, tf.mul(z, tf.sub(h, n)));
}

/** Splits time-major gate inputs [T*B, ·] into T per-step inputs, once, outside the time loop. */
export function unstackGateInput(x: GateInput, steps: number, batch: number): GateInput[] {
  const rz = tf.unstack(tf.reshape(x.rz, [steps, batch, -1])) as tf.Tensor2D[];
  const n = tf.unstack(tf.reshape(x.n, [steps, batch, -1])) as tf.Tensor2D[];
  return rz.map((r, t) => ({ rz: r, n: n[t] }));
}
