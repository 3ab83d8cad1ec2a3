/**
 * Short seeded stories with a question, in the style of bAbI task 1, "single supporting fact"
 * (Weston et al. 2015, "Towards AI-Complete Question Answering"):
 *   "mary went to the kitchen. john moved to the garden. mary travelled to the office. where is mary?" → "office"
 * The person asked about always moved more than once, so an earlier fact about the same person
 * is a distractor: only the most recent one answers. The generator knows the supporting sentence,
 * so a page can measure whether a reader's attention falls on it. DOM-free.
 */
import { seededRandom, type Random } from "../random.js";

/** bAbI task 1's four people and six places. */
export const PEOPLE = ["mary", "john", "sandra", "daniel"] as const;
export const PLACES = ["bathroom", "bedroom", "garden", "hallway", "kitchen", "office"] as const;
/** Movement verbs, each followed by "the <place>". */
export const MOVES = ["went to", "moved to", "travelled to", "journeyed to", "went back to"] as const;
export const QUESTION_WORDS = ["where", "is"] as const;
export const PAD_WORD = "<pad>";

/** One story and its question: words already split, lower case, no punctuation. */
export interface StoryExample {
  sentences: string[][];
  question: string[];
  answer: string;
  /** Index in `sentences` of the most recent fact about the person asked about. */
  supporting: number;
}

export interface StoryTaskConfig {
  /** Fewest and most sentences in a generated story (the reader's memory holds maxSentences). */
  minSentences: number;
  maxSentences: number;
  seed: number;
  /** Held-out examples every accuracy figure is measured on. */
  testSize: number;
}

export const DEFAULT_STORY_TASK: StoryTaskConfig = { minSentences: 2, maxSentences: 6, seed: 1, testSize: 256 };
/** Longest sentence a story may hold, in words ("mary went back to the kitchen" has six). */
export const MAX_SENTENCE_WORDS = 8;
/** Most sentences any reader remembers: the size of its temporal embedding table. */
export const MAX_STORY_SENTENCES = 12;

/** Thrown when a story or question uses words the reader has never seen; names every one of them. */
export class OutOfVocabularyWordsError extends Error {
  constructor(
    readonly words: string[],
    readonly known: readonly string[],
  ) {
    super(
      `Words not in this reader's vocabulary: ${words.map((w) => JSON.stringify(w)).join(", ")}. ` +
        `It knows: ${known.join(", ")}.`,
    );
    this.name = "OutOfVocabularyError";
  }
}

/** Thrown for a story or question the reader cannot take (empty, too long); the message says how to fix it. */
export class StoryInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoryInputError";
  }
}

export interface WordVocabulary {
  /** words[id]; id 0 is padding. */
  readonly words: readonly string[];
  readonly size: number;
  /** Ids of the words; throws OutOfVocabularyWordsError naming every unknown word. */
  encode(words: readonly string[]): number[];
}

export function makeWordVocabulary(words: readonly string[]): WordVocabulary {
  const sorted = [...new Set(words)].filter((w) => w !== PAD_WORD).sort();
  const all = [PAD_WORD, ...sorted];
  const ids = new Map(all.map((w, i) => [w, i]));
  return {
    words: all,
    size: all.length,
    encode(list) {
      const unknown = [...new Set(list.filter((w) => !ids.has(w) || w === PAD_WORD))];
      if (unknown.length > 0) throw new OutOfVocabularyWordsError(unknown, sorted);
      return list.map((w) => ids.get(w)!);
    },
  };
}

/** Every word a story or question of this task can contain. */
export const STORY_VOCABULARY = makeWordVocabulary([
  ...PEOPLE,
  ...PLACES,
  ...MOVES.flatMap((m) => m.split(" ")),
  "the",
  ...QUESTION_WORDS,
]);

const sentenceOf = (person: string, move: string, place: string) => [person, ...move.split(" "), "the", place];

