// A training page's model as its worker holds it: the network, the vocabulary of its task and
// the settings it was trained with. Built fresh for a run, or from a checkpoint file (the
// pretrained one, or the reader's). No DOM and no worker globals, so tests build it in Node.
import {
  createSeq2Seq,
  loadCheckpoint,
  translate,
  type Checkpoint,
  type Seq2Seq,
  type Translation,
} from "../model/index.js";
import { makeDataset, type Vocabulary } from "../tasks/index.js";
import { modelConfigOf, resolveTrainConfig, type TrainConfig } from "../train/index.js";

export interface PageModel {
  model: Seq2Seq;
  vocab: Vocabulary;
  config: TrainConfig;
  /** The longest answer it may write: one past the task's longest target. */
  maxSteps: number;
}

/** A fresh, untrained model for `config`. */
export function freshModel(config: TrainConfig): PageModel {
  const data = makeDataset({ ...config, testSize: 1 });
  const model = createSeq2Seq(modelConfigOf(config, data.vocab.size));
  return { model, vocab: data.vocab, config, maxSteps: data.maxTargetLength + 1 };
}

/** Builds the model a checkpoint describes; throws a reader-facing message for a wrong file. */
export function modelFromCheckpoint(checkpoint: Checkpoint, partial: Partial<TrainConfig>): PageModel {
  const config = resolveTrainConfig(partial);
  const base = freshModel({ ...config, ...checkpoint.config });
  base.model.dispose();
  const model = loadCheckpoint(checkpoint);
  if (model.config.vocabSize !== base.vocab.size) {
    model.dispose();
    throw new Error(
      `The file's model reads ${model.config.vocabSize} characters, but its task "${config.task}" has ${base.vocab.size}.`,
    );
  }
  return { ...base, model, config };
}

/** "Try your own sentence": the model's answer to `text`. */
export function answer(m: PageModel, text: string): Promise<Translation> {
  return translate(m.model, m.vocab, text, { ...m.config, maxSteps: m.maxSteps });
}
