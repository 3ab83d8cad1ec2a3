/**
 * An end-to-end memory network (Sukhbaatar, Szlam, Weston & Fergus 2015, "End-To-End Memory
 * Networks", NeurIPS) that reads a story and answers a question about it. Each sentence is one
 * memory slot; the question attends over the slots, one or more times ("hops").
 *
 * One hop k (§2.1, eqs. 1–3):
 *   m_i = Σ_j l_j ∘ A x_ij + T_A(i)        memory (input) vectors      [B, M, d]
 *   c_i = Σ_j l_j ∘ C x_ij + T_C(i)        output vectors              [B, M, d]
 *   p_i = softmax_i(uᵀ m_i)                attention over sentences (1) [B, M]
 *   o   = Σ_i p_i c_i                      what was read          (2) [B, d]
 *   u ← u + o                              next hop's query (§2.2)
 * and the answer â = softmax(W u) over the places                (3) [B, P].
 * u starts as the question's embedding Σ_j l_j ∘ B q_j.
 *
 * Nothing tells the model which sentence is recent or which person is asked about: time reaches
 * it only as T_A(i), T_C(i), learned rows indexed by how many sentences ago i was (§4.1,
 * "temporal encoding"; sentences counted backwards from the question, as in the paper); word
 * order only through the position weights l_j (§4.1, "position encoding", PE):
 *   l_kj = (1 − j/J) − (k/d)(1 − 2j/J)  for word j of J, dimension k of d (both from 1),
 * or l_j = 1 for a plain bag of words (BoW).
 * Weights are tied between adjacent hops (§2.2): A^{k+1} = C^k, T_A^{k+1} = T_C^k, B = A^1, so
 * K hops use K+1 embedding tables. W is its own matrix (the paper ties Wᵀ = C^K).
 *
 * Embeddings are one-hot rows times a matrix (wasm has no gradient for gather). As PE splits into
 * l_kj = a_j + (k/d)·b_j, Σ_j l_j ∘ A x_ij = (Σ_j a_j onehot(x_ij))·A + (k/d) ∘ (Σ_j b_j onehot(x_ij))·A:
 * two weighted bags of one-hot rows per sentence, each one matMul.
 */
import * as tf from "../tf.js";
import { linear } from "./linear.js";
import { oneHotFloat } from "./onehot.js";
import { MASKED_SCORE } from "./attend.js";
import { ParamBuilder, countParameters, disposeParams, type Params } from "./params.js";

export type SentenceEncoding = "bag" | "position";
export const SENTENCE_ENCODINGS: readonly SentenceEncoding[] = ["bag", "position"];

export interface MemoryNetworkConfig {
  vocabSize: number;
  /** Number of possible answers P (the places). */
  answerCount: number;
  /** Memory slots M: the most sentences a story may have. */
  memorySize: number;
  embeddingSize: number;
  /** Hops K (1–3). */
  hops: number;
  encoding: SentenceEncoding;
  /** Learned temporal encoding T_A(i), T_C(i); without it the reader cannot tell old facts from new. */
  temporal: boolean;
  seed: number;
}

export interface MemoryNetwork {
  readonly config: MemoryNetworkConfig;
  readonly params: Params;
  readonly parameterCount: number;
  dispose(): void;
}

/** A padded batch as tensors (built by storyTensors; the caller disposes them). */
export interface StoryTensors {
  /** Σ_j a_j onehot(x_ij) per memory slot, [B·M, V] (padding slots are all zero). */
  bag: tf.Tensor2D;
  /** Σ_j b_j onehot(x_ij) (position encoding only), [B·M, V]. */
  bagPosition?: tf.Tensor2D;
  /** One-hot of "sentences before the question", [B·M, M] (zero rows for padding slots). */
  time: tf.Tensor2D;
  /** 0 for real sentences, MASKED_SCORE for padding slots, [B, M]. */
  maskBias: tf.Tensor2D;
  /** The question's bags, [B, V]. */
  question: tf.Tensor2D;
  questionPosition?: tf.Tensor2D;
  /** Right answers as indices into the answer list, [B] (training and evaluation). */
  answers?: tf.Tensor1D;
}

export interface ReadOut {
  /** Answer logits W u^{K+1}, [B, P]. */
  logits: tf.Tensor2D;
  /** Attention p per hop: K tensors [B, M]; rows sum to 1, padding slots exactly 0. */
  attention: tf.Tensor2D[];
  /** Scores uᵀm_i per hop before the softmax, [B, M] (padding slots hold MASKED_SCORE). */
  scores: tf.Tensor2D[];
  /** The query u^k each hop attends with, K tensors [B, d]. */
  queries: tf.Tensor2D[];
}

export function createMemoryNetwork(config: MemoryNetworkConfig): MemoryNetwork {
  const { vocabSize: V, memorySize: M, embeddingSize: d, answerCount: P, hops } = config;
  if (!Number.isInteger(hops) || hops < 1 || hops > 3) throw new Error(`Hops must be 1, 2 or 3 (got ${hops}).`);
  if (!Number.isInteger(d) || d < 2 || d > 256) throw new Error(`Embedding size must be 2–256 (got ${d}).`);
  const b = new ParamBuilder(config.seed);
  for (let k = 0; k <= hops; k++) b.matrix(`embedding${k}`, V, d);
  if (config.temporal) for (let k = 0; k <= hops; k++) b.matrix(`temporal${k}`, M, d);
  b.matrix("answer", d, P);
  const params = b.params;
  return {
    config: { ...config },
    params,
    parameterCount: countParameters(params),
    dispose: () => disposeParams(params),
  };
}

