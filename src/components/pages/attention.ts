// The attention page's spec: the bottleneck page's controls plus a task switch, additive
// attention, and the encoder switch (bidirectional, the default, or one-way: the page's
// "why does a one-way encoder look one letter late?" lesson, live).
import type { TrainConfig } from "../train/config.js";
import { ATTENTION_DEFAULTS } from "./page-configs.js";
import type { Control, Settings } from "./spec.js";
import { trainingSpec, type TrainingSpec } from "./training-spec.js";

export const ENCODER_OPTIONS = [
  { value: "bidirectional", label: "bidirectional" },
  { value: "one-way", label: "one-way (left to right)" },
] as const;

/** A seq2seq page's spec with the encoder switch added (URL key `encoder`). */
export function withEncoderSwitch(base: TrainingSpec): TrainingSpec {
  const encoder: Control = {
    key: "encoder",
    kind: "radio",
    label: "Encoder",
    options: ENCODER_OPTIONS,
    default: (base.defaults.bidirectional ?? false) ? "bidirectional" : "one-way",
  };
  const [first, ...rest] = base.controls;
  // After the task switch (the first control), before the sliders: the plan asks the class to flip it.
  const controls = first?.key === "task" ? [first, encoder, ...rest] : [encoder, first, ...rest];
  return {
    ...base,
    controls,
    config: (s: Settings): Partial<TrainConfig> => ({
      ...base.config(s),
      bidirectional: s.encoder === "bidirectional",
    }),
    settingsOf: (c: Partial<TrainConfig>): Settings => ({
      ...base.settingsOf(c),
      encoder: (c.bidirectional ?? false) ? "bidirectional" : "one-way",
    }),
  };
}

export const attentionSpec = withEncoderSwitch(trainingSpec("attention", ATTENTION_DEFAULTS, { task: true }));
