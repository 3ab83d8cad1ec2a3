// The compare worker: owns the tfjs backend and every model of a page's race (race.ts), so the
// page's main thread only draws. All models live in this one worker and take turns, one step
// each, so they share the data stream and do not fight over the machine's cores.
// Started by ui/compare-client.ts.
import { workerBackend } from "./worker-backend.js";
import { race, type RaceConfig } from "../compare/race.js";
import type { FromCompareWorker, ToCompareWorker } from "./compare-protocol.js";

interface Run {
  id: number;
  cancelled: boolean;
  paused: boolean;
  /** Reports to train while paused (the Step button). */
  steps: number;
  wake?: () => void;
}

const post = (message: FromCompareWorker) => (self as unknown as Worker).postMessage(message);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const { init: resolveInit, ready: backend } = workerBackend(post);

let run: Run | undefined;
// Runs are serialised: a new race starts only after the old one's `finally` freed its tensors.
let queue: Promise<void> = Promise.resolve();

function stopRun(): void {
  if (!run) return;
  run.cancelled = true;
  run.wake?.();
  run = undefined;
}

async function runRace(r: Run, config: RaceConfig): Promise<void> {
  await backend;
  if (r.cancelled) return;
  let generator: ReturnType<typeof race> | undefined;
  try {
    generator = race(config);
    while (!r.cancelled) {
      if (r.paused && r.steps === 0) {
        await new Promise<void>((resolve) => (r.wake = resolve));
        continue;
      }
      if (r.steps > 0) r.steps--;
      const next = await generator.next();
      if (next.done || r.cancelled) break;
      const { checkpoints: _, ...snapshot } = next.value;
      post({ type: "snapshot", runId: r.id, snapshot });
      if (snapshot.finished) break;
      // Let queued messages (stop, pause) in between reports.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } catch (e) {
    post({ type: "run-error", runId: r.id, message: errorText(e) });
  } finally {
    await generator?.return(undefined);
    post({ type: "stopped", runId: r.id });
  }
}

self.onmessage = (event: MessageEvent<ToCompareWorker>) => {
  const m = event.data;
  switch (m.type) {
    case "init":
      resolveInit(m.wasmPaths);
      break;
    case "start": {
      stopRun();
      const r: Run = { id: m.runId, cancelled: false, paused: m.paused ?? false, steps: 0 };
      run = r;
      queue = queue.then(() => runRace(r, m.race));
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
  }
};
