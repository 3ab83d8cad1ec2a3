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

function nounPhrase(rng: Random): { source: string[]; target: string[] } {
  const adjective = rng.next() < 0.5 ? rng.pick(keys(ADJECTIVES)) : undefined;
  const adjTarget = adjective ? [ADJECTIVES[adjective]] : [];
  const adjSource = adjective ? [adjective] : [];
  if (rng.next() < 0.25) {
    const noun = rng.pick(keys(FUSED_NOUNS));
    return { source: ["the", ...adjSource, noun], target: [FUSED_NOUNS[noun], ...adjTarget] };
  }
  const det = rng.pick(keys(DETERMINERS));
  const noun = rng.pick(keys(NOUNS));
  return { source: [det, ...adjSource, noun], target: [DETERMINERS[det], NOUNS[noun], ...adjTarget] };
}

/** One random sentence pair from the grammar: S → NP Vi | NP Vt NP. */
export function translateSentence(rng: Random): { source: string; target: string } {
  const subject = nounPhrase(rng);
  if (rng.next() < 0.35) {
    const verb = rng.pick(keys(INTRANSITIVE));
    return {
      source: [...subject.source, verb].join(" "),
      target: [...subject.target, INTRANSITIVE[verb]].join(" "),
    };
  }
  const verb = rng.pick(keys(TRANSITIVE));
  const object = nounPhrase(rng);
  return {
    source: [...subject.source, verb, ...object.source].join(" "),
    target: [...subject.target, ...object.target, TRANSITIVE[verb]].join(" "),
  };
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
  ...keys(DETERMINERS), ...keys(NOUNS), ...keys(FUSED_NOUNS), ...keys(ADJECTIVES), ...keys(TRANSITIVE), ...keys(INTRANSITIVE),
  ...Object.values({ ...DETERMINERS, ...NOUNS, ...FUSED_NOUNS, ...ADJECTIVES, ...TRANSITIVE, ...INTRANSITIVE }),
  " ",
].join("");
