// Pretrained weights reach a worker by URL: the page's pictures come from a small snapshot file
// and draw at once, while the worker fetches the weights (hundreds of kB) on its own thread.
import type { Checkpoint } from "../model/index.js";

/** A checkpoint itself, or the absolute URL of its JSON file (FileAttachment(...).href). */
export type WeightsSource = Checkpoint | string;

/**
 * The checkpoint behind `source` (a Checkpoint unless `T` says which saved model it is); a
 * failed fetch or a file that is not JSON throws a reader-facing message.
 */
export async function resolveWeights<T extends object = Checkpoint>(source: T | string): Promise<T> {
  if (typeof source !== "string") return source;
  let response: Response;
  try {
    response = await fetch(source);
  } catch (e) {
    throw new Error(`The pretrained weights could not be fetched (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!response.ok) throw new Error(`The pretrained weights could not be fetched (HTTP ${response.status}).`);
  try {
    return (await response.json()) as T;
  } catch {
    throw new Error("The pretrained weights file is damaged (it is not JSON).");
  }
}
