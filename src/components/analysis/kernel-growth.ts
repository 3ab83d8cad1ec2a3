/**
 * Sequential work, measured: how many kernels one encoder pass launches at several input
 * lengths. A recurrence launches a fixed batch of kernels per position, one after the other
 * (each needs the previous state), so its count grows with n; self-attention handles every
 * position in the same few matmuls, so its count stays put. DOM-free; tfjs's profiler counts.
 */
import * as tf from "../tf.js";
import type { KernelCount } from "./kernel-counts.js";

export { kernelsPerPosition, type KernelCount } from "./kernel-counts.js";

/**
 * @param pass runs one forward pass on an input of `length` positions (its tensors are freed here)
 */
export async function kernelsByLength(
  pass: (length: number) => tf.TensorContainer,
  lengths: number[],
): Promise<KernelCount[]> {
  const out: KernelCount[] = [];
  for (const length of lengths) {
    const profile = await tf.profile(() => tf.tidy(() => pass(length)));
    tf.dispose(profile.result as tf.TensorContainer);
    out.push({ length, kernels: profile.kernels.length });
  }
  return out;
}
