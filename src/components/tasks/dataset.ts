/**
 * Seeded datasets: a fixed held-out test set and an endless training stream that never
 * yields a test source. The same config gives the same examples in Node and in every browser.
 */
import { seededRandom, type Random } from "../random.js";
import { getTask, type Task, type TaskName } from "./tasks.js";
import { makeVocabulary, type Vocabulary } from "./vocabulary.js";

export interface Example {
  source: string;
  target: string;
}

export interface DatasetConfig {
  task: TaskName;
  /** Shortest and longest source, in characters. */
  minLength: number;
  maxLength: number;
  seed: number;
  /** Held-out examples used for every accuracy figure. */
  testSize: number;
}

export const DEFAULT_DATASET: DatasetConfig = {
  task: "reverse-words",
  minLength: 3,
  maxLength: 20,
  seed: 1,
  testSize: 256,
};

export interface Dataset {
  readonly config: DatasetConfig;
  readonly task: Task;
  readonly vocab: Vocabulary;
  readonly test: readonly Example[];
  /** Longest target the task can produce for these sources (decoding runs one step past it, for EOS). */
  readonly maxTargetLength: number;
  /** The next `size` training examples of the seeded stream. */
  nextBatch(size: number): Example[];
}

// How many draws to try for a fresh example before deciding the length range is exhausted.
const MAX_ATTEMPTS = 200;

function drawExample(task: Task, rng: Random, minLength: number, maxLength: number): Example | undefined {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const source = task.randomSource(rng, rng.int(minLength, maxLength));
    if (source.length < minLength || source.length > maxLength) continue;
    const target = task.expected(source);
    if (target !== undefined) return { source, target };
  }
  return undefined;
}

export function validateDatasetConfig(config: DatasetConfig): void {
  const { minLength, maxLength, testSize } = config;
  getTask(config.task);
  if (!Number.isInteger(minLength) || !Number.isInteger(maxLength) || minLength < 1 || maxLength < minLength) {
    throw new Error(`Length range must be whole numbers with 1 ≤ min ≤ max (got ${minLength}–${maxLength}).`);
  }
  if (maxLength > 200) throw new Error(`Inputs longer than 200 characters are not supported (got ${maxLength}).`);
  if (!Number.isInteger(testSize) || testSize < 1) throw new Error(`Test size must be a positive whole number.`);
}

export function makeDataset(partial: Partial<DatasetConfig> = {}): Dataset {
  const config: DatasetConfig = { ...DEFAULT_DATASET, ...partial };
  validateDatasetConfig(config);
  const task = getTask(config.task);
  const vocab = makeVocabulary(task.alphabet);
  // Separate streams for test and training, both derived from the one seed.
  const testRng = seededRandom(config.seed * 7919 + 1);
  const trainRng = seededRandom(config.seed * 7919 + 2);

  const test: Example[] = [];
  const held = new Set<string>();
  for (let i = 0; i < config.testSize * 4 && test.length < config.testSize; i++) {
    const ex = drawExample(task, testRng, config.minLength, config.maxLength);
    if (ex && !held.has(ex.source)) {
      held.add(ex.source);
      test.push(ex);
    }
  }
  if (test.length === 0) {
    throw new Error(`Task "${task.name}" has no inputs of ${config.minLength}–${config.maxLength} characters.`);
  }
  // A tiny length range can have few distinct inputs: keep at least as many for training as for testing.
  if (test.length > 1 && test.length === held.size && test.length < config.testSize) {
    const keep = Math.max(1, Math.floor(test.length / 2));
    for (const ex of test.splice(keep)) held.delete(ex.source);
  }

  const maxTargetLength = Math.max(config.maxLength, ...test.map((e) => e.target.length));
  return {
    config,
    task,
    vocab,
    test,
    maxTargetLength,
    nextBatch(size) {
      const batch: Example[] = [];
      let misses = 0;
      while (batch.length < size) {
        const ex = drawExample(task, trainRng, config.minLength, config.maxLength);
        if (ex && !held.has(ex.source)) batch.push(ex);
        else if (++misses > size * MAX_ATTEMPTS) {
          throw new Error(`Too few distinct inputs of ${config.minLength}–${config.maxLength} characters to train on.`);
        }
      }
      return batch;
    },
  };
}
