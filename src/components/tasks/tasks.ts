/** The seeded tasks every page trains on. Each maps a source string to its target string. */
import type { Random } from "../random.js";
import { ENGLISH_WORDS } from "./words.js";
import { TRANSLATE_ALPHABET, translateSentence, translateText } from "./translate.js";

export type TaskName = "reverse-words" | "copy" | "reverse" | "sort" | "translate";
export const TASK_NAMES: readonly TaskName[] = ["reverse-words", "copy", "reverse", "sort", "translate"];

export interface Task {
  readonly name: TaskName;
  readonly title: string;
  /** Every character a source or target may contain. */
  readonly alphabet: string;
  /** A random source of exactly `length` characters (translate: its length is whatever the grammar gives). */
  randomSource(rng: Random, length: number): string;
  /** The correct output for a source, or undefined when the task cannot answer it (translate outside its grammar). */
  expected(source: string): string | undefined;
  /** A good default sentence to draw. */
  readonly probe: string;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const reverseString = (s: string) => [...s].reverse().join("");

/** A word sentence of exactly `length` characters, built from the word list. */
function randomSentence(rng: Random, length: number): string {
  const words: string[] = [];
  let remaining = length;
  while (remaining > 0) {
    const room = words.length === 0 ? remaining : remaining - 1; // a space before every later word
    // Leave either nothing or room for " a" (two characters) after this word.
    const fits = ENGLISH_WORDS.filter((w) => w.length === room || w.length <= room - 2);
    const word = rng.pick(fits);
    words.push(word);
    remaining -= word.length + (words.length > 1 ? 1 : 0);
  }
  return words.join(" ");
}

const randomLetters = (rng: Random, length: number) =>
  Array.from({ length }, () => LETTERS[rng.int(0, LETTERS.length - 1)]).join("");

export const TASKS: Record<TaskName, Task> = {
  "reverse-words": {
    name: "reverse-words",
    title: "Reverse each word",
    alphabet: LETTERS + " ",
    randomSource: randomSentence,
    expected: (s) => s.split(" ").map(reverseString).join(" "),
    probe: "the cat sat on the mat",
  },
  copy: {
    name: "copy",
    title: "Copy",
    alphabet: LETTERS,
    randomSource: randomLetters,
    expected: (s) => s,
    probe: "attention",
  },
  reverse: {
    name: "reverse",
    title: "Reverse the whole sequence",
    alphabet: LETTERS,
    randomSource: randomLetters,
    expected: reverseString,
    probe: "attention",
  },
  sort: {
    name: "sort",
    title: "Sort the characters",
    alphabet: LETTERS,
    randomSource: randomLetters,
    expected: (s) => [...s].sort().join(""),
    probe: "attention",
  },
  translate: {
    name: "translate",
    title: "Toy translation (reordering and merging)",
    alphabet: TRANSLATE_ALPHABET,
    randomSource: (rng) => translateSentence(rng).source,
    expected: translateText,
    probe: "the big dog sees the sun",
  },
};

export function getTask(name: string): Task {
  if (!Object.hasOwn(TASKS, name)) {
    throw new Error(`Unknown task "${name}". Choose one of: ${TASK_NAMES.join(", ")}.`);
  }
  return TASKS[name as TaskName];
}
