// The URL schema of the bottleneck and attention pages: every control and the seed, so a
// shared link reopens the same run (url-state.ts parses it strictly, with notices).
import type { Schema } from "../state/url-state.js";
import { PAGE_BASE } from "./page-configs.js";

/** The learning rates a reader can pick; 3 is there to show what divergence looks like. */
export const LEARNING_RATES = [0.001, 0.003, 0.01, 0.02, 0.03, 0.1, 3] as const;

/** The bottleneck page's settings. */
export const PAGE_SCHEMA = {
  hidden: { kind: "int", min: 8, max: 128, default: PAGE_BASE.hiddenSize ?? 32 },
  length: { kind: "int", min: 6, max: 24, default: PAGE_BASE.maxLength ?? 24 },
  rate: { kind: "enum", values: LEARNING_RATES.map(String), default: String(PAGE_BASE.learningRate ?? 0.02) },
  seed: { kind: "int", min: 1, max: 20, default: PAGE_BASE.seed ?? 1 },
  reverse: { kind: "bool", default: false },
  double: { kind: "bool", default: false },
} as const satisfies Schema;

/** The attention page adds the task switch. */
export const ATTENTION_SCHEMA = {
  task: { kind: "enum", values: ["reverse-words", "translate"], default: "reverse-words" },
  ...PAGE_SCHEMA,
} as const satisfies Schema;

/** The rate to retry with after a divergence: the page default if above it, else the next lower one. */
export function lowerRate(rate: number): number {
  const base = PAGE_BASE.learningRate ?? 0.02;
  if (rate > base) return base;
  const lower = LEARNING_RATES.filter((r) => r < rate);
  return lower.length ? lower[lower.length - 1] : LEARNING_RATES[0];
}
