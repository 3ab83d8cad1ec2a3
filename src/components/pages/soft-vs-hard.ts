// The soft-vs-hard page's spec: three seeds of each mode, soft attention at a temperature,
// and the temperature slider that recolours the soft model's picture (no retraining).
import { SOFT_HARD_DEFAULTS, softHardRace } from "../compare/compare-configs.js";
import type { RaceConfig } from "../compare/race.js";
import type { PageSpec, Settings } from "./spec.js";
import { TASK_OPTIONS } from "./training-spec.js";

const TEMPERATURES = ["0.25", "0.5", "1", "2", "4"];

export const softHardSpec: PageSpec<RaceConfig> = {
  page: "soft-vs-hard",
  controls: [
    { key: "task", kind: "radio", label: "Task", options: TASK_OPTIONS, default: SOFT_HARD_DEFAULTS.task },
    {
      key: "seed",
      kind: "range",
      label: "First seed",
      min: 1,
      max: 18,
      step: 1,
      default: SOFT_HARD_DEFAULTS.seeds[0],
      advanced: true,
    },
    {
      key: "temperature",
      kind: "select",
      label: "Train soft at τ",
      options: TEMPERATURES.map((t) => ({ value: t, label: t })),
      default: String(SOFT_HARD_DEFAULTS.temperature),
      advanced: true,
    },
    {
      key: "sharpness",
      detached: true,
      kind: "range",
      label: "Temperature τ",
      min: 0.05,
      max: 20,
      step: 0.01,
      default: 1,
      whole: false,
      log: true,
    },
  ],
  config(s: Settings): RaceConfig {
    const first = Number(s.seed);
    return softHardRace({
      task: s.task as "reverse-words" | "translate",
      seeds: [first, first + 1, first + 2],
      temperature: Number(s.temperature),
    });
  },
};
