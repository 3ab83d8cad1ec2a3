// The page's handle on the compare worker: start a race, pause, step, reset, and a state that
// changes as snapshots arrive. Pages read it with
//   const state = Generators.observe((notify) => client.subscribe(notify));
// Framework pulls at most one value per animation frame, so charts redraw at most that often
// however fast the worker reports.
import type { BackendResult } from "../backend.js";
import type { RaceConfig } from "../compare/race.js";
import {
  pretrainedCompareState,
  startedCompareState,
  withRaceSnapshot,
  type CompareSnapshot,
  type CompareState,
} from "../compare/compare-state.js";
import type { FromCompareWorker, ToCompareWorker } from "../worker/compare-protocol.js";

export class CompareClient {
  readonly backend: Promise<BackendResult>;
  private readonly worker: Worker;
  private readonly listeners = new Set<(s: CompareState) => void>();
  private nextId = 1;
  private race: RaceConfig;
  state: CompareState;

  /** `url`: the worker module, from the page: import.meta.resolve("./components/worker/compare-worker.js"). */
  constructor(
    url: string,
    readonly snapshot: CompareSnapshot,
    wasmPaths: Record<string, string> = {},
  ) {
    this.worker = new Worker(url, { type: "module" });
    this.race = snapshot.race;
    this.state = pretrainedCompareState(snapshot);
    this.backend = new Promise((resolve, reject) => {
      this.worker.addEventListener("message", (e: MessageEvent<FromCompareWorker>) => {
        if (e.data.type === "ready") resolve({ ...e.data.backend, trials: [] } as BackendResult);
        if (e.data.type === "backend-error") reject(new Error(e.data.message));
      });
      this.worker.addEventListener("error", (e) => reject(new Error(e.message || "The training worker failed to start.")));
    });
    this.backend.catch(() => undefined); // shown by the badge; not an unhandled rejection
    this.worker.addEventListener("message", (e: MessageEvent<FromCompareWorker>) => this.receive(e.data));
    this.post({ type: "init", wasmPaths });
  }

  subscribe(listener: (s: CompareState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /** Calls `notify` with `select(state)` now and whenever it changes. */
  watch<T>(select: (s: CompareState) => T, notify: (value: T) => void): () => void {
    let last: T | undefined;
    let first = true;
    return this.subscribe((s) => {
      const value = select(s);
      if (first || value !== last) notify(value);
      first = false;
      last = value;
    });
  }

  get isLive(): boolean {
    return this.state.runId !== 0;
  }

  /** Trains `race` from scratch; it stays the race for later restarts. */
  start(race: RaceConfig = this.race, { paused = false } = {}): void {
    this.race = race;
    const runId = this.nextId++;
    this.set(startedCompareState(runId, race, paused));
    this.post({ type: "start", runId, race, paused });
  }

  /** A control changed: retrain, unless the settings are the snapshot's and nothing is live. */
  configure(race: RaceConfig): void {
    this.race = race;
    if (!this.isLive && JSON.stringify(race) === JSON.stringify(this.snapshot.race)) return;
    this.start(race);
  }

  get running(): boolean {
    return this.state.status === "training" || this.state.status === "starting";
  }

  pause(): void {
    if (!this.running) return;
    this.post({ type: "pause" });
    this.set({ ...this.state, status: "paused" });
  }

  /** Play: resume a paused run, or start one when none is running. */
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

  step(): void {
    if (this.running) return this.pause();
    if (this.state.status !== "paused") this.start(this.race, { paused: true });
    this.post({ type: "step" });
  }

  /** Back to the pretrained race and its pictures (the worker frees the live models). */
  reset(): void {
    this.post({ type: "stop" });
    this.race = this.snapshot.race;
    this.set(pretrainedCompareState(this.snapshot));
  }

  terminate(): void {
    this.post({ type: "stop" });
    this.worker.terminate();
    this.listeners.clear();
  }

  private receive(m: FromCompareWorker): void {
    if (m.type === "snapshot") this.set(withRaceSnapshot(this.state, m.runId, m.snapshot));
    else if (m.type === "run-error" && m.runId === this.state.runId) this.set({ ...this.state, status: "error", reason: m.message });
  }

  private set(state: CompareState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  private post(message: ToCompareWorker): void {
    this.worker.postMessage(message);
  }
}
