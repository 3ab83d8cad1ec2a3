// The captioner's settings and defaults, its image encoder's among them, apart from the model
// (captioner.ts, image-encoder.ts) so that pages can read them without loading TensorFlow.js.
import type { AttentionMode } from "./config.js";

export type PositionalKind = "learned" | "coordinates" | "none";
export const POSITIONAL_KINDS: readonly PositionalKind[] = ["learned", "coordinates", "none"];

export interface ImageEncoderConfig {
  /** Width and height of the input image in pixels. */
  imageSize: number;
  /** Cells across the annotation grid (N = grid² annotation vectors); must divide imageSize / patch. */
  grid: number;
  /**
   * Patch side in pixels. Patches smaller than a grid cell are embedded and convolved on the
   * finer grid, then averaged down to `grid`: measured, 8-pixel patches embedded by one matmul
   * learned nothing in 400 steps (a shape lands anywhere in 192 inputs with no weight sharing),
   * 4-pixel ones learned.
   */
  patch: number;
  /** Width of the patch embedding. */
  channels: number;
  /** Width D of each annotation vector a_j. */
  features: number;
  /** 3 × 3 convolutions over the grid after the patch embedding (0 to 3). */
  convLayers: number;
  /**
   * A positional signal added to every annotation vector: "learned" (a free vector per cell),
   * "coordinates" (the cell's centre (x, y) in [−1, 1] through a learned 2 × D map), or "none".
   */
  positional: PositionalKind;
}

export const DEFAULT_IMAGE_ENCODER: ImageEncoderConfig = {
  imageSize: 32,
  grid: 8,
  patch: 4,
  channels: 32,
  features: 32,
  convLayers: 1,
  positional: "coordinates",
};

export interface CaptionModelConfig extends ImageEncoderConfig {
  vocabSize: number;
  embeddingSize: number;
  /** Decoder GRU state size. */
  hiddenSize: number;
  /** Width of the hidden layer inside the additive scorer. */
  attentionSize: number;
  mode: AttentionMode;
  seed: number;
}

export const DEFAULT_CAPTION_MODEL: Omit<CaptionModelConfig, "vocabSize"> = {
  ...DEFAULT_IMAGE_ENCODER,
  embeddingSize: 16,
  hiddenSize: 64,
  attentionSize: 32,
  mode: "soft",
  seed: 1,
};
