/** Turns examples into padded id arrays (time-major layout is the model's job). */
import { BOS, EOS, PAD, type Vocabulary } from "./vocabulary.js";
import type { Example } from "./dataset.js";

export interface SourceOptions {
  /** Feed the source backwards (Sutskever et al. 2014): the first words end up close to the decoder. */
  reverseSource?: boolean;
  /** Feed the source twice (Zaremba & Sutskever 2014, "Learning to Execute"). */
  doubleSource?: boolean;
}

export interface EncodedBatch {
  batchSize: number;
  /** Source ids [batch][sourceLength], right-padded with PAD. */
  source: number[][];
  sourceLength: number;
  /** Decoder inputs: BOS then the target (teacher forcing). [batch][targetLength] */
  targetIn: number[][];
  /** Decoder outputs: the target then EOS. [batch][targetLength] */
  targetOut: number[][];
  targetLength: number;
}

/** The ids the encoder reads for one source string (after the reversal/doubling tricks). */
export function encodeSource(text: string, vocab: Vocabulary, options: SourceOptions = {}): number[] {
  let ids = vocab.encode(text);
  if (options.reverseSource) ids = ids.reverse();
  if (options.doubleSource) ids = [...ids, ...ids];
  return ids;
}

const padTo = (ids: number[], length: number) => [...ids, ...Array(length - ids.length).fill(PAD)];

export function encodeBatch(
  examples: readonly Example[],
  vocab: Vocabulary,
  options: SourceOptions = {},
  minTargetLength = 0,
): EncodedBatch {
  const sources = examples.map((e) => encodeSource(e.source, vocab, options));
  const targets = examples.map((e) => vocab.encode(e.target));
  const sourceLength = Math.max(1, ...sources.map((s) => s.length));
  const targetLength = Math.max(minTargetLength, ...targets.map((t) => t.length + 1));
  return {
    batchSize: examples.length,
    source: sources.map((s) => padTo(s, sourceLength)),
    sourceLength,
    targetIn: targets.map((t) => padTo([BOS, ...t], targetLength)),
    targetOut: targets.map((t) => padTo([...t, EOS], targetLength)),
    targetLength,
  };
}
