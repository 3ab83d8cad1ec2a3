import { test } from "node:test";
import assert from "node:assert/strict";
import {
  MOVES,
  PEOPLE,
  PLACES,
  STORY_VOCABULARY,
  OutOfVocabularyWordsError,
  answerByRule,
  generateStory,
  makeStoryDataset,
  parseQuestion,
  parseStory,
  questionText,
  storyText,
  type StoryExample,
} from "../../src/components/tasks/stories.ts";
import { seededRandom } from "../../src/components/random.ts";

const people: readonly string[] = PEOPLE;
const places: readonly string[] = PLACES;

/** Who moved where in sentence s, read off its words independently of the generator. */
function fact(s: readonly string[]): { person: string; place: string } {
  assert.ok(people.includes(s[0]), `sentence starts with a person: ${s.join(" ")}`);
  assert.equal(s.at(-2), "the");
  assert.ok(places.includes(s.at(-1)!), `sentence ends with a place: ${s.join(" ")}`);
  assert.ok((MOVES as readonly string[]).includes(s.slice(1, -2).join(" ")), `a movement verb: ${s.join(" ")}`);
  return { person: s[0], place: s.at(-1)! };
}

function checkGroundTruth(ex: StoryExample) {
  const facts = ex.sentences.map(fact);
  const person = ex.question[2];
  assert.deepEqual(ex.question.slice(0, 2), ["where", "is"]);
  assert.equal(facts[ex.supporting].person, person, "the supporting sentence is about the person asked about");
  assert.equal(facts[ex.supporting].place, ex.answer, "the answer is the supporting sentence's place");
  for (let i = ex.supporting + 1; i < facts.length; i++) {
    assert.notEqual(facts[i].person, person, "no later sentence about the same person");
  }
  if (ex.sentences.length >= 2) {
    const earlier = facts.slice(0, ex.supporting).filter((f) => f.person === person);
    assert.ok(earlier.length >= 1, "an earlier, outdated fact about the same person is there as a distractor");
    assert.notEqual(earlier.at(-1)!.place, ex.answer, "the distractor names another place");
  }
}

test("every generated story's answer and supporting sentence are the most recent fact about the person asked", () => {
  const rng = seededRandom(3);
  for (let i = 0; i < 2000; i++) {
    const ex = generateStory(rng, rng.int(1, 8));
    checkGroundTruth(ex);
    assert.deepEqual(answerByRule(ex.sentences, ex.question), { answer: ex.answer, supporting: ex.supporting });
  }
});

test("supporting sentences fall at every position, not only the last, and every place is an answer", () => {
  const data = makeStoryDataset({ seed: 5, testSize: 512 });
  const positions = new Set(data.test.map((ex) => ex.sentences.length - 1 - ex.supporting));
  assert.ok(positions.size >= 4, `supporting sentence seen at ${positions.size} distances from the end`);
  const lastShare = data.test.filter((ex) => ex.supporting === ex.sentences.length - 1).length / data.test.length;
  assert.ok(lastShare < 0.5, `the last sentence supports only ${lastShare} of the answers`);
  assert.deepEqual(new Set(data.test.map((ex) => ex.answer)), new Set(PLACES));
});

test("the dataset is fixed by its seed, respects the sentence range, and never trains on a held-out story", () => {
  const a = makeStoryDataset({ seed: 11, minSentences: 3, maxSentences: 5, testSize: 100 });
  const b = makeStoryDataset({ seed: 11, minSentences: 3, maxSentences: 5, testSize: 100 });
  const c = makeStoryDataset({ seed: 12, minSentences: 3, maxSentences: 5, testSize: 100 });
  assert.deepEqual(a.test, b.test);
  assert.deepEqual(a.nextBatch(20), b.nextBatch(20));
  assert.notDeepEqual(a.test, c.test);
  assert.equal(a.test.length, 100);
  const key = (ex: StoryExample) => storyText(ex.sentences) + questionText(ex.question);
  const held = new Set(a.test.map(key));
  for (const ex of a.nextBatch(500)) {
    assert.ok(ex.sentences.length >= 3 && ex.sentences.length <= 5);
    assert.ok(!held.has(key(ex)), "a held-out story in the training stream");
  }
});

test("stories and questions parse from text with capitals and punctuation", () => {
  assert.deepEqual(parseStory("Mary went to the kitchen. John moved to the garden!\nmary travelled to the office"), [
    ["mary", "went", "to", "the", "kitchen"],
    ["john", "moved", "to", "the", "garden"],
    ["mary", "travelled", "to", "the", "office"],
  ]);
  assert.deepEqual(parseQuestion("Where is Mary?"), ["where", "is", "mary"]);
  assert.deepEqual(
    answerByRule(parseStory("mary went to the kitchen. john moved to the garden."), ["where", "is", "mary"]),
    {
      answer: "kitchen",
      supporting: 0,
    },
  );
  assert.equal(answerByRule([["mary", "went", "to", "the", "kitchen"]], ["where", "is", "daniel"]), undefined);
});

test("unknown words are refused with an OutOfVocabularyError naming each of them once", () => {
  assert.deepEqual(STORY_VOCABULARY.encode(["mary", "went"]).length, 2);
  assert.throws(
    () => STORY_VOCABULARY.encode(["mary", "ran", "to", "the", "cellar", "ran"]),
    (e: unknown) =>
      e instanceof OutOfVocabularyWordsError &&
      e.name === "OutOfVocabularyError" &&
      e.words.join() === "ran,cellar" &&
      /"ran", "cellar"/.test(e.message) &&
      /kitchen/.test(e.message),
  );
  assert.throws(() => STORY_VOCABULARY.encode(["<pad>"]), OutOfVocabularyWordsError);
});

test("sentence ranges outside 1–12 are refused with a message", () => {
  assert.throws(() => makeStoryDataset({ minSentences: 0 }), /1 ≤ min ≤ max ≤ 12/);
  assert.throws(() => makeStoryDataset({ minSentences: 4, maxSentences: 3 }), /got 4–3/);
  assert.throws(() => makeStoryDataset({ maxSentences: 13 }), /≤ 12/);
});
