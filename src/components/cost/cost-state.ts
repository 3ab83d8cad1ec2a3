// The cost page's controls as URL state (url-state.ts): a link reproduces a measurement's
// settings, e.g. ?longest=16&batch=4&repeats=1 for a quick run in class.
import type { Schema } from "../state/url-state.js";

export const COST_SCHEMA = {
  longest: { kind: "int", min: 8, max: 160, default: 80 },
  batch: { kind: "int", min: 1, max: 64, default: 16 },
  repeats: { kind: "int", min: 1, max: 7, default: 3 },
  radius: { kind: "int", min: 1, max: 16, default: 4 },
  text: { kind: "text", maxLength: 40, default: "the cat sat on the mat" },
} as const satisfies Schema;

import type { CostPoint } from "./measure-cost.js";

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
