// Checks a reader's own sentence before it reaches the model: every problem becomes a message
// to show, never an exception on the page.
import { OutOfVocabularyError, getTask, makeVocabulary, type TaskName } from "../tasks/index.js";

export const MAX_SENTENCE = 60;

export type SentenceCheck = { ok: true; text: string; expected?: string } | { ok: false; message: string };

export function checkSentence(raw: string, task: TaskName, maxChars = MAX_SENTENCE): SentenceCheck {
  const text = raw.trim().replace(/\s+/g, " ");
  if (text === "") return { ok: false, message: "Type a sentence to see what the model makes of it." };
  const length = [...text].length;
  if (length > maxChars) {
    return {
      ok: false,
      message: `That is ${length} characters; the model here reads at most ${maxChars}. Try a shorter sentence.`,
    };
  }
  const t = getTask(task);
  try {
    makeVocabulary(t.alphabet).encode(text);
  } catch (e) {
    if (e instanceof OutOfVocabularyError) return { ok: false, message: e.message };
    throw e;
  }
  return { ok: true, text, expected: t.expected(text) };
}
