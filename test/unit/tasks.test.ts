import { test } from "node:test";
import assert from "node:assert/strict";
import {
  encodeBatch,
  getTask,
  makeDataset,
  makeVocabulary,
  OutOfVocabularyError,
  PAD,
  BOS,
  EOS,
} from "../../src/components/tasks/index.ts";
import {
  alignSentence,
  mergedWords,
  reorders,
  translateSentence,
  translateText,
} from "../../src/components/tasks/translate.ts";
import { seededRandom } from "../../src/components/random.ts";
import {
  compareBase,
  probeFor,
  softHardRace,
  SOFT_HARD_DEFAULTS,
  scoringRace,
  SCORING_DEFAULTS,
} from "../../src/components/compare/compare-configs.ts";

test("reverse-words reverses each word in place", () => {
  assert.equal(getTask("reverse-words").expected("the cat sat on the mat"), "eht tac tas no eht tam");
});

test("copy, reverse and sort map sources as named", () => {
  assert.equal(getTask("copy").expected("abc"), "abc");
  assert.equal(getTask("reverse").expected("abc"), "cba");
  assert.equal(getTask("sort").expected("cab"), "abc");
});

test("translate moves adjectives after nouns, the verb to the end, and fuses 'the sun'", () => {
  assert.equal(translateText("the big dog sees the sun"), "lo hun gro sol vid");
  assert.equal(translateText("a red cat sleeps"), "un kat roj dor");
  assert.equal(translateText("the cat sat"), undefined);
  assert.equal(translateText("the constructor cat sleeps"), undefined);
});

test("the same seed gives the same data; another seed gives other data", () => {
  const a = makeDataset({ seed: 3 });
  const b = makeDataset({ seed: 3 });
  const c = makeDataset({ seed: 4 });
  assert.deepEqual(a.test, b.test);
  assert.deepEqual(a.nextBatch(16), b.nextBatch(16));
  assert.notDeepEqual(a.test.slice(0, 10), c.test.slice(0, 10));
});

test("sources respect the length range and targets are correct", () => {
  for (const task of ["reverse-words", "copy", "reverse", "sort", "translate"] as const) {
    const data = makeDataset({ task, minLength: 5, maxLength: 30, testSize: 64 });
    for (const ex of [...data.test, ...data.nextBatch(64)]) {
      assert.ok(ex.source.length >= 5 && ex.source.length <= 30, `${task}: ${ex.source}`);
      assert.equal(ex.target, data.task.expected(ex.source));
    }
  }
});

test("test examples never appear in training", () => {
  const data = makeDataset({ minLength: 3, maxLength: 6, testSize: 200 });
  const held = new Set(data.test.map((e) => e.source));
  for (let i = 0; i < 50; i++) for (const ex of data.nextBatch(64)) assert.ok(!held.has(ex.source), ex.source);
});

test("characters outside the vocabulary are rejected with an error naming them", () => {
  const vocab = makeVocabulary("abc ");
  assert.throws(
    () => vocab.encode("ab😀<c<"),
    (e: unknown) => e instanceof OutOfVocabularyError && e.characters.join("") === "😀<" && /"😀", "<"/.test(e.message),
  );
});

test("encodeBatch pads with PAD, starts decoder inputs with BOS and ends outputs with EOS", () => {
  const vocab = makeVocabulary("abc");
  const b = encodeBatch(
    [
      { source: "ab", target: "ba" },
      { source: "c", target: "c" },
    ],
    vocab,
    { doubleSource: true },
  );
  assert.equal(b.sourceLength, 4);
  assert.deepEqual(b.source[1].slice(2), [PAD, PAD]);
  assert.equal(b.targetIn[0][0], BOS);
  assert.equal(b.targetOut[0][2], EOS);
  assert.deepEqual(b.targetOut[1].slice(1), [EOS, PAD]);
  const reversed = encodeBatch([{ source: "abc", target: "abc" }], vocab, { reverseSource: true });
  assert.equal(vocab.decode(reversed.source[0]), "cba");
});

test("bad length ranges get a clear message", () => {
  assert.throws(() => makeDataset({ minLength: 10, maxLength: 5 }), /1 ≤ min ≤ max/);
  assert.throws(() => makeDataset({ task: "nope" as never }), /Unknown task "nope"/);
});

test("the translation generator knows its word alignment, and alignSentence recovers the same one", () => {
  const rng = seededRandom(5);
  for (let i = 0; i < 200; i++) {
    const pair = translateSentence(rng);
    assert.equal(translateText(pair.source), pair.target);
    assert.equal(pair.alignment.length, pair.target.split(" ").length);
    assert.deepEqual(alignSentence(pair.source), pair);
  }
  const probe = alignSentence("the big dog sees the sun");
  assert.deepEqual(probe?.alignment, [[0], [2], [1], [4, 5], [3]]);
  assert.equal(reorders(probe!.alignment), true);
  assert.deepEqual(mergedWords(probe!), ["the sun → sol"]);
  assert.equal(reorders(alignSentence("the sun runs")!.alignment), false, "a merge alone does not reorder");
});

test("the compare pages' toy translation reorders: at least half the held-out sentences cross, and the probe is in the grammar", () => {
  for (const race of [
    scoringRace({ ...SCORING_DEFAULTS, task: "translate" }),
    softHardRace({ ...SOFT_HARD_DEFAULTS, task: "translate" }),
  ]) {
    const data = makeDataset(race.base);
    const pairs = data.test.map((e) => alignSentence(e.source)!);
    const crossing = pairs.filter((p) => reorders(p.alignment)).length;
    assert.ok(data.test.length >= 100, `only ${data.test.length} held-out sentences`);
    assert.ok(crossing >= data.test.length / 2, `${crossing} of ${data.test.length} reorder`);
    assert.ok(
      data.test.some((e) => /sees|likes|eats/.test(e.source)),
      "transitive verbs fit the length limit",
    );
    const probe = alignSentence(race.base.probe ?? "");
    assert.ok(probe, `probe "${race.base.probe}" is a sentence of the grammar`);
    assert.ok(reorders(probe.alignment), "the probe reorders");
    assert.ok(mergedWords(probe).length > 0, "the probe shows a many-to-one merge");
    assert.ok(probe.source.length <= (race.base.maxLength ?? 0));
  }
  assert.equal(compareBase("reverse-words").maxLength, 12);
  assert.equal(probeFor("reverse-words"), "the cat sat");
});
