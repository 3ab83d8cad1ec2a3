// A small badge telling the reader where the live models compute ("Computing on: wasm").
// Tests read its data-backend attribute: pending, then webgl | wasm | cpu, or error.
import type { BackendResult } from "../backend.js";
import { backendClient } from "../pages/live.js";
import type { WorkerSource } from "../worker/client.js";
import { WASM_PATHS } from "./wasm-paths.js";

const LABELS: Record<string, string> = {
  webgl: "webgl (GPU)",
  wasm: "wasm (WebAssembly on the CPU)",
  cpu: "cpu (plain JavaScript, slowest)",
};

/** Returns the badge at once and fills it in when `backend` settles. Pass the promise
 * itself (from the same cell): Framework hands other cells the resolved value. */
export function backendBadge(
  backend: Promise<BackendResult> | BackendResult,
  {
    document: doc = document,
    /** What the badge reports: the live pages' workers compute ("Computing on"); elsewhere say what it is. */
    label = "Computing on",
  }: { document?: Document; label?: string } = {},
): HTMLElement {
  const badge = doc.createElement("span");
  badge.className = "glimpse-backend";
  badge.setAttribute("role", "status");
  badge.dataset.backend = "pending";
  badge.textContent = `${label}: starting…`;
  Promise.resolve(backend).then(
    (result) => {
      badge.dataset.backend = result.name;
      badge.textContent = `${label}: ${LABELS[result.name] ?? result.name}`;
      badge.title = `TensorFlow.js backend "${result.name}": ${result.reason}`;
    },
    (error: unknown) => {
      badge.dataset.backend = "error";
      badge.textContent = "Live models unavailable in this browser";
      badge.title = error instanceof Error ? error.message : String(error);
    },
  );
  return badge;
}

/**
 * The badge for a page that trains nothing: a worker of its own (`url`: worker/backend-worker.ts)
 * chooses the backend as the live pages' workers do, so TensorFlow.js never loads on the page's
 * main thread. The worker is closed once it has answered (or by `dispose`); a measured choice is
 * remembered by this browser, so the live pages' workers then answer at once.
 */
export function workerBackendBadge(
  url: WorkerSource,
  options: { document?: Document; label?: string } = {},
): { badge: HTMLElement; dispose: () => void } {
  const client = backendClient(url, WASM_PATHS);
  const dispose = () => client.terminate();
  client.backend.then(dispose, dispose);
  return { badge: backendBadge(client.backend, options), dispose };
}
