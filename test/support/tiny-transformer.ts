/** A tiny Transformer and batch for fast, exact checks of its maths. */
import { encodeBatch, makeVocabulary } from "../../src/components/tasks/index.ts";
import {
  createTransformer,
  transformerBatch,
  type TransformerConfig,
} from "../../src/components/model/transformer/index.ts";

export const tinyVocab = makeVocabulary("abcd ");

export function tinyTransformer(overrides: Partial<TransformerConfig> = {}) {
  return createTransformer({
    vocabSize: tinyVocab.size,
    modelSize: 4,
    heads: 2,
    layers: 1,
    ffnSize: 6,
    positions: "sinusoidal",
    norm: "post",
    maxPositions: 8,
    seed: 7,
    ...overrides,
  });
}

/** Three examples of different lengths, so the batch has padding in source and target. */
export function tinyTransformerBatch() {
  const examples = [
    { source: "abc d", target: "cba d" },
    { source: "da", target: "ad" },
    { source: "bcd", target: "dcb" },
  ];
  return transformerBatch(encodeBatch(examples, tinyVocab));
}
