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
