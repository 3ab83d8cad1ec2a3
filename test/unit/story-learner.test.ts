import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import { OutOfVocabularyWordsError, StoryInputError } from "../../src/components/tasks/stories.ts";
import { askReader, loadStoryReader, saveStoryReader } from "../../src/components/model/story-reader.ts";
import {
  storyLearner,
  trainStoryReader,
  type StorySnapshot,
  type StoryTrainConfig,
} from "../../src/components/train/story-learner.ts";
import { useNodeBackend } from "../support/node-backend.ts";

before(() => useNodeBackend());

const small: Partial<StoryTrainConfig> = {
  embeddingSize: 8,
  batchSize: 8,
  testSize: 16,
  hops: 2,
  encoding: "position",
};
const STORY = "Mary went to the kitchen. John moved to the garden. Mary travelled to the office.";

async function run(config: Partial<StoryTrainConfig>, options = {}): Promise<StorySnapshot[]> {
  const out: StorySnapshot[] = [];
  for await (const s of trainStoryReader(config, options)) out.push(s);
  return out;
}

test("ask() answers with per-hop attention whose word and time parts add up to the attention scores", async () => {
  const learner = storyLearner(small);
  const a = await learner.ask(STORY, "Where is Mary?");
  assert.deepEqual(a.question, ["where", "is", "mary"]);
  assert.equal(a.sentences.length, 3);
  assert.equal(a.expected, "office");
  assert.equal(a.supporting, 2);
  assert.ok(a.answers.includes(a.answer));
  assert.ok(Math.abs(a.probabilities.reduce((x, y) => x + y) - 1) < 1e-5);
  assert.equal(a.attention.length, 2);
  assert.deepEqual(
    a.wordScores[0].map((s) => s.length),
    [5, 5, 5],
  );
  for (let h = 0; h < 2; h++) {
    // softmax over (Σ words + time) reproduces the attention the model used.
    const scores = a.wordScores[h].map((words, i) => words.reduce((x, y) => x + y) + a.timeScores[h][i]);
    const z = scores.map((s) => Math.exp(s - Math.max(...scores)));
    const p = z.map((x) => x / z.reduce((s, y) => s + y));
    p.forEach((x, i) =>
      assert.ok(Math.abs(x - a.attention[h][i]) < 1e-4, `hop ${h + 1} sentence ${i}: ${x} vs ${a.attention[h][i]}`),
    );
  }
  assert.doesNotThrow(() => JSON.stringify(a));
  learner.dispose();
});

test("ask() names unknown words and explains empty or too long stories", async () => {
  const learner = storyLearner(small);
  await assert.rejects(learner.ask("mary ran to the cellar.", "where is mary?"), (e: unknown) => {
    assert.ok(e instanceof OutOfVocabularyWordsError);
    assert.deepEqual(e.words, ["ran", "cellar"]);
    return true;
  });
  await assert.rejects(learner.ask(STORY, "where is fred?"), /"fred"/);
  await assert.rejects(learner.ask("  ", "where is mary?"), StoryInputError);
  await assert.rejects(learner.ask(STORY.repeat(3), "where is mary?"), /9 sentences; this reader remembers at most 6/);
  await assert.rejects(learner.ask(STORY, "?"), /question is empty/);
  const own = await learner.ask("daniel went to the hallway. sandra moved to the garden.", "where is daniel");
  assert.equal(own.expected, "hallway");
  const offGrammar = await learner.ask("the garden went to mary.", "where is the kitchen");
  assert.equal(offGrammar.expected, undefined, "no ground truth outside the task's grammar, but still an answer");
  learner.dispose();
});

test("a saved reader loads back with the same answers and attention; other files are refused by name", async () => {
  const [last] = (await run({ ...small, steps: 10, evalEvery: 10 }, { exportCheckpoint: true })).slice(-1);
  const saved = JSON.parse(JSON.stringify(last.checkpoint));
  assert.equal(saved.format, "glimpse-story-reader@1");
  const model = loadStoryReader(saved);
  const again = await askReader(
    model,
    "mary went to the kitchen. john moved to the garden. mary travelled to the office.",
    "where is mary?",
  );
  assert.equal(again.answer, last.probe!.answer);
  again.attention.flat().forEach((p, i) => assert.ok(Math.abs(p - last.probe!.attention.flat()[i]) < 1e-6));
  const resaved = await saveStoryReader(model);
  assert.deepEqual(resaved.weights, saved.weights);
  model.dispose();
  assert.throws(
    () => loadStoryReader({ ...saved, format: "glimpse-seq2seq@1" }),
    /a "glimpse-seq2seq@1" file, not a story reader/,
  );
  assert.throws(() => loadStoryReader({} as never), /not a Glimpse model file/);
  assert.throws(() => loadStoryReader({ ...saved, words: ["<pad>", "dog"] }), /other words or answers/);
  const { answer: _, ...missing } = saved.weights;
  assert.throws(() => loadStoryReader({ ...saved, weights: missing }), /no weight "answer"/);
});

test("story training frees every tensor it made, also when stopped early, and the count stays flat", async () => {
  await run({ ...small, steps: 4, evalEvery: 2 }); // warm-up: kernels and backend caches
  const before = tf.memory().numTensors;
  await run({ ...small, steps: 12, evalEvery: 4 });
  assert.equal(tf.memory().numTensors, before, "after a full run");
  const counts: number[] = [];
  for await (const s of trainStoryReader({ ...small, steps: 1000, evalEvery: 5 })) {
    if (s.step >= 10) counts.push(tf.memory().numTensors);
    if (s.step >= 30) break;
  }
  assert.ok(
    counts.every((c) => c === counts[0]),
    `tensor counts: ${counts.join(", ")}`,
  );
  assert.equal(tf.memory().numTensors, before, "after an early stop");
  const learner = storyLearner(small);
  await learner.ask(STORY, "where is john?");
  await assert.rejects(learner.ask("mary ran.", "where is mary?"));
  learner.dispose();
  assert.equal(tf.memory().numTensors, before, "after ask(), answered or refused");
});

test("the same seed trains the same reader; snapshots are plain data with the figures the page shows", async () => {
  const a = await run({ ...small, steps: 20, evalEvery: 10, seed: 4 });
  const b = await run({ ...small, steps: 20, evalEvery: 10, seed: 4 });
  assert.deepEqual(
    a.map((s) => s.loss),
    b.map((s) => s.loss),
  );
  const last = a.at(-1)!;
  assert.equal(last.tokenAccuracy, last.exactMatch);
  for (const k of [
    "attentionCorrectness",
    "uniformBaseline",
    "lastSentenceBaseline",
    "chance",
    "attentionCorrectnessHop2",
  ]) {
    assert.ok(Number.isFinite(last.metrics![k]) && last.metrics![k] >= 0 && last.metrics![k] <= 1, k);
  }
  assert.ok(last.exactMatchByLength.every((b) => b.length >= 2 && b.length <= 6));
  assert.ok(!JSON.stringify(a).includes("dataId"), "no tensor in a snapshot");
});
