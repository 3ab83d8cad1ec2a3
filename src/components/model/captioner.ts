/**
 * The captioner of "Show, Attend and Tell" (Xu et al. 2015) in miniature: the convolutional
 * encoder of image-encoder.ts gives a grid of annotation vectors a_j, and the same GRU decoder
 * with additive attention that translates strings (decoder.ts, Bahdanau et al. 2015) writes
 * the caption, looking at the grid cells for each word. Soft attention by default; hard
 * attention (one sampled cell per word, trained with REINFORCE, Xu et al. §4.1) as a switch.
 * Shapes: B batch, S image side, N = grid² cells, D annotation size, T caption steps, H hidden.
 */
import * as tf from "../tf.js";
import type { CaptionBatch } from "../tasks/captions.js";
import { validateModelConfig, type ModelConfig } from "./config.js";
import { decodeTeacherForced } from "./decoder.js";
import type { Encoded } from "./encoder.js";
import { gruWeights } from "./gru.js";
import { encodeImages, imageEncoderParams, validateImageEncoderConfig } from "./image-encoder.js";
import { greedyFromEncoded } from "./inference.js";
import { linear } from "./linear.js";
import { decoderLoss, type LossOptions, type LossResult } from "./loss.js";
import { countParameters, disposeParams, ParamBuilder, type Params } from "./params.js";
import { makeScorer, scorerParams } from "./scorers.js";
import type { DecoderModel } from "./seq2seq.js";
import { assignWeights, weightsToJson, type WeightsJson } from "./weights.js";
import { DEFAULT_CAPTION_MODEL, type CaptionModelConfig } from "./captioner-config.js";

export { DEFAULT_CAPTION_MODEL, type CaptionModelConfig } from "./captioner-config.js";

export interface Captioner extends DecoderModel {
  /** The decoder's view of the model (additive attention over the grid cells). */
  readonly config: ModelConfig;
  readonly captionConfig: CaptionModelConfig;
  readonly params: Params;
  readonly parameterCount: number;
  dispose(): void;
}

export function createCaptioner(c: CaptionModelConfig): Captioner {
  const config: ModelConfig = {
    vocabSize: c.vocabSize,
    embeddingSize: c.embeddingSize,
    hiddenSize: c.hiddenSize,
    attention: "additive",
    attentionSize: c.attentionSize,
    bidirectional: false,
    inputFeeding: false,
    mode: c.mode,
    temperature: 1,
    window: 0,
    seed: c.seed,
  };
  validateModelConfig(config);
  validateImageEncoderConfig(c);
  const { features: D, hiddenSize: H } = c;
  const b = new ParamBuilder(c.seed);
  b.matrix("embedding", c.vocabSize, c.embeddingSize);
  // Xu et al. §3.1.2: the initial state is predicted from the mean annotation vector.
  b.matrix("init.W", D, H);
  b.zeros("init.b", H);
  const decoder = gruWeights(b, "dec", c.embeddingSize, H);
  b.matrix("dec.Wc", D, 3 * H); // the context joins the GRU's input (Bahdanau)
  scorerParams(b, "additive", H, D, c.attentionSize);
  b.matrix("out.W", H + D, c.vocabSize); // the output layer reads [s_t; c_t]
  b.zeros("out.b", c.vocabSize);
  // The encoder's weights come from their own seeded builder, so the decoder starts from the
  // same weights whatever the encoder's settings (a fair comparison of grid sizes).
  const encoder = new ParamBuilder(c.seed + 7919);
  imageEncoderParams(encoder, c);
  const params = { ...b.params, ...encoder.params };
  return {
    config,
    captionConfig: { ...c },
    params,
    decoder,
    scorer: makeScorer("additive", params),
    parameterCount: countParameters(params),
    dispose: () => disposeParams(params),
  };
}

/** Pixels and targets as tensors; the caller disposes them with `disposeCaptionTensors`. */
export interface CaptionTensors {
  /** [B, S, S, 3] */
  images: tf.Tensor4D;
  /** Decoder inputs, time-major [T, B]. */
  targetIn: tf.Tensor2D;
  /** Expected words, batch-major flattened [B * T]. */
  targetOut: tf.Tensor1D;
  /** 1 where targetOut is a word or the end marker [B * T]. */
  targetMask: tf.Tensor1D;
}

export function captionTensors(batch: CaptionBatch): CaptionTensors {
  const { batchSize: B, imageSize: S } = batch;
  const T = batch.targetIn[0].length;
  const timeMajor = Array.from({ length: T }, (_, t) => batch.targetIn.map((row) => row[t]));
  const out = batch.targetOut.flat();
  return {
    images: tf.tensor4d(batch.images, [B, S, S, 3]),
    targetIn: tf.tensor2d(timeMajor, [T, B], "int32"),
    targetOut: tf.tensor1d(out, "int32"),
    targetMask: tf.tensor1d(out.map((id) => (id === 0 ? 0 : 1))),
  };
}

