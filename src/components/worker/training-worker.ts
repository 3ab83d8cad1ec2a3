// The training worker: owns the tfjs backend, the model and the training loop, so the page's
// main thread only draws. One model at a time: the pretrained one from the page's snapshot,
// then whichever the reader trains. Started by trainer-client.ts.
import { workerBackend } from "./worker-backend.js";
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
import { contextPicture } from "../state/page-snapshot.js";
import { PROJECTION_SIZE } from "../pages/page-configs.js";
import type { FromWorker, ToWorker, WeightsFile } from "./protocol.js";

interface Current {
  model: Seq2Seq;
  vocab: Vocabulary;
  config: TrainConfig;
  maxSteps: number;
}

interface Run {
  id: number;
  cancelled: boolean;
  paused: boolean;
  /** Reports to train while paused (the Step button). */
  steps: number;
  wake?: () => void;
}

const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const { init: resolveInit, ready: backend } = workerBackend(post);

let current: Current | undefined;
let run: Run | undefined;
// Runs are serialised: a new one starts only after the old one's `finally` freed its tensors.
let queue: Promise<void> = Promise.resolve();

function replace(next: Current | undefined): void {
  if (current && current !== next) current.model.dispose();
  current = next;
}

function stopRun(): void {
  if (!run) return;
  run.cancelled = true;
  run.wake?.();
  run = undefined;
}

function describe(config: TrainConfig): Current {
  const data = makeDataset({ ...config, testSize: 1 });
  const model = createSeq2Seq(modelConfigOf(config, data.vocab.size));
  return { model, vocab: data.vocab, config, maxSteps: data.maxTargetLength + 1 };
}

async function train1(r: Run, partial: Partial<TrainConfig>, withContext: boolean): Promise<void> {
  await backend;
  if (r.cancelled) return;
  let config: TrainConfig;
  try {
    config = resolveTrainConfig(partial);
    replace(describe(config));
  } catch (e) {
    post({ type: "run-error", runId: r.id, message: errorText(e) });
    return;
  }
  const mine = current as Current;
  const data = makeDataset(config);
  const sentences = data.test.slice(0, PROJECTION_SIZE).map((e) => e.source);
  const probeText = config.probe ?? data.task.probe;
  const generator = train(config, { model: mine.model });
  let evaluatedAt = -1;
  try {
    while (!r.cancelled) {
      if (r.paused && r.steps === 0) {
        await new Promise<void>((resolve) => (r.wake = resolve));
        continue;
      }
      if (r.steps > 0) r.steps--;
      const next = await generator.next();
      if (next.done || r.cancelled) break;
      const { checkpoint: _, ...snapshot } = next.value;
      let context;
      if (withContext && snapshot.evaluatedAt !== evaluatedAt && snapshot.status !== "diverged") {
        const vectors = await contextVectors(mine.model, data.vocab, sentences, config);
        const [probe] = await contextVectors(mine.model, data.vocab, [probeText], config);
        context = contextPicture(sentences, vectors, probe);
      }
      evaluatedAt = snapshot.evaluatedAt;
      post({ type: "snapshot", runId: r.id, snapshot, context });
      if (snapshot.status !== "training") break;
      // Let queued messages (stop, translate) in between reports.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } catch (e) {
    post({ type: "run-error", runId: r.id, message: errorText(e) });
  } finally {
    await generator.return(undefined);
    post({ type: "stopped", runId: r.id });
  }
}

async function answer(message: Extract<ToWorker, { type: "translate" | "context" }>): Promise<void> {
  await backend;
  const c = current;
  try {
    if (!c) throw new Error("The model is still loading.");
    if (message.type === "translate") {
      const translation = await translate(c.model, c.vocab, message.text, { ...c.config, maxSteps: c.maxSteps });
      post({ type: "reply", requestId: message.requestId, ok: true, translation });
    } else {
      const vectors = await contextVectors(c.model, c.vocab, message.texts, c.config);
      post({ type: "reply", requestId: message.requestId, ok: true, vectors });
    }
  } catch (e) {
    post({ type: "reply", requestId: message.requestId, ok: false, message: errorText(e) });
  }
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

async function exchange(message: Extract<ToWorker, { type: "export" | "import" }>): Promise<void> {
  await backend;
  try {
    if (message.type === "export") {
      if (!current) throw new Error("The model is still loading.");
      const file: WeightsFile = {
        format: "glimpse-weights@1",
        config: current.config,
        checkpoint: await saveCheckpoint(current.model),
      };
      post({ type: "reply", requestId: message.requestId, ok: true, file });
    } else {
      const f = message.file as Partial<WeightsFile> | null;
      if (f?.format !== "glimpse-weights@1" || !f.checkpoint || !f.config) {
        throw new Error("This is not a Glimpse weights file (use one made by “Download weights”).");
      }
      stopRun();
      const checkpoint = f.checkpoint;
      const config = f.config;
      let failure: unknown;
      queue = queue.then(() => {
        try {
          replace(fromCheckpoint(checkpoint, config));
        } catch (e) {
          failure = e;
        }
      });
      await queue;
      if (failure) throw failure;
      post({ type: "reply", requestId: message.requestId, ok: true });
    }
  } catch (e) {
    post({ type: "reply", requestId: message.requestId, ok: false, message: errorText(e) });
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  switch (m.type) {
    case "init":
      resolveInit(m.wasmPaths);
      break;
    case "load":
      stopRun();
      queue = queue.then(async () => {
        await backend;
        try {
          replace(fromCheckpoint(m.checkpoint, m.config));
        } catch (e) {
          post({ type: "backend-error", message: errorText(e) });
        }
      });
      break;
    case "start": {
      stopRun();
      const r: Run = { id: m.runId, cancelled: false, paused: m.paused ?? false, steps: 0 };
      run = r;
      queue = queue.then(() => train1(r, m.config, m.context));
      break;
    }
    case "pause":
      if (run) run.paused = true;
      break;
    case "resume":
    case "step":
      if (!run) break;
      if (m.type === "resume") run.paused = false;
      else run.steps++;
      run.wake?.();
      run.wake = undefined;
      break;
    case "stop":
      stopRun();
      break;
    case "export":
    case "import":
      void exchange(m);
      break;
    case "translate":
    case "context":
      void answer(m);
      break;
  }
};
