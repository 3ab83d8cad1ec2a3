// Sentences the pages say about their models, computed from the snapshots they describe, so a
// regenerated snapshot can never leave a wrong sentence behind. DOM-free: pages render them
// (${lengthContrast(snapshot.comparison)}) and test/unit/truth.test.ts checks docs against them.
import { peakOffsets, type PeakSummary } from "../analysis/alignment.js";
import type { LengthAccuracy, TrainConfig } from "../train/index.js";
import type { PageSnapshot } from "../state/page-snapshot.js";
import type { Translation } from "../model/index.js";
import { alignSentence, mergedWords } from "../tasks/translate.js";
import { thousands } from "../format.js";

const pct = (x: number) => `${Math.round(x * 100)}%`;

export interface LengthFacts {
  shortest: LengthAccuracy;
  longest: LengthAccuracy;
  /** The longest L such that every measured length up to L is 100% right (undefined: not even the shortest). */
  perfectUpTo?: number;
  /** Lengths below 100%. */
  imperfect: LengthAccuracy[];
  /** The worst length (the shortest of equals). */
  worst: LengthAccuracy;
  best: LengthAccuracy;
  /** The shortest L from which every longer length is 0% (undefined if none). */
  zeroFrom?: number;
  /** Lengths with some right answers that come after the first length at 0%. */
  lateSuccesses: LengthAccuracy[];
}

export function lengthFacts(byLength: readonly LengthAccuracy[]): LengthFacts {
  const xs = [...byLength].sort((a, b) => a.length - b.length);
  if (xs.length === 0) throw new Error("no lengths measured");
  let perfectUpTo: number | undefined;
  for (const x of xs) {
    if (x.accuracy < 1) break;
    perfectUpTo = x.length;
  }
  let zeroFrom: number | undefined;
  for (let i = xs.length - 1; i >= 0 && xs[i].accuracy === 0; i--) zeroFrom = xs[i].length;
  const firstZero = xs.find((x) => x.accuracy === 0)?.length;
  return {
    shortest: xs[0],
    longest: xs[xs.length - 1],
    perfectUpTo,
    imperfect: xs.filter((x) => x.accuracy < 1),
    worst: xs.reduce((a, b) => (b.accuracy < a.accuracy ? b : a)),
    best: xs.reduce((a, b) => (b.accuracy > a.accuracy ? b : a)),
    zeroFrom,
    lateSuccesses: firstZero === undefined ? [] : xs.filter((x) => x.length > firstZero && x.accuracy > 0),
  };
}

/** What the by-length chart of the attention page shows, in one sentence, from the snapshot. */
export function lengthContrast(comparison: PageSnapshot["comparison"]): string {
  const a = lengthFacts(comparison.attention);
  const n = lengthFacts(comparison.none);
  const none =
    `Without attention the share falls from ${pct(n.shortest.accuracy)} at ${n.shortest.length} characters` +
    (n.zeroFrom !== undefined
      ? ` to none from ${n.zeroFrom} characters on`
      : ` to ${pct(n.longest.accuracy)} at ${n.longest.length}`) +
    (n.lateSuccesses.length && n.zeroFrom !== undefined && n.lateSuccesses.some((x) => x.length < n.zeroFrom!)
      ? ` (with a few right at ${n.lateSuccesses
          .filter((x) => x.length < n.zeroFrom!)
          .map((x) => x.length)
          .join(", ")})`
      : "") +
    ".";
  const withA =
    a.worst.accuracy >= 0.95
      ? ` With attention every length stays at ${pct(a.worst.accuracy)} or more.`
      : ` With attention it stays between ${pct(a.worst.accuracy)} (at ${a.worst.length} characters) and ${pct(a.best.accuracy)} at every length: ` +
        `length still matters, but far less.`;
  return none + withA;
}

/** The two attention pictures of the attention snapshot, measured (undefined without the one-way field). */
export function encoderLesson(
  s: Pick<PageSnapshot, "probe" | "oneWay">,
): { both: PeakSummary; oneWay: PeakSummary } | undefined {
  if (!s.probe?.weights || !s.oneWay?.probe.weights) return undefined;
  return { both: peakOffsets(s.probe), oneWay: peakOffsets(s.oneWay.probe) };
}

