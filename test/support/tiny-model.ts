/** A tiny model and batch for fast, exact checks of the model's maths. */
import { encodeBatch, makeVocabulary } from "../../src/components/tasks/index.ts";
import { batchTensors, createSeq2Seq, type ModelConfig } from "../../src/components/model/index.ts";

export const tinyVocab = makeVocabulary("abcd ");

export function tinyModel(overrides: Partial<ModelConfig> = {}) {
  return createSeq2Seq({
    vocabSize: tinyVocab.size,
    embeddingSize: 4,
    hiddenSize: 6,
    attention: "additive",
    attentionSize: 5,
    bidirectional: false,
    inputFeeding: false,
    mode: "soft",
    temperature: 1,
    window: 0,
    seed: 7,
    ...overrides,
  });
}

/** Three examples of different lengths, so the batch has padding in source and target. */
export function tinyBatch() {
  const examples = [
    { source: "abc d", target: "cba d" },
    { source: "da", target: "ad" },
    { source: "bcd", target: "dcb" },
  ];
  return batchTensors(encodeBatch(examples, tinyVocab));
}
