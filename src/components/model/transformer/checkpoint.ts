/** Transformer weights to and from plain JSON, in their own format so no other loader mistakes them. */
import * as tf from "../../tf.js";
import { DEFAULT_TRANSFORMER, type TransformerConfig } from "./config.js";
import { createTransformer, type Transformer } from "./model.js";

export const TRANSFORMER_FORMAT = "glimpse-transformer@1";

export interface TransformerCheckpoint {
  format: typeof TRANSFORMER_FORMAT;
  config: TransformerConfig;
  /** name → {shape, values} (values rounded to float32). */
  weights: Record<string, { shape: number[]; values: number[] }>;
}

export async function saveTransformer(model: Transformer): Promise<TransformerCheckpoint> {
  const weights: TransformerCheckpoint["weights"] = {};
  for (const [name, v] of Object.entries(model.params)) {
    weights[name] = { shape: v.shape, values: Array.from(await v.data()) };
  }
  return { format: TRANSFORMER_FORMAT, config: { ...model.config }, weights };
}

/** Builds a model from a checkpoint, checking the format and that every weight is there with the right shape. */
export function loadTransformer(checkpoint: TransformerCheckpoint): Transformer {
  const format = (checkpoint as { format?: unknown } | undefined)?.format;
  if (format !== TRANSFORMER_FORMAT) {
    const found = typeof format === "string" ? `"${format}"` : "no format field";
    throw new Error(`Not a Glimpse Transformer file: expected format "${TRANSFORMER_FORMAT}", found ${found}.`);
  }
  const model = createTransformer({ ...DEFAULT_TRANSFORMER, ...checkpoint.config });
  try {
    const extra = Object.keys(checkpoint.weights ?? {}).filter((name) => !model.params[name]);
    if (extra.length) throw new Error(`The model file has weights this model does not: ${extra.join(", ")}.`);
    for (const [name, v] of Object.entries(model.params)) {
      const saved = checkpoint.weights?.[name];
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
