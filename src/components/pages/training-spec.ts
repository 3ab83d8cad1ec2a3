// What the bottleneck and attention pages share: one seq2seq model trained live, its
// controls, and the check that a weights file belongs to the page.
import { getTask } from "../tasks/index.js";
import { retryRate } from "../train/schedule.js";
import type { TrainConfig } from "../train/config.js";
import type { Control, PageSpec, Settings } from "./spec.js";

/** The learning rates a reader can pick; 3 is there to show what divergence looks like. */
export const LEARNING_RATES = [0.001, 0.003, 0.01, 0.02, 0.03, 0.1, 3] as const;

export const TASK_OPTIONS = [
  { value: "reverse-words", label: "reverse each word" },
  { value: "translate", label: "toy translation" },
] as const;

export interface TrainingSpec extends PageSpec<Partial<TrainConfig>> {
  /** The runs the page trains: the snapshot's settings, a shorter live budget. */
  defaults: Partial<TrainConfig>;
  /** The settings that reproduce `config` (a loaded weights file), or why it is not this page's. */
  settingsOf(config: Partial<TrainConfig>): Settings;
  /** The rate the divergence message suggests, as one of the page's choices. */
  retryRate(rate: number): number;
}

/** The page whose model a config describes (bottleneck: no attention). */
export const pageOfConfig = (config: Partial<TrainConfig>): string =>
  (config.attention ?? "none") === "none" ? "bottleneck" : "attention";

export function trainingSpec(page: string, defaults: Partial<TrainConfig>, { task = false } = {}): TrainingSpec {
  const controls: Control[] = [
    ...(task
      ? [{ key: "task", kind: "radio", label: "Task", options: TASK_OPTIONS, default: "reverse-words" } as const]
      : []),
    {
      key: "hidden",
      kind: "range",
      label: "Hidden size",
      min: 8,
      max: 128,
      step: 8,
      default: defaults.hiddenSize ?? 32,
      advanced: true,
    },
    {
      key: "length",
      kind: "range",
      label: "Longest input",
      min: 6,
      max: 24,
      step: 1,
      default: defaults.maxLength ?? 24,
      advanced: !task ? false : true,
    },
    {
      key: "rate",
      kind: "select",
      label: "Learning rate",
      options: LEARNING_RATES.map((r) => ({ value: String(r), label: String(r) })),
      default: String(defaults.learningRate ?? 0.02),
      numeric: true,
    },
    {
      key: "seed",
      kind: "range",
      label: "Seed",
      min: 1,
      max: 20,
      step: 1,
      default: defaults.seed ?? 1,
      advanced: true,
    },
    {
      key: "tricks",
      kind: "flags",
      label: "Tricks",
      advanced: true,
      options: [
        { key: "reverse", label: "Feed the source reversed", default: false },
        { key: "double", label: "Feed the source twice", default: false },
      ],
    },
  ];
  return {
    page,
    controls,
    defaults,
    config(s: Settings): Partial<TrainConfig> {
      const chosen = task ? String(s.task) : (defaults.task ?? "reverse-words");
      return {
        ...defaults,
        task: chosen as TrainConfig["task"],
        probe: chosen === "translate" ? getTask("translate").probe : defaults.probe,
        hiddenSize: Number(s.hidden),
        maxLength: Number(s.length),
        learningRate: Number(s.rate),
        seed: Number(s.seed),
        reverseSource: Boolean(s.reverse),
        doubleSource: Boolean(s.double),
      };
    },
    settingsOf(c: Partial<TrainConfig>): Settings {
      const mine = pageOfConfig(c);
      if (mine !== page) {
        throw new Error(`These are the weights of the ${mine} page's model; load them on that page.`);
      }
      if (!task && (c.task ?? "reverse-words") !== (defaults.task ?? "reverse-words")) {
        throw new Error(`These weights were trained on the task "${c.task}", which this page does not offer.`);
      }
      return {
        ...(task ? { task: c.task ?? "reverse-words" } : {}),
        hidden: c.hiddenSize ?? defaults.hiddenSize ?? 32,
        length: c.maxLength ?? defaults.maxLength ?? 24,
        rate: c.learningRate ?? defaults.learningRate ?? 0.02,
        seed: c.seed ?? defaults.seed ?? 1,
        reverse: c.reverseSource ?? false,
        double: c.doubleSource ?? false,
      };
    },
    retryRate(rate: number): number {
      const target = retryRate(rate);
      const below = LEARNING_RATES.filter((r) => r <= target);
      return below.length ? below[below.length - 1] : LEARNING_RATES[0];
    },
  };
}
