/**
 * Replacements for three kernels of the tfjs wasm backend (4.22): Slice, and Unpack and SplitV,
 * which call it. The stock Slice first copies its whole input out of the wasm heap
 * (`backend.readSync`, a fresh ArrayBuffer per call) and then copies the slice from that copy,
 * so unstacking a [T, B, 3H] sequence into T steps copies the sequence T times. A training step
 * of our model slices a few hundred times; profiled with the DevTools protocol
 * (`npm run bench:profile`), that copy was 60-75% of a Chromium-wasm step's time, where
 * allocating ArrayBuffers costs far more than in Node. These versions copy only the slice,
 * straight from heap view to heap view. Same values, byte for byte (test/unit/wasm-kernels.test.ts).
 *
 * Call `useFastWasmSlicing()` after the wasm backend's module is imported (it registers the
 * stock kernels on import) and before training; calling it again does nothing.
 */
import * as tf from "./tf.js";

type TypedArray = Float32Array | Int32Array | Uint8Array;

/** The part of the wasm backend these kernels use. */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): TypedArray;
}

interface KernelArgs {
  inputs: Record<string, tf.TensorInfo>;
  attrs?: Record<string, unknown>;
  backend: unknown;
}

/** Copies x[begin : begin + size] (any rank) from one heap view into another. */
export function copySlice(
  src: TypedArray,
  shape: readonly number[],
  dst: TypedArray,
  begin: readonly number[],
  size: readonly number[],
): void {
  const rank = shape.length;
  if (rank === 0) {
    dst[0] = src[0];
    return;
  }
  if (size.some((s) => s === 0)) return;
  const strides = new Array<number>(rank);
  strides[rank - 1] = 1;
  for (let i = rank - 2; i >= 0; i--) strides[i] = strides[i + 1] * shape[i + 1];
  // The trailing axes taken whole, plus the one before them, are one contiguous run per row.
  let axis = rank - 1;
  while (axis > 0 && size[axis] === shape[axis]) axis--;
  const run = size[axis] * strides[axis];
  const outer = axis; // axes 0 .. axis-1 are walked one index at a time
  const index = new Array<number>(outer).fill(0);
  let rows = 1;
  for (let i = 0; i < outer; i++) rows *= size[i];
  let out = 0;
  for (let row = 0; row < rows; row++) {
    let from = begin[axis] * strides[axis];
    for (let i = 0; i < outer; i++) from += (begin[i] + index[i]) * strides[i];
    if (run > 32) dst.set(src.subarray(from, from + run), out);
    else for (let k = 0; k < run; k++) dst[out + k] = src[from + k];
    out += run;
    for (let i = outer - 1; i >= 0; i--) {
      if (++index[i] < size[i]) break;
      index[i] = 0;
    }
  }
}

function sliceOf(x: tf.TensorInfo, begin: number[], size: number[], backend: WasmHeapBackend): tf.TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  // Views only after makeOutput: its malloc may grow the heap, which detaches older views.
  copySlice(backend.typedArrayFromHeap(x), x.shape, backend.typedArrayFromHeap(out), begin, size);
  return out;
}

let installed = false;

/** Re-registers Slice, Unpack and SplitV for the wasm backend with the copy-free versions. */
export function useFastWasmSlicing(): void {
  if (installed) return;
  const stockSlice = tf.getKernel("Slice", "wasm");
  if (!stockSlice || !tf.getKernel("Unpack", "wasm") || !tf.getKernel("SplitV", "wasm")) return; // no wasm backend loaded
  installed = true;

  const slice = (args: KernelArgs): tf.TensorInfo => {
    const { x } = args.inputs;
    if (x.dtype === "string") return stockSlice.kernelFunc(args as never) as tf.TensorInfo;
    const [begin, size] = tf.slice_util.parseSliceParams(
      x,
      args.attrs!.begin as number | number[],
      args.attrs!.size as number | number[],
    );
    return sliceOf(x, begin, size, args.backend as WasmHeapBackend);
  };
  const stockUnpack = tf.getKernel("Unpack", "wasm")!;
  const unpack = (args: KernelArgs): tf.TensorInfo[] => {
    const { value } = args.inputs;
    if (value.dtype === "string") return stockUnpack.kernelFunc(args as never) as tf.TensorInfo[];
    const rank = value.shape.length;
    let axis = args.attrs!.axis as number;
    if (axis < 0) axis += rank;
    const outShape = value.shape.filter((_, i) => i !== axis);
    const begin = new Array<number>(rank).fill(0);
    const size = value.shape.slice();
    size[axis] = 1;
    const outs: tf.TensorInfo[] = [];
    for (let i = 0; i < value.shape[axis]; i++) {
      begin[axis] = i;
      const { dataId, dtype } = sliceOf(value, begin, size, args.backend as WasmHeapBackend);
      outs.push({ dataId, dtype, shape: outShape });
    }
    return outs;
  };
  const stockSplit = tf.getKernel("SplitV", "wasm")!;
  const splitV = (args: KernelArgs): tf.TensorInfo[] => {
    const { x } = args.inputs;
    if (x.dtype === "string") return stockSplit.kernelFunc(args as never) as tf.TensorInfo[];
    const axis = tf.util.parseAxisParam(args.attrs!.axis as number, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x, args.attrs!.numOrSizeSplits as number | number[], axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((s) => {
      const size = x.shape.slice();
      size[axis] = s;
      const piece = sliceOf(x, begin, size, args.backend as WasmHeapBackend);
      begin[axis] += s;
      return piece;
    });
  };
  for (const [kernelName, kernelFunc] of [
    ["Slice", slice],
    ["Unpack", unpack],
    ["SplitV", splitV],
  ] as const) {
    tf.unregisterKernel(kernelName, "wasm");
    tf.registerKernel({ kernelName, backendName: "wasm", kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}
