// The cost page's measurement state, as its worker client holds it (pages/live.ts). Its
// controls and their URL schema are the spec's (pages/cost.ts).
import type { CostPoint } from "./cost-variants.js";

export type CostStatus = "snapshot" | "measuring" | "done" | "stopped" | "error";

/** The reader's own measurement, as the cost page's worker client holds it. */
export interface CostState {
  /** Which measurement the points belong to (0: none yet). */
  runId: number;
  status: CostStatus;
  /** The reader's own points (empty until they press Measure). */
  points: CostPoint[];
  /** How many points the current run will yield. */
  expected: number;
  /** Variants per length in the current run: points come in groups of this many. */
  variants: number;
  message?: string;
}
