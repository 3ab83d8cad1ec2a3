// A race split across workers learns exactly what it learns in one: the split (race-groups.ts),
// the merge, and the pooled pull (worker/race-pool.ts), driven here with in-process parts.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import { race, type RaceConfig, type RaceSnapshot } from "../../src/components/compare/race.ts";
import {
  MAX_RACE_WORKERS,
  mergeRaceSnapshots,
  splitRace,
  workersForRace,
} from "../../src/components/compare/race-groups.ts";
import { softHardRace, SOFT_HARD_DEFAULTS } from "../../src/components/compare/compare-configs.ts";
import {
  helperPart,
  localPart,
  pooledRace,
  type HelperWorker,
  type RacePart,
} from "../../src/components/worker/race-pool.ts";
import type { ToWorker } from "../../src/components/worker/messages.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { SMALL_RACE } from "../support/small-race.ts";

before(() => useNodeBackend());

const small = SMALL_RACE;

async function* plain(config: RaceConfig): AsyncGenerator<RaceSnapshot> {
  for await (const { checkpoints: _, ...s } of race(config)) yield s;
}

async function all(run: AsyncGenerator<RaceSnapshot>): Promise<RaceSnapshot[]> {
  const out: RaceSnapshot[] = [];
  for await (const s of run) out.push(s);
  return out;
}

/** What a snapshot says about the models, without the wall-clock figures. */
const models = (s: RaceSnapshot) => s.lanes.map(({ msPerStep: _, ...lane }) => lane);

describe("a race split across workers", () => {
  it("splits every lane into exactly one group, balancing hard (dear) and soft lanes", () => {
    const soft = softHardRace(SOFT_HARD_DEFAULTS);
    const groups = splitRace(soft, 2);
    assert.equal(groups.length, 2);
    assert.deepEqual(groups.flatMap((g) => g.lanes.map((l) => l.id)).sort(), soft.lanes.map((l) => l.id).sort());
    // A hard lane costs two soft ones: 3 hard + 3 soft = 9 units, split 5 and 4.
    const cost = (g: RaceConfig) => g.lanes.reduce((n, l) => n + (l.config.mode === "hard" ? 2 : 1), 0);
    assert.deepEqual(groups.map(cost).sort(), [4, 5]);
    assert.equal(splitRace(soft, 1).length, 1);
    assert.equal(splitRace(soft, 99).length, soft.lanes.length, "never more groups than lanes");
    assert.deepEqual(splitRace(soft, 0)[0].lanes, soft.lanes, "at least one group, in the race's order");
  });

  it("uses one worker per core up to four, one on WebGL, and never splits a helper's group again", () => {
    const six = { lanes: [1, 2, 3, 4, 5, 6] };
    assert.equal(workersForRace(six, "wasm", 2), 2);
    assert.equal(workersForRace(six, "wasm", 16), MAX_RACE_WORKERS);
    assert.equal(workersForRace({ lanes: [1] }, "wasm", 8), 1);
    assert.equal(workersForRace(six, "webgl", 8), 1);
    assert.equal(workersForRace({ ...six, helper: true }, "wasm", 8), 1);
    assert.equal(workersForRace(six, "cpu", 0), 1);
  });

  it("merges the groups' snapshots into the race's own lane order", () => {
    const snap = (step: number, ids: string[], finished: boolean): RaceSnapshot => ({
      step,
      totalSteps: 20,
      finished,
      backend: "wasm",
      lanes: ids.map((id) => ({ id }) as RaceSnapshot["lanes"][number]),
    });
    const merged = mergeRaceSnapshots(small, [snap(10, ["dot"], true), snap(20, ["soft", "hard"], false)]);
    assert.deepEqual(
      merged.lanes.map((l) => l.id),
      ["soft", "hard", "dot"],
    );
    assert.equal(merged.step, 20);
    assert.equal(merged.finished, false, "finished only when every group is");
  });

  it("gives the same models, report by report, as one worker racing them all; frees every tensor", async () => {
    const before = tf.memory().numTensors;
    const alone = await all(plain(small));
    const groups = splitRace(small, 2);
    const pooled = await all(
      pooledRace(
        small,
        groups.map((g) => localPart(plain(g))),
      ),
    );
    assert.equal(pooled.length, alone.length);
    pooled.forEach((s, i) => {
      assert.equal(s.step, alone[i].step);
      assert.equal(s.finished, alone[i].finished);
      assert.deepEqual(models(s), models(alone[i]));
    });
    assert.ok(pooled.at(-1)!.finished);
    assert.equal(tf.memory().numTensors, before);
  });

  it("stopping the pooled race stops every part", async () => {
    const before = tf.memory().numTensors;
    const run = pooledRace(
      small,
      splitRace(small, 3).map((g) => localPart(plain(g))),
    );
    await run.next();
    await run.return(undefined);
    await new Promise((r) => setTimeout(r, 10)); // the parts' finally blocks run on their own return
    assert.equal(tf.memory().numTensors, before);
  });

  it("asks the helpers for their report before this worker computes its own, so they run at the same time", async () => {
    const order: string[] = [];
    async function* local(): AsyncGenerator<RaceSnapshot> {
      for (let step = 1; step <= 2; step++) {
        order.push(`local computes report ${step}`); // synchronous, like race()'s training steps
        yield { step, totalSteps: 2, finished: step === 2, lanes: [], backend: "wasm" };
      }
    }
    const remote = (): RacePart => {
      let step = 0;
      return {
        next: () => {
          order.push(`helper asked for report ${++step}`);
          return Promise.resolve({ step, totalSteps: 2, finished: step === 2, lanes: [], backend: "wasm" });
        },
        stop: () => undefined,
      };
    };
    await all(pooledRace({ ...small, lanes: [] }, [localPart(local()), remote()]));
    assert.deepEqual(order, [
      "helper asked for report 1",
      "local computes report 1",
      "helper asked for report 2",
      "local computes report 2",
    ]);
  });

  it("a helper worker is pulled one report at a time, and its failure reaches the race", async () => {
    const posted: ToWorker[] = [];
    const listeners: ((e: MessageEvent) => void)[] = [];
    let terminated = false;
    const worker: HelperWorker = {
      postMessage: (m) => posted.push(m),
      addEventListener: ((type: string, l: (e: MessageEvent) => void) =>
        void (type === "message" && listeners.push(l))) as HelperWorker["addEventListener"],
      terminate: () => void (terminated = true),
    };
    const send = (data: unknown) => listeners.forEach((l) => l({ data } as MessageEvent));
    const part = helperPart(worker, small, { type: "init", wasmPaths: {}, use: "wasm" });
    assert.deepEqual(
      posted.map((m) => m.type),
      ["init", "start"],
    );
    assert.equal((posted[1] as { paused?: boolean }).paused, true, "it never runs ahead of the page");
    const first = part.next();
    assert.equal(posted.at(-1)!.type, "step");
    const snapshot = { step: 5, totalSteps: 20, finished: false, lanes: [], backend: "wasm" };
    send({ type: "snapshot", runId: 1, snapshot });
    assert.deepEqual(await first, snapshot);
    const second = part.next();
    send({ type: "run-error", runId: 1, message: "out of memory" });
    await assert.rejects(second, /out of memory/);
    await assert.rejects(part.next(), /out of memory/);
    part.stop();
    assert.ok(terminated);
  });
});
