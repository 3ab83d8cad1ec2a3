/**
 * Times real training steps of a given model on the active backend, so the backend can be
 * chosen by measurement (shared/PERFORMANCE.md: on small models wasm often beats WebGL, on
 * a real GPU with larger models WebGL wins; only timing the actual model tells).
 */
import { encodeBatch, makeDataset } from "../tasks/index.js";
import { batchTensors, createSeq2Seq, disposeBatch } from "../model/index.js";
import { modelConfigOf, resolveTrainConfig, type TrainConfig } from "./config.js";
import { trainingStep } from "./step.js";
import { adam } from "./adam.js";

/** Median milliseconds per training step after `warmup` untimed steps (shader compiles, wasm setup). */
export async function msPerTrainingStep(
  partial: Partial<TrainConfig>,
  { warmup = 2, timed = 3 } = {},
): Promise<number> {
  const config = resolveTrainConfig(partial);
  const data = makeDataset({ ...config, testSize: 1 });
  const model = createSeq2Seq(modelConfigOf(config, data.vocab.size));
  const optimizer = adam(config.learningRate);
  const batch = batchTensors(encodeBatch(data.nextBatch(config.batchSize), data.vocab, config));
  try {
    const times: number[] = [];
    for (let i = 0; i < warmup + timed; i++) {
      const t0 = performance.now();
      const loss = trainingStep(model, optimizer, batch, { clipNorm: config.clipNorm, seed: i });
      await loss.data(); // wait for the device: otherwise WebGL would look instant
      loss.dispose();
      if (i >= warmup) times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  } finally {
    disposeBatch(batch);
    optimizer.dispose();
    model.dispose();
  }
}
