// The one protocol between a page's WorkerClient (client.ts) and any worker built with
// serveWorker (serve.ts). Plain data only: everything crosses postMessage by structured
// clone. A worker differs only in what `start` carries, what its snapshots are, and which
// named requests it answers (its WorkerHandlers).
import type { BackendMessage } from "./worker-backend.js";
import type { RememberedBackend } from "./backend-memory.js";
import type { BackendName } from "../backend-choice.js";

export type ToWorker =
  /** First message: where the wasm binaries are (absolute URLs), and the backend this browser
   * measured on an earlier visit (backend-memory.ts), if any. */
  | {
      type: "init";
      wasmPaths: Record<string, string>;
      remembered?: RememberedBackend;
      /** Compute on this backend without measuring (a helper of a worker that has measured). */
      use?: BackendName;
    }
  /** Start a run (the old one stops first); `paused` waits for step or resume. */
  | { type: "start"; runId: number; payload: unknown; paused?: boolean }
  | { type: "pause" }
  | { type: "resume" }
  /** While paused: pull one more snapshot from the run. */
  | { type: "step" }
  | { type: "stop" }
  /** A named request of the worker's handler set; answered by one "reply". */
  | { type: "request"; requestId: number; name: string; payload: unknown };

export type FromWorker<Snapshot = unknown> =
  | BackendMessage
  | { type: "snapshot"; runId: number; snapshot: Snapshot }
  /** The run is over: it finished, or it was stopped (`cancelled`). */
  | { type: "end"; runId: number; cancelled: boolean }
  | { type: "run-error"; runId: number; message: string }
  | { type: "reply"; requestId: number; ok: true; value: unknown }
  | { type: "reply"; requestId: number; ok: false; message: string };

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
