// Messages between the cost page (ui/cost-client.ts) and its worker (worker/cost-worker.ts).
// Plain data only: everything crosses postMessage by structured clone.
import type { CostConfig, CostPoint } from "../cost/measure-cost.js";
import type { Checkpoint } from "../model/index.js";
import type { SelfAttention } from "../model/self-attention.js";

export type ToCostWorker =
  /** First message: where the wasm binaries are (absolute URLs). */
  | { type: "init"; wasmPaths: Record<string, string> }
  /** Load the pretrained attention model whose encoder the self-attention view reads. */
  | { type: "load"; checkpoint: Checkpoint; task: string }
  /** Measure; points stream back as they are timed. A new measure cancels the old one. */
  | { type: "measure"; runId: number; config: Partial<CostConfig> }
  | { type: "stop" }
  | { type: "self-attention"; requestId: number; text: string };

export type FromCostWorker =
  | { type: "ready"; backend: { name: string; reason: string } }
  | { type: "backend-error"; message: string }
  | { type: "point"; runId: number; point: CostPoint }
  | { type: "done"; runId: number; cancelled: boolean }
  | { type: "run-error"; runId: number; message: string }
  | { type: "reply"; requestId: number; ok: true; result: SelfAttention }
  | { type: "reply"; requestId: number; ok: false; message: string };
