// The page's one handle on a worker built with serveWorker (serve.ts): named requests that
// settle (a reply, an error reply, or the worker's death all reach the caller), runs with
// start / pause / play / step / stop, and a state the page watches. What differs between
// workers (what a run's state looks like, how a snapshot folds into it) comes in as a
// ClientModel, a few pure functions. Pages read the state with
//   const state = Generators.observe((notify) => client.subscribe(notify));
// Framework pulls at most one value per animation frame, so charts redraw at most that often.
import type { BackendResult } from "../backend.js";
import { recallBackend, rememberBackend } from "./backend-memory.js";
import type { FromWorker, ToWorker } from "./messages.js";

/** Every client state names its run (0: nothing live) and a status. */
export interface RunState {
  runId: number;
  status: string;
}

/** What a page's state is made of: pure functions, tested in Node. */
export interface ClientModel<State extends RunState, Start, Snapshot> {
  /** The state before any run (the committed snapshot's pictures). */
  initial: State;
  /** The state of a run just started. */
  started(runId: number, start: Start, paused: boolean): State;
  /** Folds one snapshot of run `runId` into the state (ignore other runs). */
  reduce(state: State, runId: number, snapshot: Snapshot): State;
  /** The run ended without a last snapshot saying so (stopped, or a generator that just returned). */
  ended?(state: State, cancelled: boolean): State;
  /** The run failed, or the worker died: `message` is for the reader. */
  failed(state: State, message: string): State;
  /** Whether a run is moving (not paused). Default: status "starting" or "training". */
  running?(state: State): boolean;
}

/** Anything shaped like a Worker: the browser's, or a fake in a Node test. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: "message" | "error" | "messageerror", listener: (event: any) => void): void;
  terminate(): void;
}

/**
 * Where a client gets its worker: the worker module's URL (from the page:
 * import.meta.resolve(...)), or a function making one (ui/early-worker.ts's worker started
 * before the page's figures; a fake in tests). Called again for each fresh worker.
 */
export type WorkerSource = string | (() => WorkerLike);

export interface WorkerClientOptions {
  /** URLs of the wasm binaries (ui/wasm-paths.ts, resolved by the page). */
  wasmPaths?: Record<string, string>;
  /** The settings the initial state shows (the snapshot's): configure with them starts nothing. */
  initialStart?: unknown;
  /** Requests to send to every fresh worker before anything else (e.g. load the pretrained weights). */
  setup?: (client: WorkerClient<any, any, any>) => void;
}

/**
 * Whether `shown` has every value `wanted` sets (objects key by key, arrays and the rest
 * exactly): the pretrained snapshot's full config covers a page's partial one.
 */
export function covers(shown: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) {
    return Array.isArray(shown) && shown.length === wanted.length && wanted.every((w, i) => covers(shown[i], w));
  }
  if (wanted && typeof wanted === "object") {
    if (!shown || typeof shown !== "object") return false;
    return Object.entries(wanted).every(
      ([k, w]) => w === undefined || covers((shown as Record<string, unknown>)[k], w),
    );
  }
  return Object.is(shown, wanted);
}

const isRunning = (s: RunState) => s.status === "training" || s.status === "starting";

export class WorkerClient<State extends RunState, Start = unknown, Snapshot = unknown> {
  state: State;
  private worker!: WorkerLike;
  private backendPromise!: Promise<BackendResult>;
  private dead: Error | undefined;
  private readonly listeners = new Set<(s: State) => void>();
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private last: Start | undefined;
  /** The settings the figures show (undefined: unknown, so any configure starts a run). */
  private shown: Start | undefined;

  /**
   * `spawn`: where the worker comes from (WorkerSource). A worker that dies is made again by
   * the next start, reset or request.
   */
  constructor(
    private readonly spawn: WorkerSource,
    private readonly model: ClientModel<State, Start, Snapshot>,
    private readonly options: WorkerClientOptions = {},
  ) {
    this.state = model.initial;
    this.shown = this.last = options.initialStart as Start | undefined;
    this.open();
  }

  /** The backend the worker computes on; rejects when it has none, or died first. */
  get backend(): Promise<BackendResult> {
    return this.backendPromise;
  }

  /** Whether a run is moving (paused runs are not). */
  get running(): boolean {
    return (this.model.running ?? isRunning)(this.state);
  }

  /** The settings of the last run started (a restart trains them again). */
  get lastStart(): Start | undefined {
    return this.last;
  }

