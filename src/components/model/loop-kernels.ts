/**
 * Kernels written as one JavaScript loop over their tensors' arrays, registered on the wasm
 * backend (views of its heap) and the cpu backend (the tensors' own arrays). For a model whose
 * training step is bound by kernel launches (shared/PERFORMANCE.md), one loop over a few
 * thousand numbers costs less than the dozen launches of the ops it replaces. Callers check
 * `hasLoopKernel` and compose the same maths from ordinary ops elsewhere (WebGL).
 */
import * as tf from "../tf.js";

/** Reads `inputs` (absent optional inputs are undefined) and writes every array of `outputs`. */
export type Loop = (inputs: (Float32Array | undefined)[], outputs: Float32Array[], shapes: number[][]) => void;

interface HeapBackend {
  makeOutput(shape: number[], dtype: "float32"): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}
interface CpuBackend {
  data: { get(dataId: object): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: "float32", values: Float32Array): tf.TensorInfo;
}

/** Where a backend keeps a kernel's numbers: outputs are made first, then every array read. */
interface Storage {
  make(shapes: number[][]): tf.TensorInfo[];
  array(t: tf.TensorInfo): Float32Array;
}

const STORAGE: Record<string, (backend: unknown) => Storage> = {
  // Views of the wasm heap, taken after every output is allocated: a malloc that grows the heap
  // detaches older views.
  wasm: (backend) => {
    const heap = backend as HeapBackend;
    return {
      make: (shapes) => shapes.map((s) => heap.makeOutput(s, "float32")),
      array: (t) => heap.typedArrayFromHeap(t),
    };
  },
  // The tensors' own arrays; an output's array is filled after the tensor is made around it.
  cpu: (backend) => {
    const cpu = backend as CpuBackend;
    return {
      make: (shapes) => shapes.map((s) => cpu.makeTensorInfo(s, "float32", new Float32Array(tf.util.sizeFromShape(s)))),
      array: (t) => cpu.data.get(t.dataId).values,
    };
  },
};

/** Names of the loop kernels registered so far (the tests run the models with and without them). */
export const LOOP_KERNELS: string[] = [];

/**
 * Registers kernel `name` with named float32 inputs (in `inputNames` order; an input may be
 * left out) and outputs of the shapes `outShapes` gives for the inputs' shapes.
 */
export function registerLoopKernel(
  name: string,
  inputNames: readonly string[],
  outShapes: (shapes: number[][]) => number[][],
  loop: Loop,
): void {
  if (!LOOP_KERNELS.includes(name)) LOOP_KERNELS.push(name);
  for (const [backendName, storageOf] of Object.entries(STORAGE)) {
    if (tf.getKernel(name, backendName)) continue;
    tf.registerKernel({
      kernelName: name,
      backendName,
      kernelFunc: ({ inputs, backend }) => {
        const storage = storageOf(backend);
        const infos = inputNames.map((k) => inputs[k]);
        const shapes = infos.map((t) => t?.shape ?? []);
        const outs = storage.make(outShapes(shapes));
        loop(
          infos.map((t) => (t ? storage.array(t) : undefined)),
          outs.map((t) => storage.array(t)),
          shapes,
        );
        return outs;
      },
    });
  }
}

/** Whether kernel `name` runs on the current backend (else compose it from ordinary ops). */
export const hasLoopKernel = (name: string) => tf.getKernel(name, tf.getBackend()) !== undefined;

/** Runs a loop kernel; inputs left undefined are not passed. */
export function runLoopKernel(name: string, inputs: Record<string, tf.Tensor | undefined>): tf.Tensor[] {
  const given: tf.NamedTensorMap = {};
  for (const [k, t] of Object.entries(inputs)) if (t) given[k] = t;
  return tf.engine().runKernel(name, given) as tf.Tensor[];
}

/**
 * tanh for loop kernels: Math.tanh costs ~16 ns in V8, and the additive score takes B·S·A of
 * them per decoder step. A rational x·P(x²)/Q(x²) of degree (4, 4), fitted for this project by
 * iteratively reweighted least squares on [0, 9], is within 1.9e-8 of tanh everywhere (below
 * float32's spacing of 6e-8 near 1; past |x| = 9, tanh is 1 to within 3e-8) at ~3 ns.
 */
export function tanh(x: number): number {
  const c = x > 9 ? 9 : x < -9 ? -9 : x;
  const z = c * c;
  const p =
    9.9999990628456326e-1 +
    z * (1.3373204288098525e-1 + z * (3.4865899904350018e-3 + z * (2.047197383064827e-5 + z * 1.3184441094438171e-8)));
  const q =
    1 +
    z * (4.6706501126120031e-1 + z * (2.5842009336333276e-2 + z * (3.2713990608621441e-4 + z * 7.7027484854733097e-7)));
  return (c * p) / q;
}

/** σ(x) = (1 + tanh(x / 2)) / 2, to the same accuracy. */
export const sigmoid = (x: number): number => 0.5 + 0.5 * tanh(0.5 * x);
