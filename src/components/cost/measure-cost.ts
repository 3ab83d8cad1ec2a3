/**
 * Measures, on whatever backend is active, what attention costs as inputs grow: time per
 * training step and per decoded batch for no attention, global attention and local attention,
 * plus the number of attention scores and the memory they take. DOM-free; a page runs it in
 * its Worker, the tests run it in Node.
 */
import * as tf from "../tf.js";
import { encodeBatch, getTask, makeVocabulary } from "../tasks/index.js";
import { trainingStep } from "../train/step.js";
import { batchTensors, createSeq2Seq, disposeBatch, greedyDecode } from "../model/index.js";
import { seededRandom } from "../random.js";
import { attentionScoreCount, DEFAULT_COST, type CostConfig, type CostPoint } from "./cost-variants.js";

export {
  attentionScoreCount,
  COST_VARIANTS,
  DEFAULT_COST,
  type CostConfig,
  type CostPoint,
  type CostVariant,
} from "./cost-variants.js";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(fn: () => Promise<void> | void, repeats: number): Promise<number> {
  await fn(); // warm-up: shader compilation, wasm operator setup
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Yields one point per (variant, length), shortest first, so a chart can grow as it measures. */
export async function* measureCost(partial: Partial<CostConfig> = {}): AsyncGenerator<CostPoint> {
  const config = { ...DEFAULT_COST, ...partial };
  const task = getTask("copy"); // copy keeps output length = input length, so m = n
  const vocab = makeVocabulary(task.alphabet);
  for (const length of config.lengths) {
    const rng = seededRandom(length);
    const examples = Array.from({ length: config.batchSize }, () => {
      const source = task.randomSource(rng, length);
      return { source, target: task.expected(source)! };
    });
    const encoded = encodeBatch(examples, vocab);
    for (const variant of config.variants) {
      const model = createSeq2Seq({
        vocabSize: vocab.size,
        embeddingSize: 16,
        hiddenSize: config.hiddenSize,
        attention: variant.attention,
        attentionSize: config.hiddenSize,
        bidirectional: false,
        inputFeeding: false,
        mode: "soft",
        temperature: 1,
        window: variant.window,
        seed: 1,
      });
      const optimizer = tf.train.adam(1e-3);
      const batch = batchTensors(encoded);
      const step = () => trainingStep(model, optimizer, batch, { clipNorm: 5, seed: 0 });
      try {
        const msPerStep = await timed(async () => {
          const loss = step();
          await loss.data(); // wait for the backend to finish, as a reader's training loop does
          loss.dispose();
        }, config.repeats);
        const profile = await tf.profile(() => {
          step().dispose();
        });
        const msPerDecode = await timed(async () => {
          await greedyDecode(model, encoded.source, length + 1);
        }, config.repeats);
        const m = length + 1; // the characters and the end marker
        const scores = attentionScoreCount(variant, length, m);
        yield {
          variant: variant.name,
          length,
          msPerStep,
          msPerDecode,
          scoresPerSentence: scores,
          attentionBytes: scores * config.batchSize * 4,
          kernelsPerStep: profile.kernels.length,
        };
      } finally {
        disposeBatch(batch);
        optimizer.dispose();
        model.dispose();
      }
    }
  }
}
