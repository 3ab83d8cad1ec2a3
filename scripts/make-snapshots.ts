/**
 * Trains the default models of the bottleneck and attention pages in Node (wasm backend) and
 * writes the pictures each page shows on load:
 *   npm run snapshots                 → src/data/bottleneck-snapshot.json, src/data/attention-snapshot.json
 *                                       (with `oneWay`: the same attention model with a one-way encoder, and
 *                                       `translation`: the same settings on the toy translation)
 *                                       and their weights, src/data/{bottleneck,attention}-checkpoint.json
 *                                       (apart, so a page draws its pictures before the weights arrive)
 *   npm run snapshots -- --steps 200  (a quick, worse pair, for trying the script)
 * Deterministic for a given backend: same seeds, same data, same weights.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import * as tf from "../src/components/tf.ts";
import { contextVectors, loadCheckpoint, type Checkpoint } from "../src/components/model/index.ts";
import { makeDataset } from "../src/components/tasks/index.ts";
import {
  evaluate,
  resolveTrainConfig,
  train,
  type LengthAccuracy,
  type TrainConfig,
} from "../src/components/train/index.ts";
import {
  ATTENTION_DEFAULTS,
  ATTENTION_ONE_WAY,
  ATTENTION_TRANSLATE,
  BOTTLENECK_DEFAULTS,
  SNAPSHOT_STEPS,
} from "../src/components/pages/page-configs.ts";
import {
  contextPicture,
  roundCheckpoint,
  roundTo,
  roundTranslation,
  type LossPoint,
  type ModelPicture,
  type PageSnapshot,
  PROJECTION_SIZE,
} from "../src/components/state/page-snapshot.ts";

const { values: args } = parseArgs({ options: { steps: { type: "string" }, out: { type: "string" } } });
const steps = args.steps ? Number(args.steps) : SNAPSHOT_STEPS;
const outDir = args.out ?? new URL("../src/data/", import.meta.url).pathname;

await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js");
if (!(await tf.setBackend("wasm"))) throw new Error("wasm backend failed to start");
await tf.ready();

interface Trained {
  config: TrainConfig;
  checkpoint: Checkpoint;
  lossHistory: LossPoint[];
}

async function trainOne(partial: Partial<TrainConfig>): Promise<Trained> {
  const config = resolveTrainConfig({ ...partial, steps });
  const lossHistory: LossPoint[] = [];
  let checkpoint: Checkpoint | undefined;
  for await (const s of train(config, { exportCheckpoint: true })) {
    lossHistory.push({ step: s.step, loss: roundTo(s.loss) });
    if (s.step % config.evalEvery === 0) {
      console.log(
        `${config.attention}${config.bidirectional ? " (bidirectional)" : ""}: step ${s.step} loss ${s.loss.toFixed(3)} exact ${(s.exactMatch * 100).toFixed(1)}%`,
      );
    }
    if (s.status === "diverged") throw new Error(s.reason);
    checkpoint = s.checkpoint ?? checkpoint;
  }
  if (!checkpoint) throw new Error("training ended without a checkpoint");
  return { config, checkpoint: roundCheckpoint(checkpoint), lossHistory };
}

/** Every stated figure is measured on the rounded weights that are written out. */
async function snapshotOf(
  run: Trained,
  comparison: PageSnapshot["comparison"],
  withContext: boolean,
): Promise<PageSnapshot> {
  const data = makeDataset(run.config);
  const model = loadCheckpoint(run.checkpoint);
  try {
    const result = await evaluate(model, data, run.config);
    let context: PageSnapshot["context"];
    if (withContext) {
      const sentences = data.test.slice(0, PROJECTION_SIZE).map((e) => e.source);
      const vectors = await contextVectors(model, data.vocab, sentences, run.config);
      const [probe] = await contextVectors(model, data.vocab, [run.config.probe ?? data.task.probe], run.config);
      context = contextPicture(sentences, vectors, probe);
    }
    const last = run.lossHistory[run.lossHistory.length - 1];
    return {
      format: "glimpse-page-snapshot@1",
      command: `npm run snapshots${steps === SNAPSHOT_STEPS ? "" : ` -- --steps ${steps}`}`,
      config: run.config,
      step: last.step,
      loss: last.loss,
      tokenAccuracy: roundTo(result.tokenAccuracy),
      exactMatch: result.exactMatch,
      exactMatchByLength: result.exactMatchByLength,
      probe: roundTranslation(result.probe),
      parameterCount: model.parameterCount,
      lossHistory: run.lossHistory,
      comparison,
      context,
    };
  } finally {
    model.dispose();
  }
}

async function byLength(run: Trained): Promise<LengthAccuracy[]> {
  const model = loadCheckpoint(run.checkpoint);
  try {
    return (await evaluate(model, makeDataset(run.config), run.config)).exactMatchByLength;
  } finally {
    model.dispose();
  }
}

/** A side picture (one-way encoder, toy translation): measured on its rounded weights like the others; no checkpoint kept. */
async function pictureOf(run: Trained): Promise<ModelPicture> {
  const model = loadCheckpoint(run.checkpoint);
  try {
    const result = await evaluate(model, makeDataset(run.config), run.config);
    const probe = roundTranslation(result.probe);
    if (!probe) throw new Error(`the ${run.config.task} model gave no probe picture`);
    return {
      config: run.config,
      step: run.lossHistory[run.lossHistory.length - 1].step,
      exactMatch: result.exactMatch,
      exactMatchByLength: result.exactMatchByLength,
      probe,
    };
  } finally {
    model.dispose();
  }
}

const none = await trainOne(BOTTLENECK_DEFAULTS);
const additive = await trainOne(ATTENTION_DEFAULTS);
const oneWay = await pictureOf(await trainOne(ATTENTION_ONE_WAY));
const translation = await pictureOf(await trainOne(ATTENTION_TRANSLATE));
const comparison = { attention: await byLength(additive), none: await byLength(none) };
for (const [name, run, withContext] of [
  ["bottleneck", none, true],
  ["attention", additive, false],
] as const) {
  const snapshot = {
    ...(await snapshotOf(run, comparison, withContext)),
    ...(name === "attention" ? { oneWay, translation } : {}),
  };
  const path = `${outDir.replace(/\/$/, "")}/${name}-snapshot.json`;
  writeFileSync(path, JSON.stringify(snapshot) + "\n");
  writeFileSync(path.replace(/-snapshot\.json$/, "-checkpoint.json"), JSON.stringify(run.checkpoint) + "\n");
  console.log(`${path}: exact match ${(snapshot.exactMatch * 100).toFixed(1)}% after ${snapshot.step} steps`);
}
