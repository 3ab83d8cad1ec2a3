/**
 * Greedy decoding, and what a page draws for one sentence: every head's attention matrix in
 * every layer: encoder self-attention, decoder masked self-attention, encoder–decoder attention.
 * Training computes all target positions at once; decoding still runs one step per output
 * character, each step attending to the decoder's inputs so far (kept per layer).
 */
import * as tf from "../../tf.js";
import { BOS, EOS, encodeSource, type SourceOptions, type Vocabulary } from "../../tasks/index.js";
import { sourceBatch } from "./batch.js";
import { positionalEncoding } from "./positions.js";
import { decode, decodeStep, encode, outputLogits, type Transformer } from "./model.js";

/** Greedy outputs [B][steps] (read up to the first EOS) for padded sources [B][S]. */
export async function greedyDecodeTransformer(
  model: Transformer,
  source: number[][],
  steps: number,
): Promise<number[][]> {
  const src = sourceBatch(source);
  const B = source.length;
  const ids = tf.tidy(() => {
    const encoded = encode(model, src.sourceIds, src.sourceMaskBias);
    const seen: (tf.Tensor3D | undefined)[] = [];
    let y = tf.fill([B, 1], BOS, "int32") as tf.Tensor2D;
    const outputs: tf.Tensor2D[] = [];
    for (let t = 0; t < steps; t++) {
      const state = decodeStep(model, y, t, seen, encoded, src.sourceMaskBias); // [B, 1, d]
      y = tf.reshape(tf.argMax(outputLogits(model, state), 1), [B, 1]) as tf.Tensor2D;
      outputs.push(y);
    }
    return tf.concat(outputs, 1);
  });
  try {
    return (await ids.array()) as number[][];
  } finally {
    tf.dispose([ids, src.sourceIds, src.sourceMaskBias]);
  }
}

/** Attention weights as plain arrays, [layer][head][query][key]. */
export type HeadMaps = number[][][][];

export interface TransformerAttention {
  /** Encoder self-attention [layer][head][S][S]. */
  encoder: HeadMaps;
  /** Decoder masked self-attention [layer][head][T][T]: zero above the diagonal. */
  decoder: HeadMaps;
  /** Encoder–decoder attention [layer][head][T][S]. */
  cross: HeadMaps;
}

export interface TransformerTranslation {
  source: string;
  /** The characters the encoder read: the keys of `encoder` and `cross`. */
  sourceTokens: string[];
  output: string;
  /** One per decoder row: the output characters, then "</s>" if the model stopped. */
  outputTokens: string[];
  /** What the decoder read at each row: "<s>", then the outputs before it (the keys of `decoder`). */
  decoderTokens: string[];
  attention: TransformerAttention;
}

/**
 * Runs the model on one string; throws OutOfVocabularyError for characters outside the task.
 * The maps come from one teacher-forced pass over the greedy output: with the causal mask, row t
 * is exactly what the decoder computed when it chose output t.
 */
export async function translateTransformer(
  model: Transformer,
  vocab: Vocabulary,
  text: string,
  options: SourceOptions & { maxSteps?: number } = {},
): Promise<TransformerTranslation> {
  const ids = encodeSource(text, vocab, options);
  if (ids.length === 0) throw new Error("Type at least one character.");
  const row = (await greedyDecodeTransformer(model, [ids], options.maxSteps ?? text.length + 2))[0];
  const output = vocab.decode(row);
  // One map row per decoder step up to the first end marker, whatever the step produced (an
  // untrained model may emit reserved tokens, which `output` skips).
  const eos = row.indexOf(EOS);
  const rows = eos >= 0 ? eos + 1 : row.length;
  const decoderIn = [BOS, ...row.slice(0, rows - 1)];
  const src = sourceBatch([ids]);
  let maps: tf.Tensor[] = [];
  try {
    maps = tf.tidy(() => {
      const encoded = encode(model, src.sourceIds, src.sourceMaskBias);
      const decoded = decode(model, tf.tensor2d([decoderIn], [1, rows], "int32"), encoded, src.sourceMaskBias);
      const first = (ws: tf.Tensor4D[]) => tf.stack(ws.map((w) => tf.squeeze(w, [0]))); // [layers, h, Tq, Tk]
      return [first(encoded.selfWeights), first(decoded.selfWeights), first(decoded.crossWeights)];
    });
    const [encoder, decoder, cross] = (await Promise.all(maps.map((m) => m.array()))) as HeadMaps[];
    return {
      source: text,
      sourceTokens: ids.map((id) => vocab.tokens[id]),
      output,
      outputTokens: row.slice(0, rows).map((id) => (id === EOS ? "</s>" : vocab.tokens[id])),
      decoderTokens: decoderIn.map((id) => vocab.tokens[id]),
      attention: { encoder, decoder, cross },
    };
  } finally {
    tf.dispose([...maps, src.sourceIds, src.sourceMaskBias]);
  }
}

/** What the model adds at positions 0 … length−1 [length][d], for the picture of the encodings (none: undefined). */
export async function positionEncodings(model: Transformer, length: number): Promise<number[][] | undefined> {
  const { positions, modelSize } = model.config;
  const table = tf.tidy(() =>
    positionalEncoding(positions, length, modelSize, model.params.positions as tf.Tensor2D | undefined),
  );
  if (!table) return undefined;
  try {
    return (await table.array()) as number[][];
  } finally {
    table.dispose();
  }
}
