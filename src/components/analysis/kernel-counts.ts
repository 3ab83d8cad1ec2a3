// Kernel counts by input length and their growth per position: plain arithmetic on what
// kernel-growth.ts measured, apart from it so that the Transformer page's figures use it
// without loading TensorFlow.js.

export interface KernelCount {
  length: number;
  kernels: number;
}

/** Extra kernels per extra position between the shortest and longest measured length. */
export function kernelsPerPosition(counts: readonly KernelCount[]): number {
  const sorted = [...counts].sort((a, b) => a.length - b.length);
  const [first, last] = [sorted[0], sorted[sorted.length - 1]];
  if (!first || last.length === first.length) return 0;
  return (last.kernels - first.kernels) / (last.length - first.length);
}
