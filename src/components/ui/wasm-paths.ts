// URLs of the wasm backend's binaries, resolved on the page (string literals, so Framework
// copies the files into dist/) and handed to the training worker: a Worker has no import map,
// so a bare-specifier import.meta.resolve cannot be resolved inside it.
export const WASM_PATHS: Record<string, string> = {
  "tfjs-backend-wasm.wasm": import.meta.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"),
  "tfjs-backend-wasm-simd.wasm": import.meta.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"),
  "tfjs-backend-wasm-threaded-simd.wasm": import.meta
    .resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm"),
};
