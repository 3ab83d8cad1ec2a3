import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import { STORY_VOCABULARY, PLACES, parseStory } from "../../src/components/tasks/stories.ts";
import {
  answerLoss,
  createMemoryNetwork,
  disposeStoryTensors,
  readStory,
  storyTensors,
  type MemoryNetworkConfig,
} from "../../src/components/model/memory-network.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { assertGradientsMatchFiniteDifferences } from "../support/finite-differences.ts";

before(() => useNodeBackend());

const tiny = (overrides: Partial<MemoryNetworkConfig> = {}) =>
  createMemoryNetwork({
    vocabSize: STORY_VOCABULARY.size,
    answerCount: PLACES.length,
    memorySize: 4,
    embeddingSize: 6,
    hops: 2,
    encoding: "position",
    temporal: true,
    seed: 3,
    ...overrides,
  });

const STORIES = [
  "mary went to the kitchen.",
  "john moved to the garden. mary went back to the office. john travelled to the hallway.",
];
const QUESTIONS = ["where is mary", "where is john"];
const ids = () => STORIES.map((s) => parseStory(s).map((w) => STORY_VOCABULARY.encode(w)));
const qids = () => QUESTIONS.map((q) => STORY_VOCABULARY.encode(q.split(" ")));
const inputFor = (config: MemoryNetworkConfig) => storyTensors(ids(), qids(), config, [4, 3]);

test("readStory gives [B, P] logits and per hop [B, M] attention that sums to 1, exactly 0 on padding slots", () => {
  const model = tiny();
  const input = inputFor(model.config);
  const r = readStory(model, input);
  assert.deepEqual(r.logits.shape, [2, PLACES.length]);
  assert.equal(r.attention.length, 2);
  for (const a of r.attention) {
    assert.deepEqual(a.shape, [2, 4]);
    const rows = a.arraySync();
    rows.forEach((row) => assert.ok(Math.abs(row.reduce((x, y) => x + y) - 1) < 1e-5));
    assert.deepEqual(rows[0].slice(1), [0, 0, 0], "story 1 has one sentence: three padding slots");
    assert.equal(rows[1][3], 0, "story 2 has three sentences: one padding slot");
    assert.ok(rows[1].slice(0, 3).every((p) => p > 0));
  }
  tf.dispose([r.logits, ...r.attention, ...r.scores, ...r.queries]);
  disposeStoryTensors(input);
  model.dispose();
});

test("storyTensors: padding slots and padding words add nothing; time counts sentences back from the question", () => {
  const input = storyTensors(ids(), qids(), { vocabSize: STORY_VOCABULARY.size, memorySize: 4, encoding: "bag" });
  const bag = input.bag.arraySync();
  const rowSums = bag.map((row) => row.reduce((x, y) => x + y));
  assert.deepEqual(rowSums, [5, 0, 0, 0, 5, 6, 5, 0], "a bag counts a sentence's words; padding slots are empty");
  assert.ok(
    bag.every((row) => row[0] === 0),
    "the padding word never enters a bag",
  );
  const time = input.time.arraySync().map((row) => row.indexOf(1));
  assert.deepEqual(time, [0, -1, -1, -1, 2, 1, 0, -1]);
  assert.deepEqual(
    input.maskBias.arraySync().map((r) => r.map((x) => (x === 0 ? 1 : 0))),
    [
      [1, 0, 0, 0],
      [1, 1, 1, 0],
    ],
  );
  disposeStoryTensors(input);
});

test("hop 1 scores equal uᵀm_i built word by word with the paper's l_kj and the temporal row of i's distance from the end", () => {
  const model = tiny({ hops: 1 });
  const input = inputFor(model.config);
  const r = readStory(model, input);
  const scores = r.scores[0].arraySync();
  const E = model.params.embedding0.arraySync() as number[][];
  const T = model.params.temporal0.arraySync() as number[][];
  const d = model.config.embeddingSize;
  // Sukhbaatar et al. 2015, §4.1: l_kj = (1 − j/J) − (k/d)(1 − 2j/J), j and k counted from 1.
  const encode = (words: number[]) =>
    Array.from({ length: d }, (_, k) =>
      words.reduce((sum, id, j) => {
        const J = words.length;
        const l = 1 - (j + 1) / J - ((k + 1) / d) * (1 - (2 * (j + 1)) / J);
        return sum + l * E[id][k];
      }, 0),
    );
  ids().forEach((story, b) => {
    const u = encode(qids()[b]);
    story.forEach((sentence, i) => {
      const m = encode(sentence).map((x, k) => x + T[story.length - 1 - i][k]);
      const expected = m.reduce((s, x, k) => s + x * u[k], 0);
      assert.ok(Math.abs(scores[b][i] - expected) < 1e-4, `story ${b} sentence ${i}: ${scores[b][i]} vs ${expected}`);
    });
  });
  tf.dispose([r.logits, ...r.attention, ...r.scores, ...r.queries]);
  disposeStoryTensors(input);
  model.dispose();
});

const EPS = 5e-3;
const variants: [string, Partial<MemoryNetworkConfig>][] = [
  ["one hop, bag of words, temporal encoding", { hops: 1, encoding: "bag" }],
  ["two hops, position encoding, temporal encoding", { hops: 2, encoding: "position" }],
  ["three hops, bag of words, no temporal encoding", { hops: 3, encoding: "bag", temporal: false }],
];

for (const [name, overrides] of variants) {
  test(`memory network (${name}): every parameter's gradient matches finite differences`, () => {
    const model = tiny(overrides);
    const input = inputFor(model.config);
    const lossOf = () => answerLoss(readStory(model, input).logits, input.answers!);
    assertGradientsMatchFiniteDifferences(model.params, lossOf, { eps: EPS });
    const expectedParams = 2 * (model.config.hops + 1) * (model.config.temporal ? 1 : 0.5) + 1;
    assert.equal(Object.keys(model.params).length, expectedParams);
    disposeStoryTensors(input);
    model.dispose();
  });
}

test("the network refuses a story longer than its memory and hop counts outside 1–3", () => {
  const model = tiny({ memorySize: 2 });
  assert.throws(() => storyTensors([ids()[1]], [qids()[1]], model.config), /3 sentences; this reader holds 2/);
  model.dispose();
  assert.throws(() => tiny({ hops: 4 }), /Hops must be 1, 2 or 3/);
});
