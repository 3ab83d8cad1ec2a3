/**
 * A toy translation task whose alignments cross and merge, so attention has to jump and fan in:
 * - adjectives move after their noun ("a red cat" → "un kat roj");
 * - the verb moves to the end (subject–object–verb order);
 * - "the" + a unique noun becomes one word ("the sun" → "sol"), like "la Syrie" → "Syria".
 * The lexicon is invented so the model must learn it; it is small enough to learn in minutes.
 */
import type { Random } from "../random.js";

const DETERMINERS: Record<string, string> = { the: "lo", a: "un" };
const NOUNS: Record<string, string> = { cat: "kat", dog: "hun", bird: "pio", fish: "pes", man: "om", girl: "nia" };
/** Nouns that fuse with "the" into one target word. */
const FUSED_NOUNS: Record<string, string> = { sun: "sol", sea: "mar", moon: "luna" };
const ADJECTIVES: Record<string, string> = { big: "gro", red: "roj", old: "vet", small: "pik", happy: "fel" };
const TRANSITIVE: Record<string, string> = { sees: "vid", likes: "ama", eats: "pap" };
const INTRANSITIVE: Record<string, string> = { runs: "kor", sleeps: "dor", sings: "kan" };

const keys = (r: Record<string, string>) => Object.keys(r);
// Own keys only: "constructor" typed by a reader must not match Object.prototype.
const has = (r: Record<string, string>, k: string | undefined) => k !== undefined && Object.hasOwn(r, k);

/**
 * A sentence pair with its word alignment: `alignment[k]` lists the source word indices that
 * target word k translates (two for a fused "the sun" → "sol").
 */
export interface AlignedPair {
  source: string;
  target: string;
  alignment: number[][];
}

interface Phrase {
  source: string[];
  target: string[];
  /** Per target word, the source word indices within the phrase. */
  alignment: number[][];
}

function nounPhrase(rng: Random): Phrase {
  const adjective = rng.next() < 0.5 ? rng.pick(keys(ADJECTIVES)) : undefined;
  const adjSource = adjective ? [adjective] : [];
  // The adjective is source word 1 and comes last in the target.
  const adjTarget = adjective ? [ADJECTIVES[adjective]] : [];
  const adjAlign = adjective ? [[1]] : [];
  const nounAt = adjective ? 2 : 1;
  if (rng.next() < 0.25) {
    const noun = rng.pick(keys(FUSED_NOUNS));
    return {
      source: ["the", ...adjSource, noun],
      target: [FUSED_NOUNS[noun], ...adjTarget],
      alignment: [[0, nounAt], ...adjAlign],
    };
  }
  const det = rng.pick(keys(DETERMINERS));
  const noun = rng.pick(keys(NOUNS));
  return {
    source: [det, ...adjSource, noun],
    target: [DETERMINERS[det], NOUNS[noun], ...adjTarget],
    alignment: [[0], [nounAt], ...adjAlign],
  };
}

const shifted = (alignment: number[][], by: number) => alignment.map((ws) => ws.map((w) => w + by));

/** One random sentence pair from the grammar, S → NP Vi | NP Vt NP, with its word alignment. */
export function translateSentence(rng: Random): AlignedPair {
  const subject = nounPhrase(rng);
  const n = subject.source.length;
  if (rng.next() < 0.35) {
    const verb = rng.pick(keys(INTRANSITIVE));
    return {
      source: [...subject.source, verb].join(" "),
      target: [...subject.target, INTRANSITIVE[verb]].join(" "),
      alignment: [...subject.alignment, [n]],
    };
  }
  const verb = rng.pick(keys(TRANSITIVE));
  const object = nounPhrase(rng);
  return {
    source: [...subject.source, verb, ...object.source].join(" "),
    target: [...subject.target, ...object.target, TRANSITIVE[verb]].join(" "),
    alignment: [...subject.alignment, ...shifted(object.alignment, n + 1), [n]],
  };
}

/**
 * True when the alignment crosses: some later target word translates an earlier source word
 * than a target word before it (a moved adjective or verb). Merges alone do not reorder.
 */
export function reorders(alignment: readonly number[][]): boolean {
  let furthest = -1;
  for (const words of alignment) {
    if (Math.min(...words) < furthest) return true;
    furthest = Math.max(furthest, ...words);
  }
  return false;
}

/** The word alignment of a sentence of the grammar (undefined outside it). */
export function alignSentence(source: string): AlignedPair | undefined {
  const target = translateText(source);
  if (target === undefined) return undefined;
  const words = source.trim().split(/\s+/);
  const alignment: number[][] = [];
  let i = 0;
  const phrase = (): number[][] => {
    const start = i;
    const hasAdjective = has(ADJECTIVES, words[i + 1]);
    const nounAt = hasAdjective ? i + 2 : i + 1;
    const fused = words[start] === "the" && has(FUSED_NOUNS, words[nounAt]);
    i = nounAt + 1;
    return [...(fused ? [[start, nounAt]] : [[start], [nounAt]]), ...(hasAdjective ? [[start + 1]] : [])];
  };
  alignment.push(...phrase());
  const verbAt = i++;
  if (i < words.length) alignment.push(...phrase());
  alignment.push([verbAt]);
  return { source: words.join(" "), target, alignment };
}

/** Target words made from more than one source word, as "the sun → sol". */
export function mergedWords(pair: AlignedPair): string[] {
  const src = pair.source.split(" ");
  const tgt = pair.target.split(" ");
  return pair.alignment.flatMap((ws, k) => (ws.length > 1 ? [`${ws.map((w) => src[w]).join(" ")} → ${tgt[k]}`] : []));
}

/** Translates a sentence of the grammar, or returns undefined if it is not one. */
export function translateText(source: string): string | undefined {
  const words = source.trim().split(/\s+/);
  let i = 0;
  const phrase = (): string[] | undefined => {
    const det = words[i];
    if (!has(DETERMINERS, det)) return undefined;
    i++;
    const adjective = has(ADJECTIVES, words[i]) ? ADJECTIVES[words[i++]] : undefined;
    const noun = words[i++];
    const after = adjective ? [adjective] : [];
    if (det === "the" && has(FUSED_NOUNS, noun)) return [FUSED_NOUNS[noun], ...after];
    if (has(NOUNS, noun)) return [DETERMINERS[det], NOUNS[noun], ...after];
    return undefined;
  };
  const subject = phrase();
  if (!subject) return undefined;
  const verb = words[i++];
  if (has(INTRANSITIVE, verb) && i === words.length) return [...subject, INTRANSITIVE[verb]].join(" ");
  if (!has(TRANSITIVE, verb)) return undefined;
  const object = phrase();
  if (!object || i !== words.length) return undefined;
  return [...subject, ...object, TRANSITIVE[verb]].join(" ");
}

export const TRANSLATE_ALPHABET = [
  ...keys(DETERMINERS),
  ...keys(NOUNS),
  ...keys(FUSED_NOUNS),
  ...keys(ADJECTIVES),
  ...keys(TRANSITIVE),
  ...keys(INTRANSITIVE),
  ...Object.values({ ...DETERMINERS, ...NOUNS, ...FUSED_NOUNS, ...ADJECTIVES, ...TRANSITIVE, ...INTRANSITIVE }),
  " ",
].join("");
