/**
 * Trains the default races of the soft-vs-hard and scoring pages in Node (wasm backend) and
 * writes what each page shows on load, plus the weights the unit test checks the figures with:
 *   node --import tsx --import ./scripts/node-env.ts scripts/make-compare-snapshots.ts [--only scoring|soft-vs-hard]
 *   → src/data/<page>-snapshot.json and src/data/<page>-checkpoints.json
 * Deterministic for a given backend: same seeds, same data, same weights.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import * as tf from "../src/components/tf.ts";
import { loadCheckpoint } from "../src/components/model/index.ts";
import { makeDataset } from "../src/components/tasks/index.ts";
import { evaluate } from "../src/components/train/index.ts";
import { laneConfigs, race, type RaceConfig, type RaceSnapshot } from "../src/components/compare/race.ts";
import {
  SCORING_DEFAULTS,
  SOFT_HARD_DEFAULTS,
  scoringRace,
  softHardRace,
} from "../src/components/compare/compare-configs.ts";
import {
  pretrainedCompareState,
  startedCompareState,
  withRaceSnapshot,
  type CompareCheckpoints,
  type CompareSnapshot,
} from "../src/components/compare/compare-state.ts";
import { roundCheckpoint, roundTo, roundTranslation } from "../src/components/state/page-snapshot.ts";

const { values: args } = parseArgs({ options: { only: { type: "string" }, out: { type: "string" } } });
const outDir = (args.out ?? new URL("../src/data/", import.meta.url).pathname).replace(/\/$/, "");
const COMMAND = "node --import tsx --import ./scripts/node-env.ts scripts/make-compare-snapshots.ts";

await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js");
if (!(await tf.setBackend("wasm"))) throw new Error("wasm backend failed to start");
await tf.ready();

async function make(name: string, spec: RaceConfig): Promise<void> {
  let state = startedCompareState(1, spec);
  let final: RaceSnapshot | undefined;
  let checkpoints: CompareCheckpoints["checkpoints"] | undefined;
  for await (const s of race(spec, { exportCheckpoints: true })) {
    const { checkpoints: cks, ...snapshot } = s;
    state = withRaceSnapshot(state, 1, snapshot);
    if (s.step % 100 === 0 || s.finished) {
      console.log(
        `${name} step ${s.step}: ${s.lanes.map((l) => `${l.id} ${l.loss.toFixed(3)} ${(l.exactMatch * 100).toFixed(0)}%`).join(", ")}`,
      );
    }
    final = snapshot;
    checkpoints = cks ?? checkpoints;
  }
  if (!final || !checkpoints) throw new Error(`${name}: the race ended without checkpoints`);
  // Every stated figure is measured again on the rounded weights that are written out.
  const rounded = Object.fromEntries(Object.entries(checkpoints).map(([id, c]) => [id, roundCheckpoint(c)]));
  const configs = laneConfigs(spec);
  const data = makeDataset(configs[0]);
  const lanes = [];
  for (const [i, lane] of final.lanes.entries()) {
    const model = loadCheckpoint(rounded[lane.id]);
    try {
      const { probe: _, ...measured } = await evaluate(model, data, configs[i]);
      lanes.push({
        ...lane,
        ...measured,
        loss: roundTo(lane.loss),
        msPerStep: roundTo(lane.msPerStep, 3),
        probe: roundTranslation(lane.probe),
      });
    } finally {
      model.dispose();
    }
  }
  const history = Object.fromEntries(
    Object.entries(state.history).map(([id, points]) => [
      id,
      points.map((p) => ({
        ...p,
        loss: roundTo(p.loss),
        ...(p.exactMatch === undefined ? {} : { exactMatch: roundTo(p.exactMatch) }),
      })),
    ]),
  );
  const snapshot: CompareSnapshot = {
    format: "glimpse-compare-snapshot@1",
    command: `${COMMAND} --only ${name}`,
    race: spec,
    final: { ...final, lanes },
    history,
  };
  pretrainedCompareState(snapshot); // the page's first state must build from it
  writeFileSync(`${outDir}/${name}-snapshot.json`, JSON.stringify(snapshot) + "\n");
  const weights: CompareCheckpoints = { format: "glimpse-compare-checkpoints@1", checkpoints: rounded };
  writeFileSync(`${outDir}/${name}-checkpoints.json`, JSON.stringify(weights) + "\n");
  console.log(
    `${outDir}/${name}-snapshot.json: ${lanes.map((l) => `${l.id} ${(l.exactMatch * 100).toFixed(1)}%`).join(", ")}`,
  );
}

if (!args.only || args.only === "scoring") await make("scoring", scoringRace(SCORING_DEFAULTS));
if (!args.only || args.only === "soft-vs-hard") await make("soft-vs-hard", softHardRace(SOFT_HARD_DEFAULTS));
console.log(`tensors left: ${tf.memory().numTensors}`);
