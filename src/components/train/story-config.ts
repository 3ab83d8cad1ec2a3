// The story reader's training settings and defaults, apart from its Learner (story-learner.ts)
// so that pages can read them without loading TensorFlow.js.
import type { SentenceEncoding } from "../model/memory-network.js";
import { DEFAULT_STORY_TASK, type StoryTaskConfig } from "../tasks/stories.js";
import type { LoopConfig } from "./learner.js";

export interface StoryTrainConfig extends StoryTaskConfig, LoopConfig {
  embeddingSize: number;
  hops: number;
  encoding: SentenceEncoding;
  temporal: boolean;
  /** The story and question whose answer and attention every evaluation reports. */
  probeStory: string;
  probeQuestion: string;
}

export const DEFAULT_STORY_TRAIN: StoryTrainConfig = {
  ...DEFAULT_STORY_TASK,
  embeddingSize: 32,
  hops: 1,
  encoding: "bag",
  temporal: true,
  probeStory: "mary went to the kitchen. john moved to the garden. mary travelled to the office.",
  probeQuestion: "where is mary?",
  steps: 300,
  batchSize: 32,
  // A high rate that halves every 150 steps: answers within ~100 steps, then the attention sharpens.
  learningRate: 0.04,
  learningRateHalfLife: 150,
  learningRateWarmup: 0,
  clipNorm: 5,
  reportEvery: 50,
  evalEvery: 50,
  stopAtExactMatch: 1.1,
  seed: 1,
};
