// The page's handle on the training worker: start, pause, step, reset, translate, and a
// state that changes as snapshots arrive. Pages read it with
//   const state = Generators.observe((notify) => client.subscribe(notify));
// Framework pulls at most one value per animation frame, so charts redraw at most that often
// however fast the worker reports.
import type { BackendResult } from "../backend.js";
import type { Translation } from "../model/index.js";
import type { TrainConfig } from "../train/index.js";
import type { FromWorker, ToWorker, WeightsFile } from "../worker/protocol.js";
import type { PageSnapshot } from "../state/page-snapshot.js";
import { pretrainedState, startedState, withSnapshot, type TrainerState } from "../state/trainer-state.js";

export interface TrainerClientOptions {
  /** Send the bottleneck pictures (context vectors and their projection) with each evaluation. */
  context?: boolean;
  /** Steps of a live run (the snapshot was trained longer). */
  liveSteps?: number;
  /** URLs of the wasm binaries (wasm-paths.ts, resolved by the page). */
  wasmPaths?: Record<string, string>;
}

export class TrainerClient {
  readonly backend: Promise<BackendResult>;
  private readonly worker: Worker;
  private readonly listeners = new Set<(s: TrainerState) => void>();
  private readonly pending = new Map<number, { resolve: (v: FromWorker) => void }>();
  private nextId = 1;
  private live = false;
  private config: Partial<TrainConfig>;
  state: TrainerState;

  /** `url`: the worker module, from the page: import.meta.resolve("./components/worker/training-worker.js"). */
  constructor(
    url: string,
    readonly snapshot: PageSnapshot,
    private readonly options: TrainerClientOptions = {},
  ) {
    this.worker = new Worker(url, { type: "module" });
    this.config = snapshot.config;
    this.state = pretrainedState(snapshot);
    this.backend = new Promise((resolve, reject) => {
      this.worker.addEventListener("message", (e: MessageEvent<FromWorker>) => {
        if (e.data.type === "ready") resolve({ ...e.data.backend, trials: [] } as BackendResult);
        if (e.data.type === "backend-error") reject(new Error(e.data.message));
      });
      this.worker.addEventListener("error", (e) => reject(new Error(e.message || "The training worker failed to start.")));
    });
    this.backend.catch(() => undefined); // shown by the badge; not an unhandled rejection
    this.worker.addEventListener("message", (e: MessageEvent<FromWorker>) => this.receive(e.data));
    this.post({ type: "init", wasmPaths: options.wasmPaths ?? {} });
    this.post({ type: "load", checkpoint: snapshot.checkpoint, config: snapshot.config });
  }

