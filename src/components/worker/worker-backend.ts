/**
 * The backend a training worker computes on, chosen by timing real training steps of a
 * page-sized model on wasm and on WebGL (shared/PERFORMANCE.md: for models this small wasm
 * usually wins, but a real GPU can beat it, and only a measurement on the reader's machine
 * tells), with plain JavaScript as the last resort. The page passes the wasm binaries' URLs:
 * a worker has no import map to resolve them with.
 */
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js";
import { chooseBackend, isSoftwareRenderer, type BackendName, type Choice, type Trial } from "../backend-choice.js";
import * as tf from "../tf.js";
import { useLeanEngine } from "../lean-engine.js";
import { useLeanWasmKernels } from "../wasm-kernels.js";
import { msPerTrainingStep } from "../train/calibrate.js";
import type { TrainConfig } from "../train/config.js";
import type { RememberedBackend } from "./backend-memory.js";

/** What is timed: one page-sized model (hidden 32, inputs up to 12, batch 32, additive attention). */
export const PROBE_MODEL: Partial<TrainConfig> = {
  task: "reverse-words",
  minLength: 3,
  maxLength: 12,
  hiddenSize: 32,
  batchSize: 32,
  attention: "additive",
};

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function tryBackend(name: BackendName, setup: () => void, measure: boolean): Promise<Trial> {
  try {
    setup();
    if (!(await tf.setBackend(name))) return { name, ok: false, error: "could not initialise" };
    await tf.ready();
    // One untimed step compiles shaders / sets up wasm; the median of two timed ones decides.
    return measure
      ? { name, ok: true, ms: await msPerTrainingStep(PROBE_MODEL, { warmup: 1, timed: 2 }) }
      : { name, ok: true };
  } catch (e) {
    return { name, ok: false, error: message(e) };
  }
}

/** The WebGL renderer a worker would get (undefined where there is no OffscreenCanvas or WebGL). */
function webglRenderer(): string | undefined {
  try {
    if (typeof OffscreenCanvas === "undefined") return undefined;
    const gl = new OffscreenCanvas(1, 1).getContext("webgl2") ?? new OffscreenCanvas(1, 1).getContext("webgl");
    if (!gl) return undefined;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return renderer;
  } catch {
    return undefined;
  }
}

/** The worker's backend, how it was chosen, and whether it was measured just now (worth remembering). */
export interface WorkerChoice extends Choice {
  trials: Trial[];
  /** The WebGL renderer seen ("none" without WebGL): a remembered choice holds for this one only. */
  renderer: string;
  measured: boolean;
}

export async function chooseWorkerBackend(
  wasmPaths: Record<string, string>,
  {
    measure = true,
    remembered,
    use,
  }: {
    measure?: boolean;
    remembered?: RememberedBackend;
    /** The backend to use without measuring (a helper worker's, given by the worker that measured). */
    use?: BackendName;
  } = {},
): Promise<WorkerChoice> {
  useLeanEngine(); // every backend: the engine's bookkeeping, not a kernel
  const renderer = webglRenderer();
  const seen = renderer ?? "none";
  const setups: Record<BackendName, () => void> = {
    wasm: () => {
      if (Object.keys(wasmPaths).length === 0) throw new Error("the page sent no wasm paths");
      setWasmPaths(wasmPaths);
      useLeanWasmKernels();
    },
    webgl: () => tf.env().set("SOFTWARE_WEBGL_ENABLED", true),
    cpu: () => undefined,
  };
  if (use) {
    const given = await tryBackend(use, setups[use], false);
    if (given.ok) {
      return {
        name: use,
        reason: "the backend its parent worker chose",
        trials: [given],
        renderer: seen,
        measured: false,
      };
    }
  }
  // Measured on an earlier visit with this same GPU: trust it and answer at once.
  if (remembered && remembered.renderer === seen) {
    const again = await tryBackend(remembered.name, setups[remembered.name], false);
    if (again.ok) {
      return {
        name: remembered.name,
        reason: `${remembered.reason}; measured on an earlier visit and remembered by this browser`,
        trials: [again],
        renderer: seen,
        measured: false,
      };
    }
  }
  // Software WebGL never beats wasm: skip the race (seconds of training steps) and answer at once.
  const softwareOnly = isSoftwareRenderer(renderer);
  const wasm = await tryBackend("wasm", setups.wasm, measure && !softwareOnly);
  if (softwareOnly && wasm.ok) {
    await tf.setBackend("wasm");
    return {
      name: "wasm",
      reason: `WebGL here is software rendering (${renderer}), slower than wasm: not timed`,
      trials: [wasm],
      renderer: seen,
      measured: false,
    };
  }
  // Headless browsers and GPU-less classroom machines offer only software WebGL.
  const trials: Trial[] = [wasm, await tryBackend("webgl", setups.webgl, measure)];
  let choice = chooseBackend(trials, ["wasm", "webgl"]);
  if (!choice) {
    trials.push(await tryBackend("cpu", () => undefined, false));
    choice = chooseBackend(trials, ["wasm", "webgl", "cpu"]);
  }
  if (!choice || !(await tf.setBackend(choice.name))) {
    throw new Error(
      `No TensorFlow.js backend works here (${trials.map((t) => `${t.name}: ${t.ok ? "ok" : t.error}`).join("; ")})`,
    );
  }
  await tf.ready();
  return { ...choice, trials, renderer: seen, measured: measure && trials.some((t) => t.ok && t.ms !== undefined) };
}

export type BackendMessage =
  | { type: "ready"; backend: { name: BackendName; reason: string; renderer: string; measured: boolean } }
  | { type: "backend-error"; message: string };

/**
 * The worker's backend as a promise that settles once the page has sent the wasm URLs
 * (`init`) and the choice is made; announces the outcome to the page either way, and
 * rejects when no backend works (so every run and request waiting on it fails too).
 * The first `init` counts; later ones are ignored (a page that starts its worker early,
 * ui/early-worker.ts, sends one before its client sends its own).
 */
export function workerBackend(post: (m: BackendMessage) => void): {
  init: (wasmPaths: Record<string, string>, remembered?: RememberedBackend, use?: BackendName) => void;
  ready: Promise<Choice>;
} {
  let init: (paths: Record<string, string>, remembered?: RememberedBackend, use?: BackendName) => void = () =>
    undefined;
  const ready = new Promise<[Record<string, string>, RememberedBackend | undefined, BackendName | undefined]>(
    (resolve) => (init = (paths, remembered, use) => resolve([paths, remembered, use])),
  )
    .then(([paths, remembered, use]) => chooseWorkerBackend(paths, { remembered, use }))
    .then(
      (b) => {
        post({
          type: "ready",
          backend: { name: b.name, reason: b.reason, renderer: b.renderer, measured: b.measured },
        });
        return b;
      },
      (e: unknown) => {
        post({ type: "backend-error", message: message(e) });
        throw e;
      },
    );
  ready.catch(() => undefined); // reported to the page above; each waiter sees the rejection
  return { init, ready };
}
