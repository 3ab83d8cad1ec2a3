/**
 * The bench inside a Chromium page: bundled by bench/browser.ts with esbuild. tfjs comes from
 * src/components/tf.ts (the fesm bundle: the plain entry breaks seedrandom in browsers), the
 * wasm backend from its own fesm bundle with the .wasm files served next to this script.
 * Node drives it through `window.glimpseBench` and reads progress from console lines.
 */
import * as tf from "../src/components/tf.ts";
import { useLeanEngine } from "../src/components/lean-engine.ts";
import { useLeanWasmKernels } from "../src/components/wasm-kernels.ts";
import { measureBackend, stepLoop, type StepLoopResult } from "./measure.ts";
import { timeTo99 } from "./time-to-99.ts";
import type { AttentionKind } from "../src/components/model/config.ts";
import type { BackendReport, MeasureSpec, TimeTo99Result, TimeTo99Spec } from "./spec.ts";

export const PROGRESS_PREFIX = "[bench] ";
const progress = (line: string) => console.log(PROGRESS_PREFIX + line);

function webglRenderer(): string {
  const gl = document.createElement("canvas").getContext("webgl2");
  const info = gl?.getExtension("WEBGL_debug_renderer_info");
  return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "unknown";
}

async function useBackend(name: string): Promise<Record<string, string | number | boolean>> {
  if (name === "webgl") {
    // Without it tfjs refuses SwiftShader, the only WebGL headless Chromium has here.
    tf.env().set("SOFTWARE_WEBGL_ENABLED", true);
  } else if (name === "wasm") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js");
    wasm.setWasmPaths(new URL("./", location.href).href);
    if (!new URLSearchParams(location.search).has("stock-wasm")) {
      useLeanWasmKernels();
      useLeanEngine();
    }
  }
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend("${name}") returned false`);
  await tf.ready();
  if (name === "webgl") return { webglVersion: tf.env().getNumber("WEBGL_VERSION"), renderer: webglRenderer() };
  if (name === "wasm") {
    return {
      simd: tf.env().getBool("WASM_HAS_SIMD_SUPPORT"),
      threads: tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT"),
      crossOriginIsolated: self.crossOriginIsolated,
    };
  }
  return {};
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function measure(backend: string, spec: MeasureSpec): Promise<BackendReport> {
  try {
    const details = await useBackend(backend);
    const report = await measureBackend(spec, "chromium", progress);
    report.details = details;
    return report;
  } catch (e) {
    return { where: "chromium", backend, error: message(e), rows: [] };
  }
}

async function toAccuracy(backend: string, spec: TimeTo99Spec): Promise<TimeTo99Result> {
  await useBackend(backend);
  return timeTo99(spec, "chromium", progress);
}

async function profileLoop(
  backend: string,
  spec: MeasureSpec,
  attention: AttentionKind,
  warmup: number,
  steps: number,
): Promise<StepLoopResult> {
  if (tf.getBackend() !== backend) await useBackend(backend);
  return stepLoop(spec, attention, warmup, steps);
}

const api = {
  measure,
  stepLoop: profileLoop,
  timeTo99: toAccuracy,
  userAgent: () => navigator.userAgent,
  tfVersion: () => tf.version,
};
export type BrowserBenchApi = typeof api;
(globalThis as unknown as { glimpseBench: BrowserBenchApi }).glimpseBench = api;
