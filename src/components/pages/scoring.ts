// The scoring page's spec: which scoring functions race, on which task, from which seed.
import {
  SCORE_KINDS,
  SCORE_LABELS,
  SCORING_DEFAULTS,
  scoringRace,
  type ScoreKind,
} from "../compare/compare-configs.js";
import type { RaceConfig } from "../compare/race.js";
import type { PageSpec, Settings } from "./spec.js";
import { TASK_OPTIONS } from "./training-spec.js";

export const scoringSpec: PageSpec<RaceConfig | undefined> = {
  page: "scoring",
  controls: [
    { key: "task", kind: "radio", label: "Task", options: TASK_OPTIONS, default: SCORING_DEFAULTS.task },
    {
      key: "seed",
      kind: "range",
      label: "Seed",
      min: 1,
      max: 20,
      step: 1,
      default: SCORING_DEFAULTS.seed,
      advanced: true,
    },
    {
      key: "models",
      kind: "set",
      label: "Models",
      options: SCORE_KINDS.map((k) => ({ value: k, label: SCORE_LABELS[k] })),
      default: SCORING_DEFAULTS.kinds,
    },
  ],
  /** Undefined when no model is chosen: the last race stays on screen, under a warning. */
  config(s: Settings): RaceConfig | undefined {
    const kinds = SCORE_KINDS.filter((k) => (s.models as string[]).includes(k)) as ScoreKind[];
    if (kinds.length === 0) return undefined;
    return scoringRace({ task: s.task as "reverse-words" | "translate", kinds, seed: Number(s.seed) });
  },
};
