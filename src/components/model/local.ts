/**
 * Local attention (Luong et al. 2015, §3.2, "local-m"): at output step t the decoder looks
 * only at the 2D + 1 source positions around p_t = t. Scores are computed for that window
 * alone, so the cost per step no longer grows with the source length; the weights are then
 * padded back to the full width so pictures and tests see one column per source position.
 */
import * as tf from "../tf.js";
import { MASKED_SCORE, type Attended } from "./attend.js";

/** First source position of the window at step t (a fixed width, clamped inside the source). */
export function windowStart(t: number, sourceLength: number, radius: number): number {
  const width = 2 * radius + 1;
  return Math.max(0, Math.min(t - radius, sourceLength - width));
}

export interface Window {
  start: number;
  width: number;
}

export function localWindow(t: number, sourceLength: number, radius: number): Window | undefined {
  const width = 2 * radius + 1;
  if (radius <= 0 || width >= sourceLength) return undefined; // the window covers everything: global
  return { start: windowStart(t, sourceLength, radius), width };
}

/** Slices [B, S, ·] keys (or [B, 1, S] masks along axis 2) to the window. */
export const sliceKeys = (x: tf.Tensor3D, w: Window) => tf.slice(x, [0, w.start, 0], [-1, w.width, -1]) as tf.Tensor3D;
export const sliceMask = (x: tf.Tensor3D, w: Window) => tf.slice(x, [0, 0, w.start], [-1, -1, w.width]) as tf.Tensor3D;

/** Puts window-wide attention [B, 1, W] back at full width S. */
export function widen(a: Attended, w: Window, sourceLength: number): Attended {
  const pad: [number, number][] = [
    [0, 0],
    [0, 0],
    [w.start, sourceLength - w.start - w.width],
  ];
  // Outside the window: score "masked", weight 0 — exactly what a padded position gets.
  const widenWeights = (x: tf.Tensor3D) => tf.pad(x, pad) as tf.Tensor3D;
  const weights = widenWeights(a.weights);
  return {
    ...a,
    scores: tf.pad(a.scores, pad, MASKED_SCORE) as tf.Tensor3D,
    weights,
    used: a.used === a.weights ? weights : widenWeights(a.used),
  };
}
