/**
 * Analytic FLOPs of one training step (PERFORMANCE.md §5, for a GRU): forward
 *   F = 6·B·H·(E+H)·(S+T)      GRU gates: 3 gates × 2 FLOPs per multiply-add, input and state
 *     + 4·B·T·S·H              attention scores and context (2 batched matmuls)
 *     + 4·B·T·H²               h̃ = tanh(W_c [c; h]) with W_c [2H, H]
 *     + 2·B·T·H·V              output projection
 * and training ≈ 3 × forward (the backward pass costs about twice the forward one).
 * The attention terms are the Luong-dot estimate; they are used for every scorer (additive
 * costs somewhat more) and dropped without attention. An estimate for an efficiency ratio,
 * not an exact count: the point is that it is the same for our model and tf.layers.
 */
export interface FlopSizes {
  embeddingSize: number;
  hiddenSize: number;
  vocabSize: number;
  attention: string;
}

export function trainingFlops(config: FlopSizes, B: number, S: number, T: number): number {
  const { embeddingSize: E, hiddenSize: H, vocabSize: V } = config;
  const recurrent = 6 * B * H * (E + H) * (S + T);
  const attention = config.attention === "none" ? 0 : 4 * B * T * S * H + 4 * B * T * H * H;
  const output = 2 * B * T * H * V;
  return 3 * (recurrent + attention + output);
}

/**
 * The Transformer's training FLOPs, counted the same way (2 per multiply-add, training ≈ 3 ×
 * forward). Per layer, with d = d_model and f = d_ff:
 *   encoder: Q, K, V, O projections 8·B·S·d², scores and weighted sum 4·B·S²·d, FFN 4·B·S·d·f
 *   decoder: self-attention as above over T; encoder–decoder attention 4·B·T·d² (Q, O)
 *            + 4·B·S·d² (K, V) + 4·B·T·S·d; FFN 4·B·T·d·f
 * plus the one-hot embeddings 2·B·(S+T)·V·d and the output layer 2·B·T·d·V.
 */
export function transformerTrainingFlops(
  c: { modelSize: number; layers: number; ffnSize: number; vocabSize: number },
  B: number,
  S: number,
  T: number,
): number {
  const { modelSize: d, ffnSize: f, vocabSize: V, layers: N } = c;
  const selfAttention = (n: number) => 8 * B * n * d * d + 4 * B * n * n * d;
  const ffn = (n: number) => 4 * B * n * d * f;
  const encoder = selfAttention(S) + ffn(S);
  const decoder = selfAttention(T) + 4 * B * T * d * d + 4 * B * S * d * d + 4 * B * T * S * d + ffn(T);
  return 3 * (N * (encoder + decoder) + 2 * B * (S + T) * V * d + 2 * B * T * d * V);
}
