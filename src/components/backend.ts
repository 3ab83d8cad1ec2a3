// Chooses and initialises the tfjs backend in the browser: tries the candidates, optionally
// times each with a caller-supplied `measure`, and leaves the winner active. The decision
// itself is the pure chooseBackend() in backend-choice.ts.
import * as tf from "./tf.js";
import { chooseBackend, DEFAULT_ORDER, type BackendName, type Choice, type Trial } from "./backend-choice.js";
import { useLeanWasmKernels } from "./wasm-kernels.js";

export { chooseBackend, DEFAULT_ORDER, type BackendName, type Choice, type Trial } from "./backend-choice.js";

/** The part of tfjs this module drives; tests pass a fake. */
export interface Engine {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  env(): { set(flag: string, value: boolean): void };
  /** A small computation that throws unless the active backend computes correctly. */
  check?(): Promise<void>;
}

export interface InitBackendOptions {
  /** Candidates in order of preference (default webgl, wasm, cpu). */
  order?: readonly BackendName[];
  /** Times real work on the active backend (ms, lower is better). With it every candidate
   * is tried and the fastest wins; without it the first that works wins. */
  measure?: (name: BackendName) => Promise<number>;
  engine?: Engine;
}

export interface BackendResult extends Choice {
  trials: Trial[];
}

// Checks the matmul [[1,2],[3,4]]·[1,1]ᵀ = [3,7]: a context that initialises but cannot
// compute (a blocklisted GPU, a broken driver) fails here, not in the middle of training.
async function checkMatMul(): Promise<void> {
  const y = tf.tidy(() =>
    tf.matMul(
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([[1], [1]]),
    ),
  );
  try {
    const values = await y.data();
    if (values[0] !== 3 || values[1] !== 7) throw new Error(`wrong result ${Array.from(values)}`);
  } finally {
    y.dispose();
  }
}

const tfEngine: Engine = {
  setBackend: (name) => tf.setBackend(name),
  ready: () => tf.ready(),
  getBackend: () => tf.getBackend(),
  env: () => tf.env(),
  check: checkMatMul,
};

let wasmPrepared: Promise<void> | undefined;

// The wasm backend is loaded only when needed (it carries its own copy of tfjs-core; the
// engine is a global singleton, so it registers with ours). Its .wasm files are named with
// string literals so Framework copies them into dist/: no CDN.
function prepareWasm(): Promise<void> {
  wasmPrepared ??= import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js").then((wasm) => {
    wasm.setWasmPaths({
      "tfjs-backend-wasm.wasm": import.meta.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"),
      "tfjs-backend-wasm-simd.wasm": import.meta
        .resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"),
      "tfjs-backend-wasm-threaded-simd.wasm": import.meta
        .resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm"),
    });
    useLeanWasmKernels();
  });
  return wasmPrepared;
}

async function prepare(name: BackendName, engine: Engine): Promise<void> {
  if (name === "webgl") {
    // Without this tfjs refuses software WebGL (SwiftShader), which is what headless
    // Chromium and many classroom machines without a GPU driver offer.
    engine.env().set("SOFTWARE_WEBGL_ENABLED", true);
  } else if (name === "wasm" && engine === tfEngine) {
    await prepareWasm();
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function tryBackend(
  name: BackendName,
  engine: Engine,
  measure?: (name: BackendName) => Promise<number>,
): Promise<Trial> {
  try {
    await prepare(name, engine);
    if (!(await engine.setBackend(name))) return { name, ok: false, error: "could not initialise" };
    await engine.ready();
    await engine.check?.();
    if (!measure) return { name, ok: true };
    const ms = await measure(name);
    if (!Number.isFinite(ms) || ms < 0) return { name, ok: false, error: `measure gave ${ms}` };
    return { name, ok: true, ms };
  } catch (error) {
    return { name, ok: false, error: message(error) };
  }
}

/** Tries the candidates, makes the chosen backend active and says which and why.
 * Rejects only when no candidate works at all. */
export async function initBackend({
  order = DEFAULT_ORDER,
  measure,
  engine = tfEngine,
}: InitBackendOptions = {}): Promise<BackendResult> {
  const trials: Trial[] = [];
  for (const name of order) {
    const trial = await tryBackend(name, engine, measure);
    trials.push(trial);
    if (trial.ok && !measure) break; // without timings the first working one wins
  }
  const choice = chooseBackend(trials, order);
  if (!choice) {
    const detail = trials.map((t) => `${t.name}: ${t.ok ? "ok" : t.error}`).join("; ");
    throw new Error(`No TensorFlow.js backend works here (${detail})`);
  }
  if (engine.getBackend() !== choice.name && !(await engine.setBackend(choice.name))) {
    throw new Error(`Backend ${choice.name} worked when measured but not when selected again`);
  }
  return { ...choice, trials };
}
