// The worker side of messages.ts, written once: the backend choice, the run loop and the
// request/reply plumbing. A worker file is its handler set and one call:
//
//   serveWorker({ run: (config) => trainLearner(...), isLast: (s) => s.status !== "training",
//                 requests: { translate: (text) => ... } });
//
// Everything else (init, start, pause, resume, step, stop, replies, errors) lives here.
import { errorText, type FromWorker, type ToWorker } from "./messages.js";
import { RunLoop } from "./run-loop.js";
import { workerBackend } from "./worker-backend.js";

/** What a request handler may do to the worker's runs. */
export interface WorkerContext {
  /** Stops the run under way (its generator's `finally` runs before the next queued job). */
  stopRun(): void;
  /** Runs `job` after every queued run and job, so it never shares the backend with one. */
  queued<T>(job: () => T | Promise<T>): Promise<T>;
}

/** One named request: answers `payload` with a value (structured-clonable) or throws a reader-facing message. */
export type RequestHandler<Payload = never, Result = unknown> = (
  payload: Payload,
  worker: WorkerContext,
) => Result | Promise<Result>;

/**
 * How a request shares the worker with runs. "now" (the default): answered at once, while
 * a run may be paused between snapshots. "queued": after every queued run and job, so it
 * never shares the backend with one (a timing, a model swap). "replaces-run": stops the
 * run first, then queued (loading other weights).
 */
export type RequestMode = "now" | "queued" | "replaces-run";

export type RequestSpec = RequestHandler<any, unknown> | { handle: RequestHandler<any, unknown>; mode: RequestMode };

/** What a worker adds to the shared base: its run and its requests. */
export interface WorkerHandlers<Start = unknown, Snapshot = unknown> {
  /**
   * A run: any async generator of plain snapshots (trainLearner(...), race(...), a
   * measurement). Called after the backend is ready and the previous run has finished; the
   * loop pulls one snapshot per report and calls `return()` when the run is stopped.
   */
  run?: (
    start: Start,
  ) => AsyncGenerator<Snapshot, unknown, undefined> | Promise<AsyncGenerator<Snapshot, unknown, undefined>>;
  /** Ends the run after this snapshot (e.g. status done or diverged). */
  isLast?: (snapshot: Snapshot) => boolean;
  /** Named requests, answered after the backend is ready (a failed backend fails them). */
  requests?: Record<string, RequestSpec>;
}

export interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

/**
 * Serves `handlers` on `scope` (the worker's `self`). Returns the dispatcher, so tests can
 * drive a worker's handler set in Node with a fake scope and no backend.
 */
export function serveWorker<Start, Snapshot>(
  handlers: WorkerHandlers<Start, Snapshot>,
  scope: WorkerScope = self as unknown as WorkerScope,
  backend = workerBackend((m) => scope.postMessage(m)),
): (message: ToWorker) => void {
  const post = (m: FromWorker<Snapshot>) => scope.postMessage(m);
  const loop = new RunLoop<Snapshot>(
    {
      snapshot: (runId, snapshot) => post({ type: "snapshot", runId, snapshot }),
      end: (runId, cancelled) => post({ type: "end", runId, cancelled }),
      error: (runId, e) => post({ type: "run-error", runId, message: errorText(e) }),
    },
    handlers.isLast,
  );

  const context: WorkerContext = { stopRun: () => loop.stop(), queued: (job) => loop.enqueue(job) };

  // Decided when the message arrives, so a request stops only the runs started before it.
  async function answer(requestId: number, name: string, payload: unknown): Promise<void> {
    try {
      const spec = handlers.requests?.[name];
      if (!spec) throw new Error(`This worker does not answer "${name}".`);
      const { handle, mode } = typeof spec === "function" ? { handle: spec, mode: "now" as RequestMode } : spec;
      if (mode === "replaces-run") loop.stop();
      let value: unknown;
      if (mode === "now") {
        const before = loop.jobsDone();
        await backend.ready;
        await before;
        value = await handle(payload, context);
      } else {
        value = await loop.enqueue(async () => {
          await backend.ready;
          return handle(payload, context);
        });
      }
      post({ type: "reply", requestId, ok: true, value });
    } catch (e) {
      post({ type: "reply", requestId, ok: false, message: errorText(e) });
    }
  }

  const dispatch = (m: ToWorker) => {
    switch (m.type) {
      case "init":
        backend.init(m.wasmPaths, m.remembered, m.use);
        break;
      case "start": {
        const run = handlers.run;
        if (!run) {
          post({ type: "run-error", runId: m.runId, message: "This worker has no runs." });
          break;
        }
        void loop.start(
          m.runId,
          async () => {
            await backend.ready;
            return run(m.payload as Start);
          },
          { paused: m.paused },
        );
        break;
      }
      case "pause":
        loop.pause();
        break;
      case "resume":
        loop.resume();
        break;
      case "step":
        loop.step();
        break;
      case "stop":
        loop.stop();
        break;
      case "request":
        void answer(m.requestId, m.name, m.payload);
        break;
    }
  };
  scope.addEventListener("message", (event: MessageEvent<ToWorker>) => dispatch(event.data));
  return dispatch;
}
