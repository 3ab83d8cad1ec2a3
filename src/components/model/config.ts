/** Model configuration: every size and switch a page can show or change, with defaults. */
export type AttentionKind = "none" | "additive" | "dot" | "general" | "concat" | "scaled-dot";
export const ATTENTION_KINDS: readonly AttentionKind[] = ["none", "additive", "dot", "general", "concat", "scaled-dot"];
export type AttentionMode = "soft" | "hard";

export interface ModelConfig {
  vocabSize: number;
  embeddingSize: number;
  /** Decoder state size; a bidirectional encoder uses hiddenSize/2 per direction so states match. */
  hiddenSize: number;
  attention: AttentionKind;
  /** Width of the hidden layer inside additive and concat scorers. */
  attentionSize: number;
  bidirectional: boolean;
  /** Luong input feeding: h̃_{t-1} joins the decoder input (forces step-by-step attention). */
  inputFeeding: boolean;
  mode: AttentionMode;
  /** Soft attention sharpness: α = softmax(e / temperature). 1 is the standard model. */
  temperature: number;
  /** Local attention radius D (Luong's local-m): look at positions t−D … t+D only; 0 = global. */
  window: number;
  seed: number;
}

export const DEFAULT_MODEL: Omit<ModelConfig, "vocabSize"> = {
  embeddingSize: 16,
  hiddenSize: 64,
  attention: "additive",
  attentionSize: 32,
  bidirectional: false,
  inputFeeding: false,
  mode: "soft",
  temperature: 1,
  window: 0,
  seed: 1,
};

/** Bahdanau scores with the previous decoder state and feeds the context into the RNN. */
export const isBahdanau = (kind: AttentionKind) => kind === "additive";
/** Luong scores with the current state and combines context and state into h̃_t after the RNN. */
export const isLuong = (kind: AttentionKind) => kind !== "none" && kind !== "additive";

export function validateModelConfig(c: ModelConfig): void {
  const whole = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi) {
      throw new Error(`${name} must be a whole number from ${lo} to ${hi} (got ${v}).`);
    }
  };
  whole("vocabSize", c.vocabSize, 4, 1000);
  whole("embeddingSize", c.embeddingSize, 1, 512);
  whole("hiddenSize", c.hiddenSize, 2, 1024);
  whole("attentionSize", c.attentionSize, 1, 1024);
  if (!ATTENTION_KINDS.includes(c.attention)) {
    throw new Error(`Unknown attention "${c.attention}". Choose one of: ${ATTENTION_KINDS.join(", ")}.`);
  }
  if (c.bidirectional && c.hiddenSize % 2 !== 0) {
    throw new Error(`A bidirectional encoder needs an even hidden size (got ${c.hiddenSize}).`);
  }
  if (c.mode !== "soft" && c.mode !== "hard") throw new Error(`Attention mode must be "soft" or "hard".`);
  if (c.mode === "hard" && c.attention === "none") throw new Error(`Hard attention needs an attention scorer.`);
  whole("window", c.window, 0, 200);
  if (c.window > 0 && c.attention === "none") throw new Error(`Local attention (a window) needs an attention scorer.`);
  if (!(c.temperature > 0 && c.temperature <= 100)) {
    throw new Error(`Temperature must be above 0 and at most 100 (got ${c.temperature}).`);
  }
}
