// The compare worker: owns the tfjs backend and every model of a page's race (race.ts), so the
// page's main thread only draws. The models share one data stream and take turns, one step
// each. Where the machine has several cores and the models compute on the CPU (wasm), the
// race is split across helper workers (this same file, started by this worker), one group of
// models each (race-pool.ts); every model still learns exactly what it would alone. The run
// loop is the shared one (serve.ts); this file is only the handlers.
// TensorFlow.js and its wasm backend first (docs/architecture.md, "Main-thread budget while loading").
import "../tf.js";
import "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js";
import { serveWorker, type WorkerHandlers } from "./serve.js";
import { race, type RaceConfig, type RaceSnapshot } from "../compare/race.js";
import { splitRace, workersForRace } from "../compare/race-groups.js";
import { helperPart, localPart, pooledRace, type InitMessage } from "./race-pool.js";
import * as tf from "../tf.js";

/** A race as this worker is asked to run it; a helper gets its group with `helper` set. */
type RaceStart = RaceConfig & { helper?: boolean };

let init: InitMessage | undefined;
self.addEventListener("message", (e: MessageEvent) => {
  if ((e.data as { type?: string } | null)?.type === "init") init = e.data as InitMessage;
});

/** A race without the weights (those are only for the snapshot script). */
async function* raceRun(config: RaceConfig): AsyncGenerator<RaceSnapshot> {
  for await (const { checkpoints: _, ...snapshot } of race(config)) yield snapshot;
}

function run(start: RaceStart): AsyncGenerator<RaceSnapshot> {
  const { helper: _, ...config } = start;
  const workers = init ? workersForRace(start, tf.getBackend(), navigator.hardwareConcurrency || 1) : 1;
  const groups = splitRace(config, workers);
  if (groups.length === 1) return raceRun(config);
  // The helpers compute on the backend this worker chose: no second measurement.
  const helperInit: InitMessage = { ...init!, use: tf.getBackend() as InitMessage["use"] };
  const [own, ...others] = groups;
  const parts = [
    localPart(raceRun(own)),
    ...others.map((group) =>
      helperPart(
        new Worker(self.location.href, { type: "module" }),
        { ...group, helper: true } as RaceStart,
        helperInit,
      ),
    ),
  ];
  return pooledRace(config, parts);
}

const handlers: WorkerHandlers<RaceStart, RaceSnapshot> = { run, isLast: (s) => s.finished };

serveWorker(handlers);
