// The "Beyond translation" page's snapshot figures: measured on a model (the rounded checkpoint
// as saved) with the learners' own evaluations, so the snapshot script and the unit test that
// reloads the checkpoint compute them the same way. DOM-free plain data.
import type { Captioner } from "../model/captioner.js";
import type { MemoryNetwork } from "../model/memory-network.js";
import type { StoryAnswer } from "../model/story-reader.js";
import { roundMatrix, roundTo } from "../state/page-snapshot.js";
import { captionLearner, type CaptionConfig, type CaptionProbe } from "../train/caption.js";
import { storyLearner, type StoryTrainConfig } from "../train/story-learner.js";

export interface BeyondHistoryPoint {
  step: number;
  loss: number;
  exactMatch: number;
  attentionCorrectness: number;
}

interface Figures<Config, Probe> {
  config: Config;
  step: number;
  exactMatch: number;
  /** attentionCorrectness, uniformBaseline and the chance figures of the learner's evaluation. */
  metrics: Record<string, number>;
  probe: Probe;
  history: BeyondHistoryPoint[];
}

export type BeyondCaptionSnapshot = Figures<CaptionConfig, CaptionProbe>;
export type BeyondStorySnapshot = Figures<StoryTrainConfig, StoryAnswer>;

const roundMetrics = (m: Record<string, number> = {}) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, roundTo(v)]));

/** Evaluates a captioner on the config's held-out scenes (the model stays the caller's). */
export async function beyondCaptionFigures(
  model: Captioner,
  config: CaptionConfig,
  run: { step: number; history: BeyondHistoryPoint[] },
): Promise<BeyondCaptionSnapshot> {
  const learner = captionLearner(config, model);
  try {
    const e = await learner.evaluate();
    const probe = e.probe!;
    return {
      config,
      step: run.step,
      exactMatch: roundTo(e.exactMatch),
      metrics: roundMetrics(e.metrics),
      probe: { ...probe, attention: roundMatrix(probe.attention)!, picks: roundMatrix(probe.picks) },
      history: run.history,
    };
  } finally {
    learner.dispose();
  }
}

/** Evaluates a story reader on the config's held-out stories and its probe question. */
export async function beyondStoryFigures(
  model: MemoryNetwork,
  config: StoryTrainConfig,
  run: { step: number; history: BeyondHistoryPoint[] },
): Promise<BeyondStorySnapshot> {
  const learner = storyLearner(config, model);
  try {
    const e = await learner.evaluate();
    const probe = e.probe!;
    return {
      config,
      step: run.step,
      exactMatch: roundTo(e.exactMatch),
      metrics: roundMetrics(e.metrics),
      probe: {
        ...probe,
        probabilities: probe.probabilities.map((p) => roundTo(p)),
        attention: roundMatrix(probe.attention)!,
        wordScores: probe.wordScores.map((h) => roundMatrix(h)!),
        timeScores: roundMatrix(probe.timeScores)!,
      },
      history: run.history,
    };
  } finally {
    learner.dispose();
  }
}
