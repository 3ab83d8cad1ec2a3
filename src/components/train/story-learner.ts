/**
 * The story reader (a memory network, model/memory-network.ts) on the story task
 * (tasks/stories.ts) as a `Learner`, so the one training loop, worker and client train it.
 * Figures: exactMatch (answer right), attentionCorrectness (mean attention mass on the
 * supporting sentence over held-out questions) beside uniformBaseline (the mass 1/n a reader
 * spreading attention evenly over n sentences would put there).
 */
import * as tf from "../tf.js";
import { makeStoryDataset, MAX_STORY_SENTENCES, questionText, storyText } from "../tasks/stories.js";
import type { StoryDataset, StoryExample } from "../tasks/stories.js";
import {
  answerLoss,
  createMemoryNetwork,
  disposeStoryTensors,
  readStory,
  storyTensors,
  type MemoryNetwork,
  type StoryTensors,
} from "../model/memory-network.js";
import { askReader, saveStoryReader, type StoryAnswer, type StoryReaderCheckpoint } from "../model/story-reader.js";
import { trainLearner, type Evaluation, type Learner, type LearnerSnapshot, type LoopOptions } from "./learner.js";
import type { LengthAccuracy } from "./metrics.js";
import { DEFAULT_STORY_TRAIN, type StoryTrainConfig } from "./story-config.js";

export { DEFAULT_STORY_TRAIN, type StoryTrainConfig } from "./story-config.js";

export function resolveStoryTrainConfig(partial: Partial<StoryTrainConfig> = {}): StoryTrainConfig {
  const c = { ...DEFAULT_STORY_TRAIN, ...partial };
  const whole = (name: keyof StoryTrainConfig, lo: number, hi: number) => {
    const v = c[name] as number;
    if (!Number.isInteger(v) || v < lo || v > hi)
      throw new Error(`${name} must be a whole number from ${lo} to ${hi} (got ${v}).`);
  };
  whole("batchSize", 1, 4096);
  whole("steps", 1, 1_000_000);
  whole("reportEvery", 1, 1_000_000);
  whole("evalEvery", 1, 1_000_000);
  whole("hops", 1, 3);
  whole("embeddingSize", 2, 256);
  whole("maxSentences", 1, MAX_STORY_SENTENCES);
  if (!(c.learningRate > 0 && c.learningRate <= 10))
    throw new Error(`Learning rate must be above 0 and at most 10 (got ${c.learningRate}).`);
  if (!(c.clipNorm > 0)) throw new Error(`clipNorm must be positive (got ${c.clipNorm}).`);
  if (c.encoding !== "bag" && c.encoding !== "position")
    throw new Error(`Encoding must be "bag" or "position" (got "${c.encoding}").`);
  return c;
}

/** Stories as the memory network's tensors (answers included); the caller disposes them. */
export function exampleTensors(
  model: MemoryNetwork,
  data: StoryDataset,
  examples: readonly StoryExample[],
): StoryTensors {
  return storyTensors(
    examples.map((ex) => ex.sentences.map((s) => data.vocab.encode(s))),
    examples.map((ex) => data.vocab.encode(ex.question)),
    model.config,
    examples.map((ex) => data.answers.indexOf(ex.answer)),
  );
}

