// The compare worker: owns the tfjs backend and every model of a page's race (race.ts), so the
// page's main thread only draws. All models live in this one worker and take turns, one step
// each, so they share the data stream and do not fight over the machine's cores. The run
// loop is the shared one (serve.ts); this file is only the handlers.
import { serveWorker, type WorkerHandlers } from "./serve.js";
import { race, type RaceConfig, type RaceSnapshot } from "../compare/race.js";

/** A race without the weights (those are only for the snapshot script). */
async function* raceRun(config: RaceConfig): AsyncGenerator<RaceSnapshot> {
  for await (const { checkpoints: _, ...snapshot } of race(config)) yield snapshot;
}

const handlers: WorkerHandlers<RaceConfig, RaceSnapshot> = { run: raceRun, isLast: (s) => s.finished };

serveWorker(handlers);