  subscribe(listener: (s: TrainerState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  get isLive(): boolean {
    return this.live;
  }

  /** Trains `config` from scratch (it stays the config for later restarts and resets). */
  start(config: Partial<TrainConfig> = this.config, { paused = false } = {}): void {
    this.config = config;
    this.live = true;
    const runId = this.nextId++;
    const steps = this.options.liveSteps ?? config.steps ?? 1000;
    this.set(startedState(runId, steps, paused));
    this.post({ type: "start", runId, config: { ...config, steps }, context: this.options.context ?? false, paused });
  }

  /** A control changed: retrain with the new settings, unless nothing differs from what is shown. */
  configure(config: Partial<TrainConfig>): void {
    if (!this.live && JSON.stringify(config) === JSON.stringify(this.configOf(config))) return;
    this.start(config);
  }

  pause(): void {
    if (this.state.status !== "training" && this.state.status !== "starting") return;
    this.post({ type: "pause" });
    this.set({ ...this.state, status: "paused" });
  }

  /** Play: resume a paused run, or start one when none is running. */
  play(): void {
    if (this.state.status === "paused") {
      this.post({ type: "resume" });
      this.set({ ...this.state, status: "training" });
    } else if (this.state.status !== "training" && this.state.status !== "starting") this.start();
  }

  step(): void {
    if (this.state.status === "training" || this.state.status === "starting") return this.pause();
    if (this.state.status !== "paused") this.start(this.config, { paused: true });
    this.post({ type: "step" });
  }

  /** Back to the pretrained model and its pictures. */
  reset(): void {
    this.live = false;
    this.post({ type: "load", checkpoint: this.snapshot.checkpoint, config: this.snapshot.config });
    this.set(pretrainedState(this.snapshot));
  }

  stop(): void {
    this.post({ type: "stop" });
  }

  async translate(text: string): Promise<Translation> {
    const reply = await this.request({ type: "translate", requestId: 0, text });
    if (reply.type !== "reply") throw new Error("unexpected reply");
    if (!reply.ok) throw new Error(reply.message);
    return reply.translation as Translation;
  }

  /** The current model as a file's contents (Download weights). */
  async exportWeights(): Promise<WeightsFile> {
    const reply = await this.request({ type: "export", requestId: 0 });
    if (reply.type !== "reply") throw new Error("unexpected reply");
    if (!reply.ok) throw new Error(reply.message);
    return reply.file as WeightsFile;
  }

  /**
   * Replaces the model with a downloaded one (parsed JSON, checked in the worker) and shows
   * its pictures: the probe is decoded again by the loaded weights.
   */
  async importWeights(file: unknown, name = "the file"): Promise<void> {
    const reply = await this.request({ type: "import", requestId: 0, file: file as WeightsFile });
    if (reply.type !== "reply") throw new Error("unexpected reply");
    if (!reply.ok) throw new Error(reply.message);
    const f = file as WeightsFile;
    this.live = true;
    this.config = f.config;
    const probe = await this.translate(f.config.probe ?? this.snapshot.config.probe ?? "");
    this.set({ ...startedState(this.nextId++, 0), status: "loaded", reason: `Showing the weights loaded from ${name}.`, probe });
  }

  terminate(): void {
    this.post({ type: "stop" });
    this.worker.terminate();
    this.listeners.clear();
  }

  // The snapshot's settings for the keys a page controls (its step count aside: it was trained longer).
  private configOf(config: Partial<TrainConfig>): Partial<TrainConfig> {
    const base = this.snapshot.config as unknown as Record<string, unknown>;
    return Object.fromEntries(Object.keys(config).map((k) => [k, k === "steps" ? (config.steps as unknown) : base[k]]));
  }

  /**
   * Calls `notify` with `select(state)` now and whenever it changes (e.g. a model version).
   * `delay` (ms) postpones the later calls, so figures that change together at an evaluation
   * redraw in separate short tasks rather than one long one.
   */
  watch<T>(select: (s: TrainerState) => T, notify: (value: T) => void, { delay = 0 } = {}): () => void {
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
   * Calls `notify` with the state now and then at most once every `ms` (the latest state, and
   * always the last one): for charts that are rebuilt rather than updated in place, so a
   * redraw never lands on every animation frame while training.
   */
  watchEvery(ms: number, notify: (s: TrainerState) => void): () => void {
    let last = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fire = () => {
      timer = undefined;
      last = performance.now();
      notify(this.state);
    };
    const stop = this.subscribe(() => {
      if (timer !== undefined) return;
      const wait = last + ms - performance.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }

  private request(message: Extract<ToWorker, { type: "translate" | "export" | "import" }>): Promise<FromWorker> {
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, { resolve });
      this.post({ ...message, requestId });
    });
  }

  private receive(m: FromWorker): void {
    if (m.type === "snapshot") this.set(withSnapshot(this.state, m.runId, m.snapshot, m.context));
    else if (m.type === "run-error" && m.runId === this.state.runId) this.set({ ...this.state, status: "error", reason: m.message });
    else if (m.type === "reply") {
      this.pending.get(m.requestId)?.resolve(m);
      this.pending.delete(m.requestId);
    }
  }

  private set(state: TrainerState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}
