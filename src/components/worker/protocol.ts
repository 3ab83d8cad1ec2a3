// Messages between a page (trainer-client.ts) and the training worker. Plain data only:
// everything here crosses postMessage by structured clone.
import type { Checkpoint, Translation } from "../model/index.js";
import type { TrainConfig, TrainSnapshot } from "../train/index.js";
import type { ContextPicture } from "../state/page-snapshot.js";

/** A downloaded model: its weights and the training settings that give its task and vocabulary. */
export interface WeightsFile {
  format: "glimpse-weights@1";
  config: Partial<TrainConfig>;
  checkpoint: Checkpoint;
}

export type ToWorker =
  /** First message: where the wasm binaries are (absolute URLs). */
  | { type: "init"; wasmPaths: Record<string, string> }
  /** Load pretrained weights, so "try your own sentence" works before any training. */
  | { type: "load"; checkpoint: Checkpoint; config: Partial<TrainConfig> }
  /** Train a fresh model; `context` adds the bottleneck pictures at every evaluation. */
  | { type: "start"; runId: number; config: Partial<TrainConfig>; context: boolean; paused?: boolean }
  | { type: "pause" }
  | { type: "resume" }
  /** While paused: train one more report's worth of steps. */
  | { type: "step" }
  | { type: "stop" }
  | { type: "translate"; requestId: number; text: string }
  /** The current model's weights and settings (a "Download weights" file). */
  | { type: "export"; requestId: number }
  /** Replace the model with weights from a file; the reply says what was wrong if it fails. */
  | { type: "import"; requestId: number; file: WeightsFile }
  | { type: "context"; requestId: number; texts: string[] };

export type FromWorker =
  | { type: "ready"; backend: { name: string; reason: string } }
  | { type: "backend-error"; message: string }
  | { type: "snapshot"; runId: number; snapshot: Omit<TrainSnapshot, "checkpoint">; context?: ContextPicture }
  | { type: "stopped"; runId: number }
  | { type: "run-error"; runId: number; message: string }
  | { type: "reply"; requestId: number; ok: true; translation?: Translation; vectors?: number[][]; file?: WeightsFile }
  | { type: "reply"; requestId: number; ok: false; message: string };