/**
 * "Why does a one-way encoder look one letter late?", told with the snapshot's numbers: the
 * caption under the two pictures side by side.
 */
export function encoderLessonText(s: Pick<PageSnapshot, "probe" | "oneWay">): string {
  const m = encoderLesson(s);
  if (!m) return "";
  const word = (x: PeakSummary) => `${x.onCopied} of ${x.letters}`;
  return (
    `With a bidirectional encoder, the darkest cell is the letter being copied for ${word(m.both)} correct output letters. ` +
    `With a one-way encoder (same data, seed and steps) that is true for only ${word(m.oneWay)}; for ${m.oneWay.oneLate} of ${m.oneWay.letters} the darkest cell is one position to the right. ` +
    `Reading left to right, the one-way encoder's state at the last letter of a word has not yet seen the space that ends the word; ` +
    `the state one step later is the first that holds both that letter and the fact that the word ended there. ` +
    `So the model learned to read every letter from the state just after it. ` +
    `A bidirectional encoder's state at each letter also includes a right-to-left pass, so the letter's own state already says what follows it.`
  );
}

/**
 * "Try your own sentence": a warning when the input is longer than anything the model trained on
 * (undefined when it is within the training range). The model still answers: what happens is the
 * question for the class.
 */
export function longerThanTrained(text: string, config: Pick<TrainConfig, "maxLength">): string | undefined {
  const n = text.length;
  if (n <= config.maxLength) return undefined;
  return (
    `This sentence has ${n} characters; the model never saw an input longer than ${config.maxLength} in training. ` +
    `Its answer below shows what it does beyond what it learned: compare it with the expected answer, and look at the attention near the end.`
  );
}

/** One target word made from several source words ("the sun" → "sol"), and where the model looked writing it. */
export interface MergeFact {
  /** As mergedWords names it: "the sun → sol". */
  merge: string;
  target: string;
  /** The model wrote exactly this word in its place. */
  right: boolean;
  /** Mean attention, over the word's output letters, on each source word that makes it. */
  shares: { word: string; share: number }[];
}

/** Character ranges [start, end) of the space-separated words of `text`. */
function wordSpans(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ word: m[0], start: m.index!, end: m.index! + m[0].length }));
}

/** The merges of a toy-translation probe, measured on the model's attention (empty outside the grammar). */
export function mergeFacts(probe: Translation): MergeFact[] {
  const pair = alignSentence(probe.source);
  const weights = probe.weights;
  if (!pair || !weights) return [];
  const source = wordSpans(probe.source);
  const written = wordSpans(probe.outputTokens.filter((t) => t !== "</s>").join(""));
  const expected = pair.target.split(" ");
  const names = mergedWords(pair);
  return pair.alignment.flatMap((words, k) => {
    if (words.length < 2) return [];
    const out = written[k];
    const rows = out ? weights.slice(out.start, out.end) : [];
    const shares = words.map((w) => {
      const { word, start, end } = source[w];
      const mass = rows.map((row) => row.slice(start, end).reduce((a, b) => a + b, 0));
      return { word, share: mass.length ? mass.reduce((a, b) => a + b, 0) / mass.length : 0 };
    });
    return [{ merge: names.shift()!, target: expected[k], right: out?.word === expected[k], shares }];
  });
}

/** What the toy-translation picture shows, in numbers from its snapshot. */
export function translationLessonText(t: { step: number; exactMatch: number; probe: Translation }): string {
  const pair = alignSentence(t.probe.source);
  const wrote = t.probe.output;
  const head =
    `A model with the same settings, trained for ${thousands(t.step)} steps on the toy translation ` +
    `(${pct(t.exactMatch)} of held-out sentences exactly right), translating “${t.probe.source}”: it wrote “${wrote}”` +
    (pair ? (pair.target === wrote ? ", which is right." : ` where “${pair.target}” is right.`) : ".");
  const merges = mergeFacts(t.probe).map(
    (m) =>
      ` “${m.target}” is one word made from two (${m.merge}): writing its letters the model put on average ` +
      m.shares.map((s) => `${pct(s.share)} of its attention on “${s.word}”`).join(", ") +
      ` and ${pct(1 - m.shares.reduce((a, s) => a + s.share, 0))} elsewhere` +
      (m.right ? "." : ", though it did not write the word right."),
  );
  return head + merges.join("");
}
