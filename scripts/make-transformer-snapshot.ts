/**
 * Trains the Transformer page's models with its defaults (pages/transformers.ts) and writes
 *   src/data/transformer-snapshot.json    the pictures and figures the page shows on load
 *   src/data/transformer-checkpoint.json  the Transformer's weights (test/unit/transformer-snapshot.test.ts reloads them)
 * The race is the page's own run (train/transformer-race.ts): the Transformer and the GRU with
 * additive attention in turn, same data and seed; then the same Transformer without positions.
 *   npm run snapshot:transformer [-- --steps N]
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import * as tf from "../src/components/tf.ts";
import { kernelsByLength } from "../src/components/analysis/kernel-growth.ts";
import type { CostFigures } from "../src/components/analysis/honest-costs.ts";
import {
  encodeSequence,
  loadCheckpoint,
  sourceTensors,
  type Checkpoint,
  type Translation,
} from "../src/components/model/index.ts";
import {
  encode,
  loadTransformer,
  sourceBatch,
  type TransformerCheckpoint,
  type TransformerTranslation,
} from "../src/components/model/transformer/index.ts";
import { transformerSpec } from "../src/components/pages/transformers.ts";
import { defaultSettings } from "../src/components/pages/spec.ts";
import {
  stepsTo,
  transformerRace,
  type RaceReport,
  type Runner,
  type TransformerStart,
} from "../src/components/train/transformer-race.ts";

const { values: args } = parseArgs({ options: { steps: { type: "string" }, out: { type: "string" } } });
const outDir = args.out ?? new URL("../src/data/", import.meta.url).pathname;

await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js");
if (!(await tf.setBackend("wasm"))) throw new Error("wasm backend failed to start");
await tf.ready();

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
const roundMaps = (m: unknown): unknown =>
  Array.isArray(m) ? m.map(roundMaps) : typeof m === "number" ? round(m, 3) : m;

const start: TransformerStart = transformerSpec.config(defaultSettings(transformerSpec));
if (args.steps) {
  start.config.steps = Number(args.steps);
  if (start.gru) start.gru.steps = Number(args.steps);
}
start.capMs = Number.POSITIVE_INFINITY; // the snapshot trains the full budget; the page's cap is for live runs

interface Lane {
  history: { step: number; exactMatch: number }[];
  lossHistory: { step: number; loss: number }[];
  last?: RaceReport;
  checkpoint?: unknown;
}

async function run(s: TransformerStart): Promise<Record<Runner, Lane>> {
  const lanes: Record<Runner, Lane> = {
    transformer: { history: [], lossHistory: [] },
    gru: { history: [], lossHistory: [] },
  };
  for await (const r of transformerRace(s, { exportCheckpoint: true })) {
    const lane = lanes[r.runner];
    lane.lossHistory.push({ step: r.snapshot.step, loss: round(r.snapshot.loss) });
    if (lane.last?.snapshot.evaluatedAt !== r.snapshot.evaluatedAt) {
      lane.history.push({ step: r.snapshot.evaluatedAt, exactMatch: r.snapshot.exactMatch });
      console.log(
        `${r.runner} ${s.config.positions}: step ${r.snapshot.evaluatedAt} exact ${(r.snapshot.exactMatch * 100).toFixed(1)}%`,
      );
    }
    lane.last = { ...r, encodings: r.encodings ?? lane.last?.encodings };
    if (r.checkpoint) lane.checkpoint = r.checkpoint;
  }
  return lanes;
}

const race = await run(start);
const noPositions = await run({ ...start, config: { ...start.config, positions: "none" }, gru: undefined });

const t = race.transformer.last!;
const g = race.gru.last!;
const tProbe = t.snapshot.probe as TransformerTranslation;
const gProbe = g.snapshot.probe as Translation;

// The honest costs, measured on the trained models: kernels of one encoder pass at two lengths.
const lengths = [4, start.config.maxLength!];
const ids = (n: number) => [Array.from({ length: n }, (_, i) => 3 + (i % 5))];
const transformer = loadTransformer(race.transformer.checkpoint as TransformerCheckpoint);
const gru = loadCheckpoint(race.gru.checkpoint as Checkpoint);
const tKernels = await kernelsByLength((n) => {
  const src = sourceBatch(ids(n));
  return encode(transformer, src.sourceIds, src.sourceMaskBias).memory;
}, lengths);
const gKernels = await kernelsByLength((n) => encodeSequence(gru, sourceTensors(ids(n))).states, lengths);
transformer.dispose();
gru.dispose();
const costs: CostFigures = {
  sourceLength: tProbe.sourceTokens.length,
  recurrent: {
    name: "GRU with additive attention",
    sourceScores: (gProbe.weights?.length ?? 0) * gProbe.sourceTokens.length,
    encoderKernels: gKernels,
    decodeSteps: gProbe.outputTokens.length,
    outputs: gProbe.outputTokens.length,
  },
  transformer: {
    name: "Transformer",
    sourceScores: tProbe.attention.encoder[0][0].length * tProbe.attention.encoder[0][0][0].length,
    encoderKernels: tKernels,
    decodeSteps: tProbe.decoderTokens.length,
    outputs: tProbe.outputTokens.length,
  },
};

const runnerFigures = (lane: Lane) => ({
  step: lane.last!.snapshot.step,
  exactMatch: lane.last!.snapshot.exactMatch,
  exactMatchByLength: lane.last!.snapshot.exactMatchByLength,
  stepsTo95: stepsTo(lane.history, 0.95) ?? null,
  msPerStep: round(lane.last!.msPerStep, 2),
  kernelsPerStep: lane.last!.kernelsPerStep,
  history: lane.history,
});

const snapshot = {
  format: "glimpse-transformer-page@1",
  config: start.config,
  gruConfig: start.gru,
  backend: tf.getBackend(),
  step: t.snapshot.step,
  loss: round(t.snapshot.loss),
  exactMatch: t.snapshot.exactMatch,
  exactMatchByLength: t.snapshot.exactMatchByLength,
  lossHistory: race.transformer.lossHistory,
  probe: { ...tProbe, attention: roundMaps(tProbe.attention) },
  encodings: roundMaps(t.encodings),
  race: { transformer: runnerFigures(race.transformer), gru: { ...runnerFigures(race.gru), probe: roundMaps(gProbe) } },
  noPositions: {
    ...runnerFigures(noPositions.transformer),
    probe: roundMaps(noPositions.transformer.last!.snapshot.probe),
  },
  costs,
  checkpointFile: "transformer-checkpoint.json",
};

writeFileSync(`${outDir}transformer-snapshot.json`, JSON.stringify(snapshot) + "\n");
writeFileSync(`${outDir}transformer-checkpoint.json`, JSON.stringify(race.transformer.checkpoint) + "\n");
console.log(
  `wrote ${outDir}transformer-snapshot.json: Transformer ${(t.snapshot.exactMatch * 100).toFixed(1)}%, ` +
    `GRU ${(g.snapshot.exactMatch * 100).toFixed(1)}%, no positions ${(noPositions.transformer.last!.snapshot.exactMatch * 100).toFixed(1)}%`,
);
