// Messages between a page (ui/compare-client.ts) and the compare worker. Plain data only:
// everything here crosses postMessage by structured clone.
import type { RaceConfig, RaceSnapshot } from "../compare/race.js";

export type ToCompareWorker =
  /** First message: where the wasm binaries are (absolute URLs). */
  | { type: "init"; wasmPaths: Record<string, string> }
  /** Train every lane of `race` from scratch, one step of each in turn. */
  | { type: "start"; runId: number; race: RaceConfig; paused?: boolean }
  | { type: "pause" }
  | { type: "resume" }
  /** While paused: train one more report's worth of steps. */
  | { type: "step" }
  | { type: "stop" };

export type FromCompareWorker =
  | { type: "ready"; backend: { name: string; reason: string } }
  | { type: "backend-error"; message: string }
  | { type: "snapshot"; runId: number; snapshot: RaceSnapshot }
  | { type: "stopped"; runId: number }
  | { type: "run-error"; runId: number; message: string };
