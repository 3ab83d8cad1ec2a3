/** Weights to and from plain JSON: pretrained snapshots for the pages, and export for readers. */
import * as tf from "../tf.js";
import { DEFAULT_MODEL, type ModelConfig } from "./config.js";
import { createSeq2Seq, type Seq2Seq } from "./seq2seq.js";

export interface Checkpoint {
  format: "glimpse-seq2seq@1";
  config: ModelConfig;
  /** name → {shape, values} (values rounded to float32). */
  weights: Record<string, { shape: number[]; values: number[] }>;
}

export async function saveCheckpoint(model: Seq2Seq): Promise<Checkpoint> {
  const weights: Checkpoint["weights"] = {};
  for (const [name, v] of Object.entries(model.params)) {
    weights[name] = { shape: v.shape, values: Array.from(await v.data()) };
  }
  return { format: "glimpse-seq2seq@1", config: { ...model.config }, weights };
}

/** Builds a model from a checkpoint, checking that every weight is there with the right shape. */
export function loadCheckpoint(checkpoint: Checkpoint): Seq2Seq {
  if (checkpoint?.format !== "glimpse-seq2seq@1") throw new Error("Not a Glimpse model file (format field missing).");
  // Files written before a config field existed get its default.
  const model = createSeq2Seq({ ...DEFAULT_MODEL, ...checkpoint.config });
  try {
    for (const [name, v] of Object.entries(model.params)) {
      const saved = checkpoint.weights[name];
      if (!saved) throw new Error(`The model file has no weight "${name}".`);
      if (saved.shape.join() !== v.shape.join()) {
        throw new Error(`Weight "${name}" has shape [${saved.shape}] in the file, [${v.shape}] in the model.`);
      }
      if (saved.values.length !== v.size || !saved.values.every(Number.isFinite)) {
        throw new Error(`Weight "${name}" has missing or non-finite values.`);
      }
      tf.tidy(() => v.assign(tf.tensor(saved.values, v.shape)));
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}
