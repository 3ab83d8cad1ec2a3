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
