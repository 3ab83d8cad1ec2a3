/** Character vocabularies with three reserved tokens shared by every task. */
export const PAD = 0;
export const BOS = 1;
export const EOS = 2;
const RESERVED = ["<pad>", "<s>", "</s>"];

export interface Vocabulary {
  /** tokens[id] is the character for id (ids 0–2 are PAD, BOS, EOS). */
  readonly tokens: readonly string[];
  readonly size: number;
  has(char: string): boolean;
  /** Character ids, without BOS/EOS. Throws an OutOfVocabularyError naming every unknown character. */
  encode(text: string): number[];
  /** Text for ids, stopping at EOS and skipping PAD/BOS. */
  decode(ids: readonly number[]): string;
}

export class OutOfVocabularyError extends Error {
  constructor(
    readonly characters: string[],
    readonly alphabet: string,
  ) {
    const shown = characters.map((c) => JSON.stringify(c)).join(", ");
    super(`Characters not in this task's vocabulary: ${shown}. Allowed: ${describeAlphabet(alphabet)}.`);
    this.name = "OutOfVocabularyError";
  }
}

function describeAlphabet(alphabet: string): string {
  return alphabet.replace(" ", "") === alphabet
    ? JSON.stringify(alphabet)
    : `${JSON.stringify(alphabet.replace(" ", ""))} and space`;
}

export function makeVocabulary(alphabet: string): Vocabulary {
  const chars = [...new Set([...alphabet])].sort();
  const tokens = [...RESERVED, ...chars];
  const ids = new Map(chars.map((c, i) => [c, i + RESERVED.length]));
  const sortedAlphabet = chars.join("");
  return {
    tokens,
    size: tokens.length,
    has: (c) => ids.has(c),
    encode(text) {
      // Iterate by code point so an emoji is reported whole, not as two surrogates.
      const out: number[] = [];
      const unknown = new Set<string>();
      for (const c of text) {
        const id = ids.get(c);
        if (id === undefined) unknown.add(c);
        else out.push(id);
      }
      if (unknown.size > 0) throw new OutOfVocabularyError([...unknown], sortedAlphabet);
      return out;
    },
    decode(idList) {
      let s = "";
      for (const id of idList) {
        if (id === EOS) break;
        if (id >= RESERVED.length && id < tokens.length) s += tokens[id];
      }
      return s;
    },
  };
}
