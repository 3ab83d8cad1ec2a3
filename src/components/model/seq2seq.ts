/**
 * The encoder–decoder model: parameters and the shared pieces every forward pass uses.
 * Shapes in comments: B batch, S source length, T target length, H hidden, V vocabulary.
 */
import * as tf from "../tf.js";
import { isBahdanau, isLuong, validateModelConfig, type ModelConfig } from "./config.js";
import { gruWeights, type GruWeights } from "./gru.js";
import { countParameters, disposeParams, ParamBuilder, type Params } from "./params.js";
import { linear } from "./linear.js";
import { oneHotFloat } from "./onehot.js";
import { makeScorer, scorerParams, type Scorer } from "./scorers.js";

export interface Seq2Seq {
  readonly config: ModelConfig;
  readonly params: Params;
  readonly encoderForward: GruWeights;
  readonly encoderBackward?: GruWeights;
  readonly decoder: GruWeights;
  readonly scorer?: Scorer;
  readonly parameterCount: number;
  dispose(): void;
}

/**
 * What the decoder, the output layer and the loss read of a model: any encoder that gives
 * states [B, S, keySize] and an initial decoder state (a GRU over characters, a CNN over
 * pixels) can feed the same decoder.
 */
export type DecoderModel = Pick<Seq2Seq, "config" | "params" | "decoder" | "scorer">;

/** Size of one encoder state h_j (both directions together when bidirectional). */
export const keySize = (c: ModelConfig) => c.hiddenSize;
/** Size of the vector the output layer reads at each step. */
export const outputSize = (c: ModelConfig) => (isBahdanau(c.attention) ? c.hiddenSize + keySize(c) : c.hiddenSize);

export function createSeq2Seq(config: ModelConfig): Seq2Seq {
  validateModelConfig(config);
  const { vocabSize: V, embeddingSize: E, hiddenSize: H } = config;
  const b = new ParamBuilder(config.seed);
  b.matrix("embedding", V, E);
  const encoderSize = config.bidirectional ? H / 2 : H;
  const encoderForward = gruWeights(b, "enc.fwd", E, encoderSize);
  const encoderBackward = config.bidirectional ? gruWeights(b, "enc.bwd", E, encoderSize) : undefined;
  const decoder = gruWeights(b, "dec", E, H);
  if (isBahdanau(config.attention)) b.matrix("dec.Wc", keySize(config), 3 * H); // context into the GRU input
  if (isLuong(config.attention)) {
    b.matrix("out.Wc", keySize(config) + H, H); // h̃_t = tanh(W_c [c_t; h_t])  (Luong eq. 5)
    if (config.inputFeeding) b.matrix("dec.Wf", H, 3 * H); // h̃_{t-1} into the GRU input
  }
  if (config.attention !== "none") scorerParams(b, config.attention, H, keySize(config), config.attentionSize);
  b.matrix("out.W", outputSize(config), V);
  b.zeros("out.b", V);
  const params = b.params;
  return {
    config,
    params,
    encoderForward,
    encoderBackward,
    decoder,
    scorer: config.attention === "none" ? undefined : makeScorer(config.attention, params),
    parameterCount: countParameters(params),
    dispose: () => disposeParams(params),
  };
}

/** Character embedding as oneHot · E: unlike gather, it trains on every backend (wasm lacks gather's gradient). */
export function embed(model: DecoderModel, ids: tf.Tensor1D): tf.Tensor2D {
  const oneHot = oneHotFloat(ids, model.config.vocabSize) as tf.Tensor2D;
  return linear(oneHot, model.params.embedding as tf.Tensor2D);
}

/** Logits [rows, V] from output vectors [rows, D]. */
export function outputLogits(model: DecoderModel, outputs: tf.Tensor2D): tf.Tensor2D {
  return linear(outputs, model.params["out.W"] as tf.Tensor2D, model.params["out.b"] as tf.Tensor1D);
}
