/** Greedy decoding and what the pages draw: outputs, attention matrices, context vectors. */
import * as tf from "../tf.js";
import { BOS, EOS, encodeBatch, encodeSource, type SourceOptions, type Vocabulary } from "../tasks/index.js";
import { attentionContext, decoderStep, initialState, projectTargets } from "./decoder.js";
import { encodeSequence, type Encoded } from "./encoder.js";
import { outputLogits, type DecoderModel, type Seq2Seq } from "./seq2seq.js";
import { sourceTensors } from "./tensors.js";

export interface Decoded {
  /** Output ids [B][steps] (read up to the first EOS). */
  ids: number[][];
  /** Attention weights α [B][steps][S] and raw scores e (models with attention only). */
  weights?: number[][][];
  scores?: number[][][];
  /** Hard attention: the one-hot position each step used [B][steps][S]. */
  picks?: number[][][];
}

export interface DecodeOptions {
  withAttention?: boolean;
  /** Hard attention: sample each pick from α (as in training) instead of taking the argmax. */
  samplePicks?: boolean;
  seed?: number;
}

/** The tensors of a greedy decode: ids [B, steps], and [B, steps, S] attention when asked. */
export type GreedyTensors = {
  ids: tf.Tensor2D;
  weights?: tf.Tensor3D;
  scores?: tf.Tensor3D;
  picks?: tf.Tensor3D;
};

/**
 * Greedy decoding from any encoder's states (call inside tf.tidy): at each step feed back the
 * most likely token. `maskBias` [B, 1, S] marks padded states.
 */
export function greedyFromEncoded(
  model: DecoderModel,
  encoded: Encoded,
  maskBias: tf.Tensor3D,
  steps: number,
  { withAttention = false, samplePicks = false, seed = 0 }: DecodeOptions = {},
): GreedyTensors {
  const hard = model.config.mode === "hard";
  const ctx = attentionContext(model, encoded, maskBias);
  let state = initialState(model, encoded);
  let y = tf.fill([encoded.final.shape[0]], BOS, "int32") as tf.Tensor1D;
  const ids: tf.Tensor1D[] = [];
  const weights: tf.Tensor3D[] = [];
  const scores: tf.Tensor3D[] = [];
  const picks: tf.Tensor3D[] = [];
  for (let t = 0; t < steps; t++) {
    const r = decoderStep(model, ctx, projectTargets(model, y), state, { sample: samplePicks, seed }, t);
    state = r.state;
    y = tf.argMax(outputLogits(model, r.output), 1) as tf.Tensor1D;
    ids.push(y);
    if (withAttention && r.attended) {
      weights.push(r.attended.weights);
      scores.push(r.attended.scores);
      if (hard) picks.push(r.attended.used);
    }
  }
  return {
    ids: tf.stack(ids, 1) as tf.Tensor2D,
    weights: weights.length ? tf.concat(weights, 1) : undefined,
    scores: scores.length ? tf.concat(scores, 1) : undefined,
    picks: picks.length ? tf.concat(picks, 1) : undefined,
  };
}

/** Greedy decoding: at each step feed back the most likely character. */
export async function greedyDecode(
  model: Seq2Seq,
  source: number[][],
  steps: number,
  options: DecodeOptions = {},
): Promise<Decoded> {
  const src = sourceTensors(source);
  const out = tf.tidy(() => greedyFromEncoded(model, encodeSequence(model, src), src.maskBias, steps, options));
  const read = async (x?: tf.Tensor) => (x ? ((await x.array()) as number[][][]) : undefined);
  try {
    return {
      ids: (await out.ids.array()) as number[][],
      weights: await read(out.weights),
      scores: await read(out.scores),
      picks: await read(out.picks),
    };
  } finally {
    tf.dispose(
      [out.ids, out.weights, out.scores, out.picks, src.ids, src.mask, src.maskBias].filter((x) => x !== undefined),
    );
  }
}

export interface Translation {
  source: string;
  /** The characters the encoder read (after reversal/doubling), one per attention column. */
  sourceTokens: string[];
  output: string;
  /** One per attention row: the output characters, then "</s>" if the model stopped. */
  outputTokens: string[];
  /** α [outputTokens][sourceTokens], rows sum to 1 (absent without attention). */
  weights?: number[][];
  scores?: number[][];
  /** Hard attention: the one-hot picks [outputTokens][sourceTokens]. */
  picks?: number[][];
}

/** Runs the model on one string; throws OutOfVocabularyError for characters outside the task. */
export async function translate(
  model: Seq2Seq,
  vocab: Vocabulary,
  text: string,
  options: SourceOptions & { maxSteps?: number; samplePicks?: boolean; seed?: number } = {},
): Promise<Translation> {
  const ids = encodeSource(text, vocab, options);
  if (ids.length === 0) throw new Error("Type at least one character.");
  const steps = options.maxSteps ?? text.length + 2;
  const decoded = await greedyDecode(model, [ids], steps, {
    withAttention: true,
    samplePicks: options.samplePicks,
    seed: options.seed,
  });
  const row = decoded.ids[0];
  const output = vocab.decode(row);
  const stopped = row.includes(EOS);
  const rows = Math.min(row.length, [...output].length + (stopped ? 1 : 0));
  return {
    source: text,
    sourceTokens: ids.map((id) => vocab.tokens[id]),
    output,
    outputTokens: [...output, ...(stopped ? ["</s>"] : [])],
    weights: decoded.weights?.[0].slice(0, rows),
    scores: decoded.scores?.[0].slice(0, rows),
    picks: decoded.picks?.[0].slice(0, rows),
  };
}

/** The encoder's final state for each text: the fixed vector the bottleneck model must decode from. */
export async function contextVectors(
  model: Seq2Seq,
  vocab: Vocabulary,
  texts: string[],
  options: SourceOptions = {},
): Promise<number[][]> {
  const batch = encodeBatch(
    texts.map((source) => ({ source, target: "" })),
    vocab,
    options,
  );
  const src = sourceTensors(batch.source);
  const final = tf.tidy(() => encodeSequence(model, src).final);
  try {
    return (await final.array()) as number[][];
  } finally {
    tf.dispose([final, src.ids, src.mask, src.maskBias]);
  }
}
