// Sentences the pages say about their models, computed from the snapshots they describe, so a
// regenerated snapshot can never leave a wrong sentence behind. DOM-free: pages render them
// (${lengthContrast(snapshot.comparison)}) and test/unit/truth.test.ts checks docs against them.
import { peakOffsets, type PeakSummary } from "../analysis/alignment.js";
import type { LengthAccuracy, TrainConfig } from "../train/index.js";
import type { PageSnapshot } from "../state/page-snapshot.js";

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
