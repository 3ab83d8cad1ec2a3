/**
 * Trains the "Beyond translation" page's two models with the page's defaults (pages/beyond.ts)
 * in Node (wasm backend) and writes, for each, the picture data and a separate checkpoint:
 *   src/data/beyond-caption-snapshot.json, beyond-caption-checkpoint.json
 *   src/data/beyond-story-snapshot.json,   beyond-story-checkpoint.json
 * The figures are measured on the rounded checkpoint as saved, so reloading it reproduces them
 * (test/unit/beyond-snapshots.test.ts).
 *   npm run beyond-snapshots [-- --only caption|story]
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import * as tf from "../src/components/tf.ts";
import { BEYOND_CAPTION_DEFAULTS, BEYOND_STORY_DEFAULTS } from "../src/components/pages/beyond.ts";
import { captionLearner } from "../src/components/train/caption.ts";
import { storyLearner } from "../src/components/train/story-learner.ts";
import { trainLearner } from "../src/components/train/learner.ts";
import { loadCaptioner, type SavedCaptioner } from "../src/components/model/captioner.ts";
import { loadStoryReader, type StoryReaderCheckpoint } from "../src/components/model/story-reader.ts";
import { roundTo } from "../src/components/state/page-snapshot.ts";
import { beyondCaptionFigures, beyondStoryFigures } from "../src/components/pages/beyond-snapshot.ts";

const { values: args } = parseArgs({ options: { only: { type: "string" }, out: { type: "string" } } });
const outDir = (args.out ?? new URL("../src/data/", import.meta.url).pathname).replace(/\/$/, "");
await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js");
if (!(await tf.setBackend("wasm"))) throw new Error("wasm backend failed to start");

type Weights = Record<string, { shape: number[]; values: number[] }>;
const round = <S extends { weights: Weights }>(saved: S): S => ({
  ...saved,
  weights: Object.fromEntries(
    Object.entries(saved.weights).map(([k, w]) => [k, { shape: w.shape, values: w.values.map((v) => roundTo(v, 4)) }]),
  ),
});

const write = (name: string, data: unknown) => {
  writeFileSync(`${outDir}/${name}`, JSON.stringify(data) + "\n");
  console.log(`wrote ${outDir}/${name}`);
};

async function train<S extends { weights: Weights }>(
  learner: Parameters<typeof trainLearner>[0],
  config: Parameters<typeof trainLearner>[1],
) {
  const history: { step: number; loss: number; exactMatch: number; attentionCorrectness: number }[] = [];
  let checkpoint: S | undefined;
  let step = 0;
  const started = Date.now();
  for await (const s of trainLearner(learner, config, { exportCheckpoint: true })) {
    if (s.evaluatedAt === s.step)
      history.push({
        step: s.step,
        loss: roundTo(s.loss),
        exactMatch: roundTo(s.exactMatch),
        attentionCorrectness: roundTo(s.metrics?.attentionCorrectness ?? 0),
      });
    step = s.step;
    if (s.evaluatedAt === s.step) console.log(`step ${s.step}: loss ${s.loss.toFixed(3)}, exact ${s.exactMatch}`);
    if (s.checkpoint) checkpoint = s.checkpoint as unknown as S;
    if (s.status === "diverged") throw new Error("training diverged");
  }
  console.log(`trained ${step} steps in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { history, checkpoint: round(checkpoint!), step };
}

if (args.only !== "story") {
  const config = BEYOND_CAPTION_DEFAULTS;
  const { history, checkpoint, step } = await train<SavedCaptioner>(captionLearner(config), config);
  const snapshot = await beyondCaptionFigures(loadCaptioner(checkpoint), config, { step, history });
  write("beyond-caption-checkpoint.json", checkpoint);
  write("beyond-caption-snapshot.json", snapshot);
  console.log(JSON.stringify({ ...snapshot, probe: undefined, history: undefined }));
}
if (args.only !== "caption") {
  const config = BEYOND_STORY_DEFAULTS;
  const { history, checkpoint, step } = await train<StoryReaderCheckpoint>(storyLearner(config), config);
  const snapshot = await beyondStoryFigures(loadStoryReader(checkpoint), config, { step, history });
  write("beyond-story-checkpoint.json", checkpoint);
  write("beyond-story-snapshot.json", snapshot);
  console.log(JSON.stringify({ ...snapshot, probe: undefined, history: undefined }));
}