/** Position-encoding weights a_j, b_j of word j (0-based) in a sentence of J words (see the header). */
export function positionWeights(j: number, J: number): { a: number; b: number } {
  const r = (j + 1) / J;
  return { a: 1 - r, b: 2 * r - 1 };
}

/** The dimension factors k/d, k = 1…d, [d]. */
const dimensionFactors = (d: number) => tf.tensor1d(Array.from({ length: d }, (_, k) => (k + 1) / d));

/** Σ_j l_j ∘ E x_j for every bag row: [N, V] bags → [N, d]. */
function embedBags(bag: tf.Tensor2D, bagPosition: tf.Tensor2D | undefined, table: tf.Tensor2D): tf.Tensor2D {
  const plain = linear(bag, table);
  if (!bagPosition) return plain;
  return tf.add(plain, tf.mul(linear(bagPosition, table), dimensionFactors(table.shape[1]))) as tf.Tensor2D;
}

/** The forward pass, eqs. 1–3 for every hop. Shapes: see StoryTensors and ReadOut. */
export function readStory(model: MemoryNetwork, input: StoryTensors): ReadOut {
  const { params, config } = model;
  const B = input.maskBias.shape[0];
  const M = config.memorySize;
  const d = config.embeddingSize;
  const slots = (k: number): tf.Tensor3D => {
    let e = embedBags(input.bag, input.bagPosition, params[`embedding${k}`] as tf.Tensor2D);
    if (config.temporal) e = tf.add(e, linear(input.time, params[`temporal${k}`] as tf.Tensor2D)) as tf.Tensor2D;
    return tf.reshape(e, [B, M, d]);
  };
  let u = embedBags(input.question, input.questionPosition, params.embedding0 as tf.Tensor2D); // [B, d]
  const attention: tf.Tensor2D[] = [];
  const scores: tf.Tensor2D[] = [];
  const queries: tf.Tensor2D[] = [];
  let m = slots(0);
  for (let k = 1; k <= config.hops; k++) {
    const c = slots(k);
    // uᵀ m_i as a broadcast product and a sum: small batched matMuls are slow and untransposable on wasm.
    const s = tf.add(tf.sum(tf.mul(m, tf.expandDims(u, 1)), 2), input.maskBias) as tf.Tensor2D; // [B, M]
    const p = tf.softmax(s) as tf.Tensor2D; // eq. 1
    const o = tf.sum(tf.mul(c, tf.expandDims(p, 2)), 1) as tf.Tensor2D; // eq. 2, [B, d]
    queries.push(u);
    u = tf.add(u, o) as tf.Tensor2D; // §2.2
    scores.push(s);
    attention.push(p);
    m = c; // adjacent tying: A^{k+1} = C^k
  }
  return { logits: linear(u, params.answer as tf.Tensor2D), attention, scores, queries }; // eq. 3 (before its softmax)
}

/** Mean cross-entropy of the right answers, −(1/B) Σ_b log â_b[y_b]. */
export function answerLoss(logits: tf.Tensor2D, answers: tf.Tensor1D): tf.Scalar {
  const logP = tf.logSoftmax(logits);
  return tf.neg(tf.mean(tf.sum(tf.mul(logP, oneHotFloat(answers, logits.shape[1])), 1))) as tf.Scalar;
}

/** Word-id stories → the padded tensors of StoryTensors. Sentence i of n gets time index n−1−i. */
export function storyTensors(
  stories: readonly (readonly (readonly number[])[])[],
  questions: readonly (readonly number[])[],
  config: Pick<MemoryNetworkConfig, "vocabSize" | "memorySize" | "encoding">,
  answers?: readonly number[],
): StoryTensors {
  const { vocabSize: V, memorySize: M } = config;
  const position = config.encoding === "position";
  const B = stories.length;
  const bag = new Float32Array(B * M * V);
  const bagPosition = new Float32Array(position ? B * M * V : 0);
  const time = new Float32Array(B * M * M);
  const maskBias = new Float32Array(B * M).fill(MASKED_SCORE);
  const question = new Float32Array(B * V);
  const questionPosition = new Float32Array(position ? B * V : 0);
  const addBag = (words: readonly number[], row: number, plain: Float32Array, weighted: Float32Array) => {
    words.forEach((id, j) => {
      const w = position ? positionWeights(j, words.length) : { a: 1, b: 0 };
      plain[row * V + id] += w.a;
      if (position) weighted[row * V + id] += w.b;
    });
  };
  stories.forEach((sentences, b) => {
    if (sentences.length > M) throw new Error(`A story has ${sentences.length} sentences; this reader holds ${M}.`);
    sentences.forEach((words, i) => {
      const slot = b * M + i;
      addBag(words, slot, bag, bagPosition);
      time[slot * M + (sentences.length - 1 - i)] = 1;
      maskBias[slot] = 0;
    });
  });
  questions.forEach((words, b) => addBag(words, b, question, questionPosition));
  return {
    bag: tf.tensor2d(bag, [B * M, V]),
    bagPosition: position ? tf.tensor2d(bagPosition, [B * M, V]) : undefined,
    time: tf.tensor2d(time, [B * M, M]),
    maskBias: tf.tensor2d(maskBias, [B, M]),
    question: tf.tensor2d(question, [B, V]),
    questionPosition: position ? tf.tensor2d(questionPosition, [B, V]) : undefined,
    answers: answers ? tf.tensor1d(answers as number[], "int32") : undefined,
  };
}

export function disposeStoryTensors(t: StoryTensors): void {
  tf.dispose([
    t.bag,
    t.time,
    t.maskBias,
    t.question,
    ...[t.bagPosition, t.questionPosition, t.answers].filter((x) => !!x),
  ] as tf.Tensor[]);
}
