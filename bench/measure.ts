/**
 * The measurements, on whatever tfjs backend is active (Node or a Chromium page run this same
 * module): for each model, warm-up steps, then timed steps (median ms), then one profiled step
 * (kernels launched), plus a reference 512×512 matmul for the efficiency figure.
 */
import * as tf from "../src/components/tf.ts";
import { encodeBatch, makeDataset, type EncodedBatch } from "../src/components/tasks/index.ts";
import { batchTensors, createSeq2Seq, disposeBatch, type BatchTensors } from "../src/components/model/index.ts";
import { DEFAULT_MODEL, type AttentionKind } from "../src/components/model/config.ts";
import { DEFAULT_TRAIN, learnerStep, trainingStep } from "../src/components/train/index.ts";
import {
  createTransformer,
  disposeTransformerBatch,
  transformerBatch,
  transformerLoss,
} from "../src/components/model/transformer/index.ts";
import { DEFAULT_TRANSFORMER_TRAIN } from "../src/components/train/transformer.ts";
import { trainingFlops, transformerTrainingFlops } from "./flops.ts";
import { createLayersSeq2Seq, disposeLayersBatch, layersBatch, layersTrainStep } from "./layers-model.ts";
import type { BackendReport, MeasureSpec, ModelName, ModelRow, TransformerSizes } from "./spec.ts";

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The one batch every model trains on: the first of the seeded reverse-words stream. */
export function benchBatch(spec: MeasureSpec): { batch: EncodedBatch; vocabSize: number } {
  const data = makeDataset({ task: "reverse-words", maxLength: spec.maxLength, seed: 1 });
  return { batch: encodeBatch(data.nextBatch(spec.batchSize), data.vocab), vocabSize: data.vocab.size };
}

/** Reference speed: a 512×512 @ 512×512 matmul (2·512³ FLOPs), each run ending with a read. */
export async function matmulGflops(runs: number, n = 512): Promise<number> {
  const [a, b] = tf.tidy(() => [
    tf.randomUniform([n, n], -1, 1, "float32", 1),
    tf.randomUniform([n, n], -1, 1, "float32", 2),
  ]);
  try {
    const once = async () => {
      const t0 = performance.now();
      const c = tf.matMul(a, b);
      await c.data();
      c.dispose();
      return performance.now() - t0;
    };
    await once(); // compiles shaders / packs weights
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) ms.push(await once());
    return (2 * n ** 3) / (median(ms) / 1000) / 1e9;
  } finally {
    tf.dispose([a, b]);
  }
}

/** A model under test: one call is one full training step returning its (kept) loss. */
interface Trainable {
  step(): tf.Scalar;
  parameters: number;
  dispose(): void;
}

/** Our model, stepped by the trainer's own trainingStep (src/components/train/step.ts). */
function ours(attention: AttentionKind, spec: MeasureSpec, batch: BatchTensors, vocabSize: number): Trainable {
  const model = createSeq2Seq({
    ...DEFAULT_MODEL,
    vocabSize,
    embeddingSize: spec.embeddingSize,
    hiddenSize: spec.hiddenSize,
    attention,
  });
  const optimizer = tf.train.adam(DEFAULT_TRAIN.learningRate);
  let n = 0;
  return {
    step: () => trainingStep(model, optimizer, batch, { clipNorm: DEFAULT_TRAIN.clipNorm, seed: 1 + n++ }),
    parameters: model.parameterCount,
    dispose: () => {
      optimizer.dispose();
      model.dispose();
    },
  };
}

/** The Transformer on the same batch, stepped by the loop's own learnerStep with its trainer's rate and clip. */
function transformer(sizes: TransformerSizes, batch: EncodedBatch, vocabSize: number): Trainable {
  const maxPositions = Math.max(batch.sourceLength, batch.targetLength) + 1;
  const model = createTransformer({
    ...sizes,
    vocabSize,
    positions: "sinusoidal",
    maxPositions,
    seed: 1,
  });
  const tensors = transformerBatch(batch);
  const optimizer = tf.train.adam(DEFAULT_TRANSFORMER_TRAIN.learningRate);
  const learner = { params: model.params, loss: () => ({ loss: transformerLoss(model, tensors) }) };
  return {
    step: () => learnerStep(learner, optimizer, tensors, DEFAULT_TRANSFORMER_TRAIN.clipNorm, 1),
    parameters: model.parameterCount,
    dispose: () => {
      optimizer.dispose();
      model.dispose();
      disposeTransformerBatch(tensors);
    },
  };
}

function layers(attention: "none" | "dot", spec: MeasureSpec, batch: EncodedBatch, vocabSize: number): Trainable {
  const model = createLayersSeq2Seq({
    vocabSize,
    embeddingSize: spec.embeddingSize,
    hiddenSize: spec.hiddenSize,
    sourceLength: batch.sourceLength,
    targetLength: batch.targetLength,
    attention,
  });
  const tensors = layersBatch(batch);
  const optimizer = tf.train.adam(DEFAULT_TRAIN.learningRate);
  return {
    step: () => layersTrainStep(model, tensors, vocabSize, optimizer, DEFAULT_TRAIN.clipNorm),
    parameters: model.countParams(),
    dispose: () => {
      optimizer.dispose();
      model.dispose();
      disposeLayersBatch(tensors);
    },
  };
}

