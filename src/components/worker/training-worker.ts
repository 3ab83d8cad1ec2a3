// The training worker: owns the tfjs backend, the model and the training loop, so the page's
// main thread only draws. One model at a time: the pretrained one from the page's snapshot,
// then whichever the reader trains or loads. The run loop, backend and replies are the shared
// ones (serve.ts); this file is only the handlers.
// TensorFlow.js and its wasm backend first (docs/architecture.md, "Main-thread budget while loading").
import "../tf.js";
import "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js";
import { serveWorker, type WorkerHandlers } from "./serve.js";
import { contextVectors, saveCheckpoint } from "../model/index.js";
import { makeDataset } from "../tasks/index.js";
import { resolveTrainConfig, train } from "../train/index.js";
import { contextPicture, PROJECTION_SIZE } from "../state/page-snapshot.js";
import type { TrainingReport, TrainingRequests, TrainingStart, WeightsFile } from "./training-protocol.js";
import { resolveWeights } from "./weights-source.js";
import { answer, freshModel, modelFromCheckpoint, type PageModel } from "./page-model.js";

let current: PageModel | undefined;
/** Why there is no model: a failed load says so to "try your own sentence" instead of "still loading". */
let missing = "The model is still loading.";

function replace(next: PageModel | undefined): void {
  if (current && current !== next) current.model.dispose();
  current = next;
}

/** A training run: the shared loop's snapshots, plus the bottleneck pictures at each evaluation. */
async function* trainingRun({ config: partial, context }: TrainingStart): AsyncGenerator<TrainingReport> {
  const config = resolveTrainConfig(partial);
  const fresh = freshModel(config);
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
          replace(modelFromCheckpoint(await resolveWeights(checkpoint), config));
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
      return answer(c, text);
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
      const next = modelFromCheckpoint(f.checkpoint, f.config);
      worker.stopRun();
      await worker.queued(() => replace(next));
    },
  },
};

serveWorker(handlers);
