// The training worker: owns the tfjs backend, the model and the training loop, so the page's
// main thread only draws. One model at a time: the pretrained one from the page's snapshot,
// then whichever the reader trains or loads. The run loop, backend and replies are the shared
// ones (serve.ts); this file is only the handlers.
// TensorFlow.js and its wasm backend first (docs/architecture.md, "Main-thread budget while loading").
import "../tf.js";
import "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.js";
import { serveWorker, type WorkerHandlers } from "./serve.js";
import {
  contextVectors,
  createSeq2Seq,
  loadCheckpoint,
  saveCheckpoint,
  translate,
  type Checkpoint,
  type Seq2Seq,
} from "../model/index.js";
import { makeDataset, type Vocabulary } from "../tasks/index.js";
import { modelConfigOf, resolveTrainConfig, train, type TrainConfig } from "../train/index.js";
import { contextPicture, PROJECTION_SIZE } from "../state/page-snapshot.js";
import type { TrainingReport, TrainingRequests, TrainingStart, WeightsFile } from "./training-protocol.js";
import { resolveWeights } from "./weights-source.js";

interface Current {
  model: Seq2Seq;
  vocab: Vocabulary;
  config: TrainConfig;
  maxSteps: number;
}

let current: Current | undefined;
/** Why there is no model: a failed load says so to "try your own sentence" instead of "still loading". */
let missing = "The model is still loading.";

function replace(next: Current | undefined): void {
  if (current && current !== next) current.model.dispose();
  current = next;
}

function describe(config: TrainConfig): Current {
  const data = makeDataset({ ...config, testSize: 1 });
  const model = createSeq2Seq(modelConfigOf(config, data.vocab.size));
  return { model, vocab: data.vocab, config, maxSteps: data.maxTargetLength + 1 };
}

/** Builds the model a checkpoint describes; throws a reader-facing message for a wrong file. */
function fromCheckpoint(checkpoint: Checkpoint, partial: Partial<TrainConfig>): Current {
  const config = resolveTrainConfig(partial);
  const base = describe({ ...config, ...checkpoint.config });
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

/** A training run: the shared loop's snapshots, plus the bottleneck pictures at each evaluation. */
async function* trainingRun({ config: partial, context }: TrainingStart): AsyncGenerator<TrainingReport> {
  const config = resolveTrainConfig(partial);
  const fresh = describe(config);
  replace(fresh);
  missing = "The model is still loading.";
  const data = makeDataset(config);
  const sentences = data.test.slice(0, PROJECTION_SIZE).map((e) => e.source);
  const probeText = config.probe ?? data.task.probe;
  let evaluatedAt = -1;
  for await (const { checkpoint: _, ...snapshot } of train(config, { model: fresh.model })) {
    let picture;
    if (context && snapshot.evaluatedAt !== evaluatedAt && snapshot.status !== "diverged") {
      const vectors = await contextVectors(fresh.model, data.vocab, sentences, config);
      const [probe] = await contextVectors(fresh.model, data.vocab, [probeText], config);
      picture = contextPicture(sentences, vectors, probe);
    }
    evaluatedAt = snapshot.evaluatedAt;
    yield { snapshot, context: picture };
  }
}

type Payload<K extends keyof TrainingRequests> = TrainingRequests[K]["payload"];

const handlers: WorkerHandlers<TrainingStart, TrainingReport> = {
  run: trainingRun,
  isLast: (r) => r.snapshot.status !== "training",
  requests: {
    load: {
      mode: "replaces-run",
      handle: async ({ checkpoint, config }: Payload<"load">) => {
        try {
          replace(fromCheckpoint(await resolveWeights(checkpoint), config));
        } catch (e) {
          replace(undefined);
          missing = `The pretrained model could not be loaded: ${(e as Error).message}`;
          throw new Error(missing);
        }
      },
    },
    translate: async (text: Payload<"translate">) => {
      const c = current;
      if (!c) throw new Error(missing);
      return translate(c.model, c.vocab, text, { ...c.config, maxSteps: c.maxSteps });
    },
    export: async (): Promise<WeightsFile> => {
      if (!current) throw new Error(missing);
      return { format: "glimpse-weights@1", config: current.config, checkpoint: await saveCheckpoint(current.model) };
    },
    // Checked before the run stops: a wrong file leaves the run (and the page) as they were.
    import: async (file: Payload<"import">, worker) => {
      const f = file as Partial<WeightsFile> | null;
      if (f?.format !== "glimpse-weights@1" || !f.checkpoint || !f.config) {
        throw new Error("This is not a Glimpse weights file (use one made by “Download weights”).");
      }
      const next = fromCheckpoint(f.checkpoint, f.config);
      worker.stopRun();
      await worker.queued(() => replace(next));
    },
  },
};

serveWorker(handlers);
