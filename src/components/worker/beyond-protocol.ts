// What the "Beyond translation" page and its worker (beyond-worker.ts) send each other.
import type { CaptionConfig, CaptionSnapshot } from "../train/caption.js";
import type { StorySnapshot, StoryTrainConfig } from "../train/story-learner.js";

/** What a run trains: one of the two models. */
export type BeyondStart = { model: "caption"; config: CaptionConfig } | { model: "story"; config: StoryTrainConfig };

/** One snapshot of the run, tagged with the model it trains. */
export type BeyondReport =
  | { model: "caption"; snapshot: Omit<CaptionSnapshot, "checkpoint"> }
  | { model: "story"; snapshot: Omit<StorySnapshot, "checkpoint"> };
