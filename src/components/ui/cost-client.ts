// The cost page's handle on its worker: measure (points stream into a state the page watches),
// stop, and self-attention for a typed sentence. Pages read the state with
//   const state = Generators.observe((notify) => client.subscribe(notify));
import type { BackendResult } from "../backend.js";
import type { CostConfig, CostPoint } from "../cost/measure-cost.js";
import type { Checkpoint } from "../model/index.js";
import type { SelfAttention } from "../model/self-attention.js";
import type { FromCostWorker, ToCostWorker } from "../worker/cost-protocol.js";

export type CostStatus = "snapshot" | "measuring" | "done" | "stopped" | "error";

export interface CostState {
  status: CostStatus;
  /** The reader's own points (empty until they press Measure). */
  points: CostPoint[];
  /** How many points the current run will yield. */
  expected: number;
  /** Variants per length in the current run: points come in groups of this many. */
  variants: number;
  message?: string;
}

export type MeasureConfig = Partial<CostConfig>;

export class CostClient {
  readonly backend: Promise<BackendResult>;
  private readonly worker: Worker;
  private readonly listeners = new Set<(s: CostState) => void>();
  private readonly pending = new Map<number, (m: FromCostWorker) => void>();
  private nextId = 1;
  private runId = 0;
  state: CostState = { status: "snapshot", points: [], expected: 0, variants: 1 };

  /** `url`: the worker module, from the page: import.meta.resolve("./components/worker/cost-worker.js"). */
  constructor(url: string, encoder: { checkpoint: Checkpoint; task: string }, wasmPaths: Record<string, string> = {}) {
    this.worker = new Worker(url, { type: "module" });
    this.backend = new Promise((resolve, reject) => {
      this.worker.addEventListener("message", (e: MessageEvent<FromCostWorker>) => {
        if (e.data.type === "ready") resolve({ ...e.data.backend, trials: [] } as BackendResult);
        if (e.data.type === "backend-error") reject(new Error(e.data.message));
      });
      this.worker.addEventListener("error", (e) => reject(new Error(e.message || "The measuring worker failed to start.")));
    });
    this.backend.catch((e: Error) => this.set({ ...this.state, status: "error", message: e.message }));
    this.worker.addEventListener("message", (e: MessageEvent<FromCostWorker>) => this.receive(e.data));
    this.post({ type: "init", wasmPaths });
    this.post({ type: "load", checkpoint: encoder.checkpoint, task: encoder.task });
  }

  subscribe(listener: (s: CostState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /** Starts a fresh measurement (any running one stops); its points replace the reader's old ones. */
  measure(config: MeasureConfig): void {
    this.runId = this.nextId++;
    const variants = config.variants?.length ?? 1;
    this.set({ status: "measuring", points: [], expected: (config.lengths?.length ?? 0) * variants, variants });
    this.post({ type: "measure", runId: this.runId, config });
  }

  /** Stops after the point being timed (a point cannot be interrupted halfway). */
  stop(): void {
    if (this.state.status === "measuring") this.post({ type: "stop" });
  }

  get measuring(): boolean {
    return this.state.status === "measuring";
  }

  selfAttention(text: string): Promise<SelfAttention> {
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, (m) => {
        if (m.type !== "reply") return;
        if (m.ok) resolve(m.result);
        else reject(new Error(m.message));
      });
      this.post({ type: "self-attention", requestId, text });
    });
  }

  terminate(): void {
    this.worker.terminate();
    this.listeners.clear();
  }

  private receive(m: FromCostWorker): void {
    if (m.type === "reply") {
      this.pending.get(m.requestId)?.(m);
      this.pending.delete(m.requestId);
      return;
    }
    if (!("runId" in m) || m.runId !== this.runId) return; // a cancelled run's last words
    if (m.type === "point") this.set({ ...this.state, points: [...this.state.points, m.point] });
    else if (m.type === "done") this.set({ ...this.state, status: m.cancelled ? "stopped" : "done" });
    else if (m.type === "run-error") this.set({ ...this.state, status: "error", message: m.message });
  }

  private post(m: ToCostWorker): void {
    this.worker.postMessage(m);
  }

  private set(state: CostState): void {
    this.state = state;
    for (const l of this.listeners) l(state);
  }
}