/** Accuracy and attention figures over held-out examples (plain numbers). */
export async function evaluateReader(model: MemoryNetwork, data: StoryDataset, input: StoryTensors) {
  const out = tf.tidy(() => {
    const r = readStory(model, input);
    return { picks: tf.argMax(r.logits, 1), attention: r.attention };
  });
  const picks = await out.picks.data();
  const attention = await Promise.all(out.attention.map((a) => a.data()));
  tf.dispose([out.picks, ...out.attention]);
  const M = model.config.memorySize;
  const hops = attention.length;
  const onSupport = new Array<number>(hops).fill(0);
  let right = 0;
  let uniform = 0;
  let lastSupports = 0;
  const byLength = new Map<number, { right: number; count: number }>();
  data.test.forEach((ex, b) => {
    const ok = data.answers[picks[b]] === ex.answer;
    if (ok) right++;
    for (let h = 0; h < hops; h++) onSupport[h] += attention[h][b * M + ex.supporting];
    uniform += 1 / ex.sentences.length;
    if (ex.supporting === ex.sentences.length - 1) lastSupports++;
    const bucket = byLength.get(ex.sentences.length) ?? { right: 0, count: 0 };
    bucket.count++;
    if (ok) bucket.right++;
    byLength.set(ex.sentences.length, bucket);
  });
  const n = data.test.length;
  const metrics: Record<string, number> = {
    attentionCorrectness: onSupport[hops - 1] / n,
    uniformBaseline: uniform / n,
    // What a reader that always looks at the last sentence would score: recency alone is not enough.
    lastSentenceBaseline: lastSupports / n,
    chance: 1 / data.answers.length,
  };
  onSupport.forEach((mass, h) => (metrics[`attentionCorrectnessHop${h + 1}`] = mass / n));
  const exactMatchByLength: LengthAccuracy[] = [...byLength.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([length, b]) => ({ length, accuracy: b.right / b.count, count: b.count }));
  // The answer is one word, so token accuracy and exact match are the same figure.
  return { exactMatch: right / n, tokenAccuracy: right / n, exactMatchByLength, metrics };
}

export type StoryLearner = Learner<StoryTensors, StoryAnswer, StoryReaderCheckpoint> & {
  model: MemoryNetwork;
  data: StoryDataset;
  config: StoryTrainConfig;
  /** The reader's answer to any story and question (see askReader for the errors it throws). */
  ask(story: string, question: string): Promise<StoryAnswer>;
};

/** A memory network on the story task as a Learner; a model passed in stays the caller's. */
export function storyLearner(partial: Partial<StoryTrainConfig> = {}, model?: MemoryNetwork): StoryLearner {
  const config = resolveStoryTrainConfig(partial);
  const data = makeStoryDataset(config);
  const own = !model;
  const m =
    model ??
    createMemoryNetwork({
      vocabSize: data.vocab.size,
      answerCount: data.answers.length,
      memorySize: config.maxSentences,
      embeddingSize: config.embeddingSize,
      hops: config.hops,
      encoding: config.encoding,
      temporal: config.temporal,
      seed: config.seed,
    });
  if (m.config.memorySize < config.maxSentences) {
    throw new Error(
      `This reader remembers ${m.config.memorySize} sentences; the stories have up to ${config.maxSentences}.`,
    );
  }
  const test = exampleTensors(m, data, data.test);
  const ask = (story: string, question: string) => askReader(m, story, question);
  return {
    model: m,
    data,
    config,
    ask,
    params: m.params,
    parameterCount: m.parameterCount,
    chanceLoss: Math.log(data.answers.length),
    nextBatch: (size) => exampleTensors(m, data, data.nextBatch(size)),
    loss: (batch) => ({ loss: answerLoss(readStory(m, batch).logits, batch.answers!) }),
    disposeBatch: disposeStoryTensors,
    async evaluate(): Promise<Evaluation<StoryAnswer>> {
      const figures = await evaluateReader(m, data, test);
      let probe: StoryAnswer | undefined;
      try {
        probe = await ask(config.probeStory, config.probeQuestion);
      } catch {
        probe = undefined; // a probe outside the vocabulary just has no picture
      }
      return { ...figures, probe };
    },
    save: () => saveStoryReader(m),
    dispose() {
      disposeStoryTensors(test);
      if (own) m.dispose();
    },
  };
}

export type StorySnapshot = LearnerSnapshot<StoryAnswer, StoryReaderCheckpoint>;

/** Trains a story reader: the shared loop's plain snapshots. */
export async function* trainStoryReader(
  partial: Partial<StoryTrainConfig> = {},
  options: LoopOptions & { model?: MemoryNetwork } = {},
): AsyncGenerator<StorySnapshot> {
  const learner = storyLearner(partial, options.model);
  yield* trainLearner(learner, learner.config, options);
}

/** A held-out example as text, e.g. for a page's "another story" button. */
export const exampleText = (ex: StoryExample) => ({
  story: storyText(ex.sentences),
  question: questionText(ex.question),
});
