/**
 * Replacements for kernels of the tfjs wasm backend (4.22) whose JavaScript side, not their
 * arithmetic, dominated a Chromium-wasm training step when profiled with the DevTools protocol
 * (`npm run bench:profile`):
 *  - Slice, and Unpack and SplitV, which call it. The stock Slice first copies its whole input
 *    out of the wasm heap (`backend.readSync`, a fresh ArrayBuffer per call) and then copies
 *    the slice from that copy, so unstacking a [T, B, 3H] sequence copies it T times: 60-75%
 *    of a Chromium step. These copy only the slice, from heap view to heap view.
 *  - The element-wise binary kernels (Add, Sub, Multiply, …): see binaryKernel below.
 *  - Identity (tf.clone). The engine clones every tensor a gradient saves for the backward
 *    pass: about a fifth of a page model's training-step kernels (1,185 of 6,305). The stock
 *    kernel allocates and copies; tensors are immutable, so this one shares the input's memory
 *    and counts a reference, as the cpu and WebGL backends' Identity and wasm's own Reshape do.
 * Allocating ArrayBuffers costs far more in a Chromium page than in Node, which is where most
 * of the browser's extra cost per kernel went. Same values, byte for byte
 * (test/unit/wasm-kernels.test.ts).
 *
 * Call `useLeanWasmKernels()` after the wasm backend's module is imported (it registers the
 * stock kernels on import) and before training; calling it again does nothing.
 */
import * as tf from "./tf.js";

type TypedArray = Float32Array | Int32Array | Uint8Array;

/** The part of the wasm backend these kernels use. */
interface WasmHeapBackend {
  incRef(dataId: object): void;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): TypedArray;
  dataIdMap: { get(dataId: object): { id: number } };
  wasm: { HEAP32: Int32Array; _malloc(bytes: number): number } & Record<string, unknown>;
}

/** Element-wise kernels whose output has the inputs' dtype (tfjs-backend-wasm's binary_kernel.ts). */
export const BINARY_KERNELS = ["Add", "Sub", "Multiply", "RealDiv", "Maximum", "Minimum", "SquaredDifference"] as const;
const CPP_DTYPE: Partial<Record<tf.DataType, number>> = { float32: 0, int32: 1, bool: 2 };
const MAX_RANK = 8;

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

/**
 * A binary element-wise kernel that calls the backend's exported C function directly, with the
 * two shapes written into one small block of the wasm heap allocated once. The stock kernel
 * goes through Emscripten's ccall with "array" arguments and makes two typed arrays (two
 * ArrayBuffers) per call for the shapes: in a Chromium page, where allocating an ArrayBuffer
 * costs far more than in Node, that was the largest JavaScript cost of a training step after
 * the slice copies (bench:profile).
 */
function binaryKernel(name: string, stock: tf.KernelFunc): (args: KernelArgs) => tf.TensorInfo {
  let shapes = 0; // byte offset of int32[2 * MAX_RANK] in the heap of `module`
  let module: unknown;
  return (args) => {
    const { a, b } = args.inputs;
    const backend = args.backend as WasmHeapBackend;
    const call = backend.wasm[`_${name}`] as ((...xs: number[]) => void) | undefined;
    const dtype = CPP_DTYPE[a.dtype];
    if (!call || dtype === undefined || a.shape.length > MAX_RANK || b.shape.length > MAX_RANK) {
      return stock(args as never) as tf.TensorInfo;
    }
    const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const out = backend.makeOutput(outShape, a.dtype);
    if (tf.util.sizeFromShape(outShape) === 0) return out;
    if (module !== backend.wasm) {
      // First call, or a re-created backend with a heap of its own.
      module = backend.wasm;
      shapes = backend.wasm._malloc(2 * MAX_RANK * 4);
    }
    const heap = backend.wasm.HEAP32; // read after makeOutput: a growing heap gets a new view
    heap.set(a.shape, shapes >> 2);
    heap.set(b.shape, (shapes >> 2) + MAX_RANK);
    const id = (t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).id;
    call(id(a), shapes, a.shape.length, id(b), shapes + MAX_RANK * 4, b.shape.length, dtype, id(out));
    return out;
  };
}

let installed = false;

/** Re-registers Identity, Slice, Unpack, SplitV and the binary kernels for the wasm backend with the versions above. */
export function useLeanWasmKernels(): void {
  if (installed) return;
  const stockSlice = tf.getKernel("Slice", "wasm");
  if (
    !stockSlice ||
    !tf.getKernel("Unpack", "wasm") ||
    !tf.getKernel("SplitV", "wasm") ||
    !tf.getKernel("Identity", "wasm")
  )
    return; // no wasm backend loaded
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
  const stockIdentity = tf.getKernel("Identity", "wasm")!;
  const identity = (args: KernelArgs): tf.TensorInfo => {
    const { x } = args.inputs;
    if (x.dtype === "string") return stockIdentity.kernelFunc(args as never) as tf.TensorInfo;
    (args.backend as WasmHeapBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  const replacements: [string, unknown][] = [
    ["Identity", identity],
    ["Slice", slice],
    ["Unpack", unpack],
    ["SplitV", splitV],
  ];
  for (const name of BINARY_KERNELS) {
    const stock = tf.getKernel(name, "wasm");
    if (stock) replacements.push([name, binaryKernel(name, stock.kernelFunc)]);
  }
  for (const [kernelName, kernelFunc] of replacements) {
    const stock = tf.getKernel(kernelName, "wasm")!;
    tf.unregisterKernel(kernelName, "wasm");
    // setupFunc stays: it runs when the backend initialises (the stock binary ones cwrap there).
    tf.registerKernel({ ...stock, kernelFunc: kernelFunc as tf.KernelFunc });
  }
}