/** Warm-up, timed steps (each ends by reading its loss, so the time includes all queued work), one profiled step. */
async function measureModel(name: ModelName, make: () => Trainable, spec: MeasureSpec): Promise<ModelRow> {
  let model: Trainable | undefined;
  try {
    model = make();
    const timedStep = async () => {
      const t0 = performance.now();
      const loss = model!.step();
      const value = (await loss.data())[0];
      loss.dispose();
      return { ms: performance.now() - t0, value };
    };
    for (let i = 0; i < spec.warmup; i++) await timedStep();
    const samples: number[] = [];
    let finalLoss = NaN;
    for (let i = 0; i < spec.steps; i++) {
      const r = await timedStep();
      samples.push(r.ms);
      finalLoss = r.value;
    }
    // Profiling records every kernel the step launches (forward, backward and Adam) without syncing.
    const profile = await tf.profile(() => model!.step());
    tf.dispose(profile.result);
    return {
      model: name,
      msPerStep: median(samples),
      samples: samples.map((ms) => Math.round(ms * 10) / 10),
      kernelsPerStep: profile.kernels.length,
      parameters: model.parameters,
      finalLoss,
    };
  } catch (e) {
    return { model: name, error: message(e) };
  } finally {
    model?.dispose();
  }
}

export interface StepLoopResult {
  msPerStep: number;
  samples: number[];
  kernelsPerStep: number;
}

/** Our model with one attention kind: `warmup` untimed steps, then `steps` timed ones (for the profiler). */
export async function stepLoop(
  spec: MeasureSpec,
  attention: AttentionKind,
  warmup: number,
  steps: number,
): Promise<StepLoopResult> {
  const { batch, vocabSize } = benchBatch(spec);
  const tensors = batchTensors(batch);
  const model = ours(attention, spec, tensors, vocabSize);
  try {
    const samples: number[] = [];
    for (let i = 0; i < warmup + steps; i++) {
      const t0 = performance.now();
      const loss = model.step();
      await loss.data();
      loss.dispose();
      if (i >= warmup) samples.push(performance.now() - t0);
    }
    const profile = await tf.profile(() => model.step());
    tf.dispose(profile.result);
    return { msPerStep: samples.length ? median(samples) : NaN, samples, kernelsPerStep: profile.kernels.length };
  } finally {
    model.dispose();
    disposeBatch(tensors);
  }
}

/**
 * The first model measured in a fresh process ran up to 2× slow while V8 was still optimising
 * the engine's (and the cpu backend's) JavaScript: step a model nobody reports for ~2 s first.
 */
async function warmUpEngine(make: () => Trainable, minMs = 2000, maxSteps = 20): Promise<void> {
  let model: Trainable | undefined;
  try {
    model = make();
    const t0 = performance.now();
    for (let n = 0; n < maxSteps && (n < 2 || performance.now() - t0 < minMs); n++) {
      const loss = model.step();
      await loss.data();
      loss.dispose();
    }
  } catch {
    // the same failure is reported by the real measurement of this model
  } finally {
    model?.dispose();
  }
}

/** Everything for the active backend. `progress` hears one line per finished model. */
export async function measureBackend(
  spec: MeasureSpec,
  where: BackendReport["where"],
  progress: (line: string) => void = () => {},
): Promise<BackendReport> {
  const backend = tf.getBackend();
  const report: BackendReport = { where, backend, rows: [] };
  const { batch, vocabSize } = benchBatch(spec);
  report.sourceLength = batch.sourceLength;
  report.targetLength = batch.targetLength;
  try {
    report.matmulGflops = await matmulGflops(spec.matmulRuns);
    progress(`${where}/${backend}: 512² matmul ${report.matmulGflops.toFixed(2)} GFLOP/s`);
  } catch (e) {
    progress(`${where}/${backend}: reference matmul failed: ${message(e)}`);
  }
  const tensors = batchTensors(batch);
  const flopsOf = (attention: string) =>
    trainingFlops(
      { embeddingSize: spec.embeddingSize, hiddenSize: spec.hiddenSize, vocabSize, attention },
      spec.batchSize,
      batch.sourceLength,
      batch.targetLength,
    );
  const flopsOfTransformer = (sizes: TransformerSizes) =>
    transformerTrainingFlops({ ...sizes, vocabSize }, spec.batchSize, batch.sourceLength, batch.targetLength);
  const plan: [ModelName, string, () => Trainable][] = [
    ...spec.attentions.map((a): [ModelName, string, () => Trainable] => [
      `ours ${a}`,
      a,
      () => ours(a, spec, tensors, vocabSize),
    ]),
    ["layers none", "none", () => layers("none", spec, batch, vocabSize)],
    ["layers dot", "dot", () => layers("dot", spec, batch, vocabSize)],
  ];
  const sizes = spec.transformer;
  if (sizes) report.transformer = sizes;
  if (sizes) plan.push(["transformer", "transformer", () => transformer(sizes, batch, vocabSize)]);
  try {
    await warmUpEngine(() => ours("none", spec, tensors, vocabSize));
    for (const [name, attention, make] of plan) {
      const row = await measureModel(name, make, spec);
      row.flops = sizes && name === "transformer" ? flopsOfTransformer(sizes) : flopsOf(attention);
      report.rows.push(row);
      progress(
        `${where}/${backend}: ${name}: ` +
          (row.error ? `failed: ${row.error}` : `${row.msPerStep!.toFixed(1)} ms/step, ${row.kernelsPerStep} kernels`),
      );
    }
  } finally {
    disposeBatch(tensors);
  }
  return report;
}
