/**
 * Self-attention over a trained encoder's states: every position of a sentence scores every
 * other position of the same sentence, softmax(H Hᵀ / √d), as in the Transformer (without its
 * learned query/key projections, which this encoder–decoder model never trained). DOM-free.
 */
import * as tf from "../tf.js";
import { encodeSource, type SourceOptions, type Vocabulary } from "../tasks/index.js";
import { encodeSequence } from "./encoder.js";
import type { Seq2Seq } from "./seq2seq.js";
import { sourceTensors } from "./tensors.js";

export interface SelfAttention {
  /** The characters the encoder read, one per row and one per column. */
  tokens: string[];
  /** α[i][j]: how much position i attends to position j; each row sums to 1. */
  weights: number[][];
  /** The scaled scores h_i · h_j / √d before the softmax. */
  scores: number[][];
}

/** softmax(H Hᵀ / √d) row by row, for states H [n, d] (call inside tf.tidy). */
export function selfAttentionWeights(states: tf.Tensor2D): { weights: tf.Tensor2D; scores: tf.Tensor2D } {
  const d = states.shape[1];
  const scores = tf.div(tf.matMul(states, states, false, true), Math.sqrt(d)) as tf.Tensor2D;
  return { weights: tf.softmax(scores, -1) as tf.Tensor2D, scores };
}

/** The encoder states of `text` attending to themselves. Throws OutOfVocabularyError for foreign characters. */
export async function selfAttention(
  model: Seq2Seq,
  vocab: Vocabulary,
  text: string,
  options: SourceOptions = {},
): Promise<SelfAttention> {
  const ids = encodeSource(text, vocab, options);
  if (ids.length === 0) throw new Error("Type at least one character.");
  const src = sourceTensors([ids]);
  const out = tf.tidy(() => {
    const states = tf.squeeze(encodeSequence(model, src).states, [0]) as tf.Tensor2D;
    return selfAttentionWeights(states);
  });
  try {
    const [weights, scores] = await Promise.all([out.weights.array(), out.scores.array()]);
    return { tokens: ids.map((id) => vocab.tokens[id]), weights, scores };
  } finally {
    tf.dispose([out.weights, out.scores, src.ids, src.mask, src.maskBias]);
  }
}
