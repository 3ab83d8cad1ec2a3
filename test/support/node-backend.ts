/** Picks the tfjs backend for Node tests: wasm (fast, same kernels as the browser) unless TFJS_BACKEND says otherwise. */
import * as tf from "../../src/components/tf.ts";
import { useLeanEngine } from "../../src/components/lean-engine.ts";
import { useLeanWasmKernels } from "../../src/components/wasm-kernels.ts";

export async function useNodeBackend(name = process.env.TFJS_BACKEND ?? "wasm"): Promise<string> {
  useLeanEngine(); // as the site's workers do
  if (name === "wasm") {
    await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js");
    useLeanWasmKernels(); // as the site does
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend "${name}" failed to initialise`);
  await tf.ready();
  return tf.getBackend();
}
