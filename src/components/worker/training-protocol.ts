// What the training worker's runs and requests carry (the messages themselves are the shared
// ones of messages.ts). Plain data only.
import type { Checkpoint, Translation } from "../model/index.js";
import type { ContextPicture } from "../state/page-snapshot.js";
import type { TrainConfig, TrainSnapshot } from "../train/index.js";
import type { WeightsSource } from "./weights-source.js";

/** A downloaded model: its weights, the settings that give its task and vocabulary, and its page. */
export interface WeightsFile {
  format: "glimpse-weights@1";
  /** The page whose "Download weights" wrote it (older files have none). */
  page?: string;
  config: Partial<TrainConfig>;
  checkpoint: Checkpoint;
}

/** `start`: train a fresh model; `context` adds the bottleneck pictures at every evaluation. */
export interface TrainingStart {
  config: Partial<TrainConfig>;
  context: boolean;
}

/** One report of a run: the loop's snapshot without its weights, and the bottleneck picture. */
export interface TrainingReport {
  snapshot: Omit<TrainSnapshot, "checkpoint">;
  context?: ContextPicture;
}

/** The requests the training worker answers, with their payloads and results. */
export interface TrainingRequests {
  /** Load pretrained weights (or fetch them from a URL), so "try your own sentence" works before any training. */
  load: { payload: { checkpoint: WeightsSource; config: Partial<TrainConfig> }; result: void };
  translate: { payload: string; result: Translation };
  /** The current model's weights and settings (a "Download weights" file, `page` left to the page). */
  export: { payload: undefined; result: WeightsFile };
  /** Replace the model with a file's weights; refused with a reader-facing message. */
  import: { payload: WeightsFile; result: void };
}