  subscribe(listener: (s: State) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the state (a page-level change such as "loaded weights") and tells every listener. */
  set(state: State): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  /**
   * Calls `notify` with `select(state)` now and whenever it changes (e.g. a model version).
   * `delay` (ms) postpones the later calls, so figures that change together redraw in
   * separate short tasks rather than one long one.
   */
  watch<T>(select: (s: State) => T, notify: (value: T) => void, { delay = 0 } = {}): () => void {
    let last: T | undefined;
    let first = true;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const stop = this.subscribe((s) => {
      const value = select(s);
      if (first) notify(value);
      else if (value !== last) {
        if (delay <= 0) notify(value);
        else {
          const timer = setTimeout(() => (timers.delete(timer), notify(value)), delay);
          timers.add(timer);
        }
      }
      first = false;
      last = value;
    });
    return () => {
      for (const t of timers) clearTimeout(t);
      stop();
    };
  }

  /**
   * Calls `notify` with the state now and then at most once every `ms` (the latest state,
   * and always the last one): for charts that are rebuilt rather than updated in place. The
   * later calls run in a task of their own (a timer, even when one is due at once), never in
   * the task of the snapshot that changed the state, where every other figure redraws.
   */
  every(ms: number, notify: (s: State) => void): () => void {
    let last = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fire = () => {
      timer = undefined;
      last = performance.now();
      notify(this.state);
    };
    let first = true;
    const stop = this.subscribe(() => {
      if (first) return void ((first = false), fire());
      if (timer === undefined) timer = setTimeout(fire, Math.max(0, last + ms - performance.now()));
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }

  /** Asks the worker's `name` handler; rejects with its message, or when the worker dies or is terminated. */
  request<R = unknown>(name: string, payload?: unknown): Promise<R> {
    if (this.dead) this.open();
    const requestId = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ type: "request", requestId, name, payload });
    });
  }

  /** Starts a fresh run of `start` (the old one stops); it stays the settings for restarts. */
  start(start: Start | undefined = this.last, { paused = false } = {}): void {
    if (start === undefined) return;
    if (this.dead) this.open();
    this.last = start;
    this.shown = start;
    const runId = this.nextId++;
    this.set(this.model.started(runId, start, paused));
    this.post({ type: "start", runId, payload: start, paused });
  }

  /**
   * A control changed: start again, unless the figures already show these settings (the
   * pretrained snapshot's, a loaded file's, or the run under way).
   */
  configure(start: Start): void {
    if (this.shown !== undefined && covers(this.shown, start)) return;
    this.start(start);
  }

  /** Shows `state`, which belongs to the settings `start` (a loaded model): configure(start) keeps it. */
  show(state: State, start?: Start): void {
    this.shown = start;
    if (start !== undefined) this.last = start;
    this.set(state);
  }

  pause(): void {
    if (!this.running) return;
    this.post({ type: "pause" });
    this.set({ ...this.state, status: "paused" });
  }

  /** Play: resume a paused run, or start the last settings again when none is running. */
  play(): void {
    if (this.state.status === "paused") {
      this.post({ type: "resume" });
      this.set({ ...this.state, status: "training" });
    } else if (!this.running) this.start();
  }

  toggle(): void {
    if (this.running) this.pause();
    else this.play();
  }

  /** One more report, then paused (a moving run just pauses). */
  step(): void {
    if (this.running) return this.pause();
    if (this.state.status !== "paused") this.start(this.last, { paused: true });
    this.post({ type: "step" });
  }

  /** Stops the run; the figures stay as they are. */
  stop(): void {
    this.post({ type: "stop" });
  }

  /**
   * Stops any run and shows `state` (by default the initial one); the worker is set up again
   * (a dead one is made afresh), so Reset always leads back to a working page.
   */
  reset(state: State = this.model.initial): void {
    this.shown = this.last = this.options.initialStart as Start | undefined;
    this.set(state);
    if (this.dead) this.open();
    else {
      this.post({ type: "stop" });
      this.options.setup?.(this);
    }
  }

  /** Ends the worker for good: pending requests reject, listeners are dropped. */
  terminate(): void {
    this.kill(new Error("The page closed its worker."));
    this.listeners.clear();
  }

  private open(): void {
    const worker =
      typeof this.spawn === "string" ? (new Worker(this.spawn, { type: "module" }) as WorkerLike) : this.spawn();
    this.worker = worker;
    this.dead = undefined;
    let settle!: { resolve: (b: BackendResult) => void; reject: (e: Error) => void };
    this.backendPromise = new Promise<BackendResult>((resolve, reject) => (settle = { resolve, reject }));
    this.backendPromise.catch(() => undefined); // shown by the badge; not an unhandled rejection
    worker.addEventListener("message", (e: MessageEvent<FromWorker<Snapshot>>) => {
      if (this.worker !== worker) return;
      const m = e.data;
      if (m.type === "ready") {
        const { name, reason, renderer, measured } = m.backend;
        if (measured) rememberBackend({ name, reason, renderer });
        settle.resolve({ name: m.backend.name, reason: m.backend.reason, trials: [] });
      } else if (m.type === "backend-error") settle.reject(new Error(m.message));
      else this.receive(m);
    });
    const die = (message: string) => {
      if (this.worker !== worker) return;
      const error = new Error(message);
      settle.reject(error);
      this.kill(error);
      if (this.state.runId !== 0 && (this.running || this.state.status === "paused")) {
        this.set(this.model.failed(this.state, message));
      }
    };
    worker.addEventListener("error", (e: ErrorEvent) => {
      e.preventDefault?.();
      die(`The worker stopped: ${e.message || "it failed to load or crashed"}. Press Reset to start it again.`);
    });
    worker.addEventListener("messageerror", () =>
      die("The worker sent a message the page could not read. Press Reset to start it again."),
    );
    this.post({ type: "init", wasmPaths: this.options.wasmPaths ?? {}, remembered: recallBackend() });
    this.options.setup?.(this);
  }

  private kill(error: Error): void {
    if (this.dead) return;
    this.dead = error;
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private receive(m: Exclude<FromWorker<Snapshot>, { type: "ready" | "backend-error" }>): void {
    switch (m.type) {
      case "snapshot":
        this.set(this.model.reduce(this.state, m.runId, m.snapshot));
        break;
      case "end":
        if (m.runId === this.state.runId && this.model.ended) this.set(this.model.ended(this.state, m.cancelled));
        break;
      case "run-error":
        if (m.runId === this.state.runId) this.set(this.model.failed(this.state, m.message));
        break;
      case "reply": {
        const p = this.pending.get(m.requestId);
        this.pending.delete(m.requestId);
        if (!p) break;
        if (m.ok) p.resolve(m.value);
        else p.reject(new Error(m.message));
        break;
      }
    }
  }

  private post(message: ToWorker): void {
    if (this.dead) return;
    this.worker.postMessage(message);
  }
}
