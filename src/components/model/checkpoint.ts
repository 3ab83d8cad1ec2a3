/** Weights to and from plain JSON: pretrained snapshots for the pages, and export for readers. */
import { DEFAULT_MODEL, type ModelConfig } from "./config.js";
import { createSeq2Seq, type Seq2Seq } from "./seq2seq.js";
import { assignWeights, weightsToJson } from "./weights.js";

export interface Checkpoint {
  format: "glimpse-seq2seq@1";
  config: ModelConfig;
  /** name → {shape, values} (values rounded to float32). */
  weights: Record<string, { shape: number[]; values: number[] }>;
}

export async function saveCheckpoint(model: Seq2Seq): Promise<Checkpoint> {
  return { format: "glimpse-seq2seq@1", config: { ...model.config }, weights: await weightsToJson(model.params) };
}

/** Builds a model from a checkpoint, checking that every weight is there with the right shape. */
export function loadCheckpoint(checkpoint: Checkpoint): Seq2Seq {
  if (checkpoint?.format !== "glimpse-seq2seq@1") throw new Error("Not a Glimpse model file (format field missing).");
  // Files written before a config field existed get its default.
  const model = createSeq2Seq({ ...DEFAULT_MODEL, ...checkpoint.config });
  try {
    assignWeights(model.params, checkpoint.weights);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}
