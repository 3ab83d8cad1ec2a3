/**
 * The Node side: wasm (the same kernels as in the browser) and cpu (pure JS). There is no
 * WebGL in Node, so webgl is only measured in Chromium. A backend that fails to initialise
 * gives a report with `error`, never an exception.
 */
import * as tf from "../src/components/tf.ts";
import { useLeanEngine } from "../src/components/lean-engine.ts";
import { useLeanWasmKernels } from "../src/components/wasm-kernels.ts";
import { measureBackend } from "./measure.ts";
import { timeTo99 } from "./time-to-99.ts";
import type { BackendReport, MeasureSpec, TimeTo99Result, TimeTo99Spec } from "./spec.ts";

export const NODE_BACKENDS = ["wasm", "cpu"];

async function useBackend(name: string): Promise<Record<string, string | number | boolean>> {
  // The wasm backend registers itself with the engine on import; node-env.ts tells it where its .wasm files are.
  if (name === "wasm") {
    await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js");
    if (process.env.BENCH_STOCK_WASM !== "1") {
      useLeanWasmKernels();
      useLeanEngine();
    }
  }
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend("${name}") returned false`);
  await tf.ready();
  if (name !== "wasm") return {};
  return {
    simd: tf.env().getBool("WASM_HAS_SIMD_SUPPORT"),
    threads: tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT"),
  };
}

export async function measureNode(
  backend: string,
  spec: MeasureSpec,
  progress: (line: string) => void,
): Promise<BackendReport> {
  try {
    const details = await useBackend(backend);
    const report = await measureBackend(spec, "node", progress);
    report.details = details;
    return report;
  } catch (e) {
    return { where: "node", backend, error: e instanceof Error ? e.message : String(e), rows: [] };
  }
}

export async function timeTo99Node(
  backend: string,
  spec: TimeTo99Spec,
  progress: (line: string) => void,
): Promise<TimeTo99Result> {
  await useBackend(backend);
  return timeTo99(spec, "node", progress);
}
