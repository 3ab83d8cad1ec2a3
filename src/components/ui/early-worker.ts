// A page's worker, started by the page's first cell before its figures' modules and data load
// (issue 13: "try your own sentence" answered within 2 s). Started by the page's client, the
// worker only began loading its modules, TensorFlow.js and the wasm binary once the page had
// loaded and drawn; started here, that loading overlaps the page's, and the backend is chosen
// by the time the client asks its first question. Keep this module's imports tiny: the page's
// first cell waits for them.
import { recallBackend } from "../worker/backend-memory.js";
import type { WorkerLike, WorkerSource } from "../worker/client.js";
import type { ToWorker } from "../worker/messages.js";
import { WASM_PATHS } from "./wasm-paths.js";

/** What startWorker needs of a Worker (tests pass a fake). */
export interface StartedWorker extends WorkerLike {
  removeEventListener(type: "message" | "error", listener: (event: any) => void): void;
}

/**
 * Starts the worker at `url` now and sends it the backend `init` (the client's own `init`
 * later is ignored: a worker's first one counts). Returns the WorkerSource a page's client
 * takes: this worker first, a fresh one for each restart after it dies.
 */
export function startWorker(
  url: string,
  spawn = (u: string): StartedWorker => new Worker(u, { type: "module" }),
): WorkerSource {
  let early: WorkerLike | undefined = holdUntilHeard(spawn(url));
  early.postMessage({ type: "init", wasmPaths: WASM_PATHS, remembered: recallBackend() } satisfies ToWorker);
  return () => {
    const worker = early ?? spawn(url);
    early = undefined;
    return worker;
  };
}

/**
 * A Worker drops the events nobody listens to yet: the backend's "ready" (or a failure to
 * load) could come before the page's client exists. Holds each kind of event until the
 * first listener for it arrives, then hands them over in order.
 */
export function holdUntilHeard(worker: StartedWorker): WorkerLike {
  const held = new Map<"message" | "error", Event[]>();
  const holders = new Map<"message" | "error", (e: Event) => void>();
  for (const type of ["message", "error"] as const) {
    const events: Event[] = [];
    const hold = (e: Event) => {
      if (type === "error") e.preventDefault(); // reported to the client when it listens
      events.push(e);
    };
    held.set(type, events);
    holders.set(type, hold);
    worker.addEventListener(type, hold);
  }
  return {
    postMessage: (m) => worker.postMessage(m),
    terminate: () => worker.terminate(),
    addEventListener(type, listener) {
      worker.addEventListener(type, listener);
      if (type === "messageerror") return;
      const hold = holders.get(type);
      if (!hold) return; // heard already: nothing held
      worker.removeEventListener(type, hold);
      holders.delete(type);
      for (const e of held.get(type)!.splice(0)) listener(e);
    },
  };
}
