/**
 * A small convolutional encoder from RGB pixels to a grid of annotation vectors a_1 … a_N
 * (N = grid²), the "lower convolutional layer" features of Xu et al. 2015, "Show, Attend and
 * Tell", §3.1.1: one vector per image region, so the decoder can attend to regions.
 *
 * It is written from ops every tfjs backend can differentiate: the wasm backend (4.22) has no
 * Conv2DBackpropFilter kernel, so a plain tf.conv2d cannot train there. Instead:
 *   1. patch embedding: the image is cut into non-overlapping P × P patches with reshape and
 *      transpose, and each patch is one row of a matmul (a convolution with stride = kernel = P);
 *   2. grid convolutions: a 3 × 3 convolution over the grid of patch vectors, as nine shifted
 *      slices of the zero-padded grid concatenated along channels and one matmul;
 *   3. a learned positional vector per cell, added to the annotations (optional), so a word can
 *      ask for "the shape to the right of the last one".
 * Every layer but the last linear map is followed by a ReLU.
 */
import * as tf from "../tf.js";
import { linear } from "./linear.js";
import type { ParamBuilder, Params } from "./params.js";

export interface ImageEncoderConfig {
  /** Width and height of the input image in pixels. */
  imageSize: number;
  /** Cells across the annotation grid (N = grid² annotation vectors); must divide imageSize. */
  grid: number;
  /** Width of the patch embedding. */
  channels: number;
  /** Width D of each annotation vector a_j. */
  features: number;
  /** 3 × 3 convolutions over the grid after the patch embedding (0 to 3). */
  convLayers: number;
  /** Add a learned vector per cell to the annotations. */
  positional: boolean;
}

export const DEFAULT_IMAGE_ENCODER: ImageEncoderConfig = {
  imageSize: 32,
  grid: 4,
  channels: 32,
  features: 32,
  convLayers: 1,
  positional: true,
};

export function validateImageEncoderConfig(c: ImageEncoderConfig): void {
  const whole = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi)
      throw new Error(`${name} must be a whole number from ${lo} to ${hi} (got ${v}).`);
  };
  whole("imageSize", c.imageSize, 4, 256);
  whole("grid", c.grid, 1, c.imageSize);
  if (c.imageSize % c.grid !== 0) throw new Error(`The grid (${c.grid}) must divide the image size (${c.imageSize}).`);
  whole("channels", c.channels, 1, 512);
  whole("features", c.features, 1, 512);
  whole("convLayers", c.convLayers, 0, 3);
}

/** Patch side P in pixels. */
export const patchSize = (c: ImageEncoderConfig) => c.imageSize / c.grid;

/** Parameters under "img.": patch embedding, grid convolutions, positional vectors. */
export function imageEncoderParams(b: ParamBuilder, c: ImageEncoderConfig): void {
  validateImageEncoderConfig(c);
  const P = patchSize(c);
  const last = c.convLayers === 0 ? c.features : c.channels;
  b.matrix("img.patch.W", P * P * 3, last);
  b.zeros("img.patch.b", last);
  for (let i = 0; i < c.convLayers; i++) {
    const out = i === c.convLayers - 1 ? c.features : c.channels;
    b.matrix(`img.conv${i}.W`, 9 * c.channels, out);
    b.zeros(`img.conv${i}.b`, out);
  }
  if (c.positional) b.matrix("img.pos", c.grid * c.grid, c.features);
}

/**
 * Cuts images [B, S, S, 3] into patches, one row per cell in row-major grid order:
 * [B·G·G, P·P·3] with P = S / G (each row holds the patch's pixels row by row, RGB innermost).
 */
export function imagePatches(images: tf.Tensor4D, grid: number): tf.Tensor2D {
  const [B, S, , C] = images.shape;
  const P = S / grid;
  // [B, S, S, C] = [B·G, P, G, P·C] (row blocks, rows in a block, column blocks, a patch row's pixels)
  const blocks = tf.reshape(images, [B * grid, P, grid, P * C]);
  // → [B·G, G, P, P·C]: the patch's rows side by side for every column block.
  return tf.reshape(tf.transpose(blocks, [0, 2, 1, 3]), [B * grid * grid, P * P * C]) as tf.Tensor2D;
}

/**
 * A 3 × 3 convolution with zero padding over a grid of vectors x [B, G, G, C]:
 * y[i, j] = b + Σ_{di, dj ∈ {−1, 0, 1}} x[i + di, j + dj] W_{di, dj}, computed as
 * concat of the nine shifted slices → [B·G·G, 9C] times W [9C, K] → [B, G, G, K].
 * W's rows are ordered (di, dj) row-major, then channel.
 */
export function gridConv3x3(x: tf.Tensor4D, W: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor4D {
  const [B, G, , C] = x.shape;
  const padded = tf.pad(x, [
    [0, 0],
    [1, 1],
    [1, 1],
    [0, 0],
  ]);
  const shifted: tf.Tensor4D[] = [];
  for (let di = 0; di < 3; di++)
    for (let dj = 0; dj < 3; dj++) shifted.push(tf.slice(padded, [0, di, dj, 0], [B, G, G, C]));
  const rows = tf.reshape(tf.concat(shifted, 3), [B * G * G, 9 * C]) as tf.Tensor2D;
  return tf.reshape(linear(rows, W, bias), [B, G, G, W.shape[1]]) as tf.Tensor4D;
}

/** Annotation vectors a_j [B, N, D] for images [B, S, S, 3] (call inside tf.tidy). */
export function encodeImages(params: Params, c: ImageEncoderConfig, images: tf.Tensor4D): tf.Tensor3D {
  const B = images.shape[0];
  const G = c.grid;
  const embedded = linear(
    imagePatches(images, G),
    params["img.patch.W"] as tf.Tensor2D,
    params["img.patch.b"] as tf.Tensor1D,
  );
  let x = tf.reshape(c.convLayers === 0 ? embedded : tf.relu(embedded), [B, G, G, -1]) as tf.Tensor4D;
  for (let i = 0; i < c.convLayers; i++) {
    const y = gridConv3x3(x, params[`img.conv${i}.W`] as tf.Tensor2D, params[`img.conv${i}.b`] as tf.Tensor1D);
    x = i === c.convLayers - 1 ? y : tf.relu(y);
  }
  const annotations = tf.reshape(x, [B, G * G, c.features]) as tf.Tensor3D;
  return c.positional ? (tf.add(annotations, params["img.pos"]) as tf.Tensor3D) : annotations;
}
