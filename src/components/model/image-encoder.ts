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
 *   3. a positional signal per cell added to the annotations, so a word can ask for "the shape
 *      to the right of the last one" (the convolutions alone barely know where a cell is).
 * Every layer but the last linear map is followed by a ReLU.
 */
import * as tf from "../tf.js";
import { linear } from "./linear.js";
import type { ParamBuilder, Params } from "./params.js";
import { POSITIONAL_KINDS, type ImageEncoderConfig } from "./captioner-config.js";

export {
  DEFAULT_IMAGE_ENCODER,
  POSITIONAL_KINDS,
  type ImageEncoderConfig,
  type PositionalKind,
} from "./captioner-config.js";

export function validateImageEncoderConfig(c: ImageEncoderConfig): void {
  const whole = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi)
      throw new Error(`${name} must be a whole number from ${lo} to ${hi} (got ${v}).`);
  };
  whole("imageSize", c.imageSize, 4, 256);
  whole("patch", c.patch, 1, c.imageSize);
  if (c.imageSize % c.patch !== 0)
    throw new Error(`The patch (${c.patch}) must divide the image size (${c.imageSize}).`);
  whole("grid", c.grid, 1, fineGrid(c));
  if (fineGrid(c) % c.grid !== 0) {
    throw new Error(`The grid (${c.grid}) must divide the ${fineGrid(c)} patches across the image.`);
  }
  whole("channels", c.channels, 1, 512);
  whole("features", c.features, 1, 512);
  whole("convLayers", c.convLayers, 0, 3);
  if (!POSITIONAL_KINDS.includes(c.positional)) {
    throw new Error(`Unknown positional signal "${c.positional}". Choose one of: ${POSITIONAL_KINDS.join(", ")}.`);
  }
}

/** Patch side P in pixels. */
/** Patches across the image: the grid the embedding and convolutions run on. */
export const fineGrid = (c: Pick<ImageEncoderConfig, "imageSize" | "patch">) => c.imageSize / c.patch;

/** Parameters under "img.": patch embedding, grid convolutions, positional vectors. */
export function imageEncoderParams(b: ParamBuilder, c: ImageEncoderConfig): void {
  validateImageEncoderConfig(c);
  const P = c.patch;
  const last = c.convLayers === 0 ? c.features : c.channels;
  b.matrix("img.patch.W", P * P * 3, last);
  b.zeros("img.patch.b", last);
  for (let i = 0; i < c.convLayers; i++) {
    const out = i === c.convLayers - 1 ? c.features : c.channels;
    b.matrix(`img.conv${i}.W`, 9 * c.channels, out);
    b.zeros(`img.conv${i}.b`, out);
  }
  if (c.positional === "learned") b.matrix("img.pos", c.grid * c.grid, c.features);
  if (c.positional === "coordinates") b.matrix("img.pos", 2, c.features);
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
  const G = fineGrid(c);
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
  const N = c.grid * c.grid;
  const annotations = tf.reshape(averagePool(x, G / c.grid), [B, N, c.features]) as tf.Tensor3D;
  if (c.positional === "none") return annotations;
  const pos = params["img.pos"] as tf.Tensor2D;
  const perCell = c.positional === "learned" ? pos : tf.matMul(tf.tensor2d(cellCoordinates(c.grid), [N, 2]), pos);
  return tf.add(annotations, perCell) as tf.Tensor3D;
}

/** Mean over non-overlapping k × k blocks of x [B, G, G, C] → [B, G/k, G/k, C] (reshape and mean: wasm differentiates both). */
export function averagePool(x: tf.Tensor4D, k: number): tf.Tensor4D {
  if (k === 1) return x;
  const [B, G, , C] = x.shape;
  const g = G / k;
  return tf.mean(tf.reshape(x, [B, g, k, g, k, C]), [2, 4]) as tf.Tensor4D;
}

/** Every cell's centre (x, y), scaled to [−1, 1], row-major: [G·G][2]. */
export function cellCoordinates(grid: number): number[][] {
  const at = (i: number) => (grid === 1 ? 0 : (2 * i) / (grid - 1) - 1);
  return Array.from({ length: grid * grid }, (_, k) => [at(k % grid), at(Math.floor(k / grid))]);
}
