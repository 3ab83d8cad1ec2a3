/** Any model's parameters to and from plain JSON (name → {shape, values}), checked on the way in. */
import * as tf from "../tf.js";
import type { Params } from "./params.js";

export type WeightsJson = Record<string, { shape: number[]; values: number[] }>;

export async function weightsToJson(params: Params): Promise<WeightsJson> {
  const weights: WeightsJson = {};
  for (const [name, v] of Object.entries(params))
    weights[name] = { shape: v.shape, values: Array.from(await v.data()) };
  return weights;
}

/** Copies saved weights into `params`, checking that every weight is there with the right shape. */
export function assignWeights(params: Params, weights: WeightsJson): void {
  for (const [name, v] of Object.entries(params)) {
    const saved = weights[name];
    if (!saved) throw new Error(`The model file has no weight "${name}".`);
    if (saved.shape.join() !== v.shape.join()) {
      throw new Error(`Weight "${name}" has shape [${saved.shape}] in the file, [${v.shape}] in the model.`);
    }
    if (saved.values.length !== v.size || !saved.values.every(Number.isFinite)) {
      throw new Error(`Weight "${name}" has missing or non-finite values.`);
    }
    tf.tidy(() => v.assign(tf.tensor(saved.values, v.shape)));
  }
}