function shuffledPick<T>(rng: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

/**
 * A story of `length` sentences. The supporting sentence sits anywhere but first (anywhere in a
 * one-sentence story); before it the person asked about moves once or twice more (the outdated
 * facts); everyone else moves in between and after. Nobody "moves" to where they already are.
 */
export function generateStory(rng: Random, length: number): StoryExample {
  const target = rng.pick(PEOPLE);
  const supporting = length === 1 ? 0 : rng.int(1, length - 1);
  const earlier = supporting === 0 ? 0 : rng.int(1, Math.min(2, supporting));
  const targetAt = new Set([supporting, ...shuffledPick(rng, [...Array(supporting).keys()], earlier)]);
  const where = new Map<string, string>();
  const sentences: string[][] = [];
  for (let i = 0; i < length; i++) {
    const person = targetAt.has(i) ? target : rng.pick(PEOPLE.filter((p) => p !== target));
    const place = rng.pick(PLACES.filter((p) => p !== where.get(person)));
    where.set(person, place);
    sentences.push(sentenceOf(person, rng.pick(MOVES), place));
  }
  return { sentences, question: ["where", "is", target], answer: where.get(target)!, supporting };
}

/**
 * The answer by the task's own rule (the last sentence that starts with the person and ends in a
 * place), or undefined when the story or question is outside the task's grammar. It checks the
 * generator and labels a reader's own story; the model never sees it.
 */
export function answerByRule(
  sentences: readonly (readonly string[])[],
  question: readonly string[],
): { answer: string; supporting: number } | undefined {
  if (question.length !== 3 || question[0] !== "where" || question[1] !== "is") return undefined;
  const person = question[2];
  const places: readonly string[] = PLACES;
  for (let i = sentences.length - 1; i >= 0; i--) {
    const s = sentences[i];
    if (s[0] === person && places.includes(s[s.length - 1])) return { answer: s[s.length - 1], supporting: i };
  }
  return undefined;
}

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[,;:!"]/g, " ")
    .split(/\s+/)
    .filter((w) => w.length > 0);

/** "Mary went to the kitchen. John moved…" → one word list per sentence (split on full stops and new lines). */
export function parseStory(text: string): string[][] {
  return text
    .split(/[.\n]+/)
    .map(words)
    .filter((s) => s.length > 0);
}

/** "Where is Mary?" → ["where", "is", "mary"]. */
export const parseQuestion = (text: string): string[] => words(text.replace(/\?/g, " "));

export const storyText = (sentences: readonly (readonly string[])[]) =>
  sentences.map((s) => s.join(" ") + ".").join(" ");
export const questionText = (question: readonly string[]) => question.join(" ") + "?";

export function validateStoryTaskConfig(c: StoryTaskConfig): void {
  const { minSentences: lo, maxSentences: hi } = c;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo || hi > MAX_STORY_SENTENCES) {
    throw new Error(
      `Sentences per story must be whole numbers with 1 ≤ min ≤ max ≤ ${MAX_STORY_SENTENCES} (got ${lo}–${hi}).`,
    );
  }
  if (!Number.isInteger(c.testSize) || c.testSize < 1) throw new Error(`Test size must be a positive whole number.`);
}

export interface StoryDataset {
  readonly config: StoryTaskConfig;
  readonly vocab: WordVocabulary;
  /** The answer vocabulary: the places, in a fixed order (output index i is answers[i]). */
  readonly answers: readonly string[];
  readonly test: readonly StoryExample[];
  /** The next `size` training examples; never one of the held-out stories. */
  nextBatch(size: number): StoryExample[];
}

const keyOf = (ex: StoryExample) => storyText(ex.sentences) + questionText(ex.question);

export function makeStoryDataset(partial: Partial<StoryTaskConfig> = {}): StoryDataset {
  const config = { ...DEFAULT_STORY_TASK, ...partial };
  validateStoryTaskConfig(config);
  const testRng = seededRandom(config.seed * 7919 + 11);
  const trainRng = seededRandom(config.seed * 7919 + 12);
  const draw = (rng: Random) => generateStory(rng, rng.int(config.minSentences, config.maxSentences));
  const held = new Set<string>();
  const test: StoryExample[] = [];
  for (let i = 0; i < config.testSize * 4 && test.length < config.testSize; i++) {
    const ex = draw(testRng);
    if (!held.has(keyOf(ex))) {
      held.add(keyOf(ex));
      test.push(ex);
    }
  }
  return {
    config,
    vocab: STORY_VOCABULARY,
    answers: PLACES,
    test,
    nextBatch(size) {
      const out: StoryExample[] = [];
      for (let misses = 0; out.length < size;) {
        const ex = draw(trainRng);
        if (!held.has(keyOf(ex))) out.push(ex);
        else if (++misses > size * 200) throw new Error("Too few distinct stories of this length to train on.");
      }
      return out;
    },
  };
}
