/**
 * A trained memory network as a reader: answer a story and question given as text, with the
 * attention of every hop as plain arrays, and save/load its weights as JSON.
 */
import * as tf from "../tf.js";
import {
  MAX_SENTENCE_WORDS,
  PLACES,
  STORY_VOCABULARY,
  StoryInputError,
  answerByRule,
  parseQuestion,
  parseStory,
} from "../tasks/stories.js";
import {
  createMemoryNetwork,
  disposeStoryTensors,
  positionWeights,
  readStory,
  storyTensors,
  type MemoryNetwork,
  type MemoryNetworkConfig,
} from "./memory-network.js";

/** A reader's answer to one story and question: plain data for a picture. */
export interface StoryAnswer {
  /** The story's words, one list per sentence. */
  sentences: string[][];
  question: string[];
  /** The model's answer (the most probable place). */
  answer: string;
  /** â: the probability of every possible answer, aligned with `answers`. */
  probabilities: number[];
  answers: string[];
  /** Attention p_i per hop and sentence, [hops][sentences]; each row sums to 1. */
  attention: number[][];
  /**
   * Each word's exact share of the attention score uᵀm_i, [hops][sentences][words]: the score of
   * sentence i is the sum of its words' entries plus `timeScores[hop][i]`.
   */
  wordScores: number[][][];
  /** The temporal encoding's part of each score, uᵀT_A(i), [hops][sentences] (0 without it). */
  timeScores: number[][];
  /** The task's own answer and supporting sentence when the story follows its grammar ("where is X?"). */
  expected?: string;
  supporting?: number;
}

/**
 * Answers `question` about `story` (sentences end with "." or a new line). Throws
 * OutOfVocabularyWordsError naming unknown words, or StoryInputError for an empty or too long story.
 */
export async function askReader(model: MemoryNetwork, story: string, question: string): Promise<StoryAnswer> {
  const sentences = parseStory(story);
  const q = parseQuestion(question);
  const M = model.config.memorySize;
  if (sentences.length === 0) throw new StoryInputError("The story is empty: write at least one sentence.");
  if (sentences.length > M) {
    throw new StoryInputError(`The story has ${sentences.length} sentences; this reader remembers at most ${M}.`);
  }
  const long = sentences.findIndex((s) => s.length > MAX_SENTENCE_WORDS);
  if (long >= 0) {
    throw new StoryInputError(
      `Sentence ${long + 1} has ${sentences[long].length} words; at most ${MAX_SENTENCE_WORDS}.`,
    );
  }
  if (q.length === 0) throw new StoryInputError('The question is empty: ask, for example, "where is mary?"');
  if (q.length > MAX_SENTENCE_WORDS)
    throw new StoryInputError(`The question has more than ${MAX_SENTENCE_WORDS} words.`);
  const vocab = STORY_VOCABULARY;
  vocab.encode([...sentences.flat(), ...q]); // one error naming every unknown word
  const ids = sentences.map((s) => vocab.encode(s));
  const input = storyTensors([ids], [vocab.encode(q)], model.config);
  try {
    const out = tf.tidy(() => {
      const r = readStory(model, input);
      const E = (k: number) => model.params[`embedding${k}`] as tf.Tensor2D;
      const factors = tf.tensor1d(
        Array.from({ length: model.config.embeddingSize }, (_, k) => (k + 1) / model.config.embeddingSize),
      );
      return {
        probabilities: tf.softmax(r.logits),
        attention: r.attention,
        // Per hop: E u (the a-part of every word's score) and E (k/d ∘ u) (its position part), [V, 1].
        wordParts: r.queries.map((u, h) => [
          tf.matMul(E(h), u, false, true),
          tf.matMul(E(h), tf.mul(u, factors), false, true),
        ]),
        timeParts: r.queries.map((u, h) =>
          model.config.temporal
            ? tf.matMul(model.params[`temporal${h}`], u, false, true)
            : tf.zeros([model.config.memorySize, 1]),
        ),
      };
    });
    const probabilities = Array.from(await out.probabilities.data());
    const attention = await Promise.all(
      out.attention.map(async (a) => Array.from(await a.data()).slice(0, sentences.length)),
    );
    const wordParts = await Promise.all(
      out.wordParts.map((pair) => Promise.all(pair.map(async (t) => Array.from(await t.data())))),
    );
    const timeParts = await Promise.all(out.timeParts.map(async (t) => Array.from(await t.data())));
    tf.dispose([out.probabilities, ...out.attention, ...out.wordParts.flat(), ...out.timeParts]);
    const position = model.config.encoding === "position";
    const wordScores = wordParts.map(([plain, weighted]) =>
      ids.map((s) =>
        s.map((id, j) => {
          const w = position ? positionWeights(j, s.length) : { a: 1, b: 0 };
          return w.a * plain[id] + w.b * weighted[id];
        }),
      ),
    );
    const n = sentences.length;
    const timeScores = timeParts.map((t) => sentences.map((_, i) => t[n - 1 - i]));
    const best = probabilities.indexOf(Math.max(...probabilities));
    const truth = answerByRule(sentences, q);
    return {
      sentences,
      question: q,
      answer: PLACES[best],
      probabilities,
      answers: [...PLACES],
      attention,
      wordScores,
      timeScores,
      ...(truth ? { expected: truth.answer, supporting: truth.supporting } : {}),
    };
  } finally {
    disposeStoryTensors(input);
  }
}

export const STORY_READER_FORMAT = "glimpse-story-reader@1";

export interface StoryReaderCheckpoint {
  format: typeof STORY_READER_FORMAT;
  config: MemoryNetworkConfig;
  /** The word and answer vocabularies the weights were trained with (checked on load). */
  words: string[];
  answers: string[];
  weights: Record<string, { shape: number[]; values: number[] }>;
}

export async function saveStoryReader(model: MemoryNetwork): Promise<StoryReaderCheckpoint> {
  const weights: StoryReaderCheckpoint["weights"] = {};
  for (const [name, v] of Object.entries(model.params))
    weights[name] = { shape: v.shape, values: Array.from(await v.data()) };
  return {
    format: STORY_READER_FORMAT,
    config: { ...model.config },
    words: [...STORY_VOCABULARY.words],
    answers: [...PLACES],
    weights,
  };
}

/** Rebuilds a reader from saveStoryReader's JSON; refuses other formats, vocabularies and shapes by name. */
export function loadStoryReader(saved: StoryReaderCheckpoint): MemoryNetwork {
  const format = (saved as { format?: unknown } | undefined)?.format;
  if (format !== STORY_READER_FORMAT) {
    const found = typeof format === "string" ? `a "${format}" file` : "not a Glimpse model file";
    throw new Error(`This is ${found}, not a story reader (format "${STORY_READER_FORMAT}").`);
  }
  if (saved.words?.join() !== STORY_VOCABULARY.words.join() || saved.answers?.join() !== PLACES.join()) {
    throw new Error("This story reader was trained on other words or answers than this page's stories.");
  }
  const model = createMemoryNetwork(saved.config);
  try {
    for (const [name, v] of Object.entries(model.params)) {
      const w = saved.weights?.[name];
      if (!w) throw new Error(`The model file has no weight "${name}".`);
      if (w.shape.join() !== v.shape.join())
        throw new Error(`Weight "${name}" has shape [${w.shape}] in the file, [${v.shape}] in the model.`);
      if (w.values.length !== v.size || !w.values.every(Number.isFinite))
        throw new Error(`Weight "${name}" has missing or non-finite values.`);
      tf.tidy(() => v.assign(tf.tensor(w.values, v.shape)));
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}
