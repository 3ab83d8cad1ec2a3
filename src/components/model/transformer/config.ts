/**
 * Settings of the small Transformer (Vaswani et al. 2017, "Attention is all you need"): every
 * size a page can show or change, with defaults small enough to train in a browser.
 */
export type PositionKind = "sinusoidal" | "learned" | "none";
export const POSITION_KINDS: readonly PositionKind[] = ["sinusoidal", "learned", "none"];

export interface TransformerConfig {
  vocabSize: number;
  /** d_model: the width of every token vector, embeddings and sub-layer outputs alike. */
  modelSize: number;
  /** h: attention heads per sub-layer; each head works in d_k = d_v = d_model / h (§3.2.2). */
  heads: number;
  /** N: layers in the encoder and, separately, in the decoder. */
  layers: number;
  /** d_ff: the inner width of the position-wise feed-forward network (eq. 2). */
  ffnSize: number;
  /** How a token learns where it is (§3.5): fixed sines and cosines, a learned table, or nothing. */
  positions: PositionKind;
  /** Layer norm after each residual sum ("post", the paper's) or before each sub-layer ("pre"). */
  norm: "post" | "pre";
  /** Longest sequence (source, or target with its start marker) a learned table covers. */
  maxPositions: number;
  seed: number;
}

export const DEFAULT_TRANSFORMER: Omit<TransformerConfig, "vocabSize"> = {
  modelSize: 64,
  heads: 4,
  layers: 2,
  ffnSize: 128,
  positions: "sinusoidal",
  norm: "pre",
  maxPositions: 64,
  seed: 1,
};

/** d_k: the width of one head's queries, keys and values. */
export const headSize = (c: Pick<TransformerConfig, "modelSize" | "heads">) => c.modelSize / c.heads;

export function validateTransformerConfig(c: TransformerConfig): void {
  const whole = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi) {
      throw new Error(`${name} must be a whole number from ${lo} to ${hi} (got ${v}).`);
    }
  };
  whole("vocabSize", c.vocabSize, 4, 1000);
  whole("modelSize", c.modelSize, 2, 512);
  whole("heads", c.heads, 1, 8);
  whole("layers", c.layers, 1, 4);
  whole("ffnSize", c.ffnSize, 1, 2048);
  whole("maxPositions", c.maxPositions, 1, 1000);
  if (c.modelSize % c.heads !== 0) {
    throw new Error(`The model size (${c.modelSize}) must divide evenly into ${c.heads} heads.`);
  }
  if (c.norm !== "post" && c.norm !== "pre") throw new Error(`norm must be "post" or "pre" (got "${c.norm}").`);
  if (!POSITION_KINDS.includes(c.positions)) {
    throw new Error(`Unknown positional encoding "${c.positions}". Choose one of: ${POSITION_KINDS.join(", ")}.`);
  }
}
