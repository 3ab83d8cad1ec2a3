/**
 * The plain-JSON contract between the bench driver (Node) and wherever the measuring runs
 * (Node itself or a Chromium page): what to measure and what comes back. No imports, so the
 * browser bundle and the Node side agree by construction.
 */
import type { AttentionKind } from "../src/components/model/config.ts";

export interface MeasureSpec {
  batchSize: number;
  hiddenSize: number;
  embeddingSize: number;
  /** Longest reverse-words source; the measured batch is drawn from the seeded stream. */
  maxLength: number;
  /** Our model's attention kinds; the tf.layers model is measured with none and dot. */
  attentions: AttentionKind[];
  /** The Transformer measured beside them on the same batch (false: left out). */
  transformer: TransformerSizes | false;
  warmup: number;
  steps: number;
  /** Runs of the reference 512×512 matmul (median taken). */
  matmulRuns: number;
}

/** The Transformer's sizes: d_model, heads h, layers N (encoder and decoder each), d_ff, and where its norms sit. */
export interface TransformerSizes {
  modelSize: number;
  heads: number;
  layers: number;
  ffnSize: number;
  /** Layer norm after each residual sum or before each sub-layer. */
  norm: "post" | "pre";
}

export type ModelName = `ours ${AttentionKind}` | "layers none" | "layers dot" | "transformer";

export interface ModelRow {
  model: ModelName;
  /** Median over the timed steps, each step ending with a read of its loss. */
  msPerStep?: number;
  /** Every timed step, for the JSON output. */
  samples?: number[];
  kernelsPerStep?: number;
  /** Analytic training FLOPs of one step (bench/flops.ts). */
  flops?: number;
  parameters?: number;
  /** The loss after the last step: a finite number shows the step really trained. */
  finalLoss?: number;
  error?: string;
}

export interface BackendReport {
  where: "node" | "chromium";
  backend: string;
  /** Set when the backend did not initialise or the reference matmul failed: no rows then. */
  error?: string;
  /** Shapes of the measured batch: source length S and target length T (with EOS). */
  sourceLength?: number;
  targetLength?: number;
  /** Reference dense matmul speed in this process/page on this backend. */
  matmulGflops?: number;
  /** The Transformer's sizes when it was measured. */
  transformer?: TransformerSizes;
  /** Backend details worth a footnote (wasm SIMD/threads, WebGL version, renderer). */
  details?: Record<string, string | number | boolean>;
  rows: ModelRow[];
}

export interface TimeTo99Spec {
  maxLength: number;
  stepCap: number;
  secondsCap: number;
  target: number;
  evalEvery: number;
}

export interface TimeTo99Result {
  where: "node" | "chromium";
  backend: string;
  attention: string;
  /** True when exact match reached the target before a cap. */
  reached: boolean;
  /** Why the run ended: "reached", "step cap", "time cap", "diverged", or an error. */
  stop: string;
  /** Step of the last evaluation and its exact match. */
  step: number;
  exactMatch: number;
  tokenAccuracy: number;
  /** The best exact match of any evaluation, and its step. */
  best: { exactMatch: number; step: number };
  /** Wall time including evaluations, and training time only (from the trainer's own clock). */
  seconds: number;
  trainSeconds: number;
  error?: string;
}