export function disposeCaptionTensors(t: CaptionTensors): void {
  tf.dispose([t.images, t.targetIn, t.targetOut, t.targetMask]);
}

/**
 * The encoder's output in the decoder's terms: the annotation vectors as states [B, N, D] and
 * the initial decoder state s_0 = tanh(W_init · mean_j a_j + b) [B, H]. Call inside tf.tidy.
 */
export function encodeForDecoder(model: Captioner, images: tf.Tensor4D): Encoded {
  const states = encodeImages(model.params, model.captionConfig, images);
  const mean = tf.mean(states, 1) as tf.Tensor2D;
  const final = tf.tanh(linear(mean, model.params["init.W"] as tf.Tensor2D, model.params["init.b"] as tf.Tensor1D));
  return { states, final };
}

/** Every cell is a real position: no padding to mask. [B, 1, N] */
const noMask = (model: Captioner, batchSize: number) =>
  tf.zeros([batchSize, 1, model.captionConfig.grid ** 2]) as tf.Tensor3D;

/** Teacher-forced loss of a batch (call inside tf.variableGrads / tf.tidy). */
export function captionLoss(model: Captioner, batch: CaptionTensors, options: LossOptions): LossResult {
  const B = batch.images.shape[0];
  return decoderLoss(model, encodeForDecoder(model, batch.images), noMask(model, B), batch, options);
}

export interface CaptionDecoded {
  /** Word ids [B][steps] (read up to the first end marker). */
  ids: number[][];
  /** Attention α over the cells at each step [B][steps][N]. */
  weights?: number[][][];
  /** Hard attention: the cell each step used, one-hot [B][steps][N]. */
  picks?: number[][][];
}

/** Greedy captions for images [B, S, S, 3]; with `withAttention`, α for every step. */
export async function decodeCaptions(
  model: Captioner,
  images: tf.Tensor4D,
  steps: number,
  withAttention = false,
): Promise<CaptionDecoded> {
  const out = tf.tidy(() =>
    greedyFromEncoded(model, encodeForDecoder(model, images), noMask(model, images.shape[0]), steps, { withAttention }),
  );
  try {
    return {
      ids: (await out.ids.array()) as number[][],
      weights: out.weights ? ((await out.weights.array()) as number[][][]) : undefined,
      picks: out.picks ? ((await out.picks.array()) as number[][][]) : undefined,
    };
  } finally {
    tf.dispose([out.ids, out.weights, out.scores, out.picks].filter((x) => x !== undefined));
  }
}

/**
 * Attention α [B][T][N] while the decoder is fed the true caption: where the model looks for
 * each word of the right answer, whatever it would have written (for attention correctness).
 * Hard attention reports its distribution α, with the argmax cell as the context.
 */
export async function teacherForcedAttention(model: Captioner, batch: CaptionTensors): Promise<number[][][]> {
  const weights = tf.tidy(() => {
    const B = batch.images.shape[0];
    const run = decodeTeacherForced(model, encodeForDecoder(model, batch.images), noMask(model, B), batch.targetIn, {
      sample: false,
      seed: 0,
    });
    return run.attention!.weights;
  });
  try {
    return (await weights.array()) as number[][][];
  } finally {
    weights.dispose();
  }
}

export const CAPTION_FORMAT = "glimpse-caption@1";

/** A saved captioner: its settings and weights as plain JSON. */
export interface SavedCaptioner {
  format: typeof CAPTION_FORMAT;
  config: CaptionModelConfig;
  weights: WeightsJson;
}

export async function saveCaptioner(model: Captioner): Promise<SavedCaptioner> {
  return { format: CAPTION_FORMAT, config: { ...model.captionConfig }, weights: await weightsToJson(model.params) };
}

/** Builds a captioner from a saved file; a file of another kind is refused with its kind named. */
export function loadCaptioner(saved: SavedCaptioner): Captioner {
  const format = (saved as { format?: unknown } | undefined)?.format;
  if (format !== CAPTION_FORMAT) {
    const what = typeof format === "string" ? `a "${format}" model` : "no Glimpse model (no format field)";
    throw new Error(`This file holds ${what}, not an image captioner ("${CAPTION_FORMAT}").`);
  }
  const model = createCaptioner({ ...DEFAULT_CAPTION_MODEL, ...saved.config });
  try {
    assignWeights(model.params, saved.weights);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}
