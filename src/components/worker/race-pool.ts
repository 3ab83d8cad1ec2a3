// A race run by several workers at once (compare/race-groups.ts says which models go where):
// this worker trains one group itself and pulls the others from helper workers, one report at
// a time, so no helper runs ahead of the page and pausing the race pauses all of them. The
// helpers are built by serveWorker too: they are started paused and pulled with "step".
import { mergeRaceSnapshots } from "../compare/race-groups.js";
import type { RaceConfig, RaceSnapshot } from "../compare/race.js";
import type { FromWorker, ToWorker } from "./messages.js";

/** One group's race, pulled a report at a time; `undefined` once it has ended. */
export interface RacePart {
  next(): Promise<RaceSnapshot | undefined>;
  stop(): void;
}

export type InitMessage = Extract<ToWorker, { type: "init" }>;

/** The part of a Worker used here (tests pass a fake). */
export interface HelperWorker {
  postMessage(message: ToWorker): void;
  addEventListener(type: "message", listener: (e: MessageEvent<FromWorker<RaceSnapshot>>) => void): void;
  addEventListener(type: "error", listener: (e: ErrorEvent) => void): void;
  terminate(): void;
}

/** A group raced in a helper worker; any failure there rejects the next pull with its message. */
export function helperPart(worker: HelperWorker, race: RaceConfig, init: InitMessage): RacePart {
  const waiting: { resolve: (s: RaceSnapshot | undefined) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;
  let ended = false;
  const fail = (message: string) => {
    failure ??= new Error(message);
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.addEventListener("message", (e) => {
    const m = e.data;
    if (m.type === "snapshot") waiting.shift()?.resolve(m.snapshot);
    else if (m.type === "end") {
      ended = true;
      for (const w of waiting.splice(0)) w.resolve(undefined);
    } else if (m.type === "run-error" || m.type === "backend-error") fail(m.message);
  });
  worker.addEventListener("error", (e) => {
    e.preventDefault?.();
    fail(`A helper worker of the race stopped: ${e.message || "it failed to load or crashed"}.`);
  });
  worker.postMessage(init);
  worker.postMessage({ type: "start", runId: 1, payload: race, paused: true });
  return {
    next() {
      if (failure) return Promise.reject(failure);
      if (ended) return Promise.resolve(undefined);
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage({ type: "step" });
      });
    },
    stop: () => worker.terminate(), // frees the helper's models with it
  };
}

/**
 * A group raced by this worker's own generator. Its steps run synchronously, a whole report's
 * worth inside `run.next()`, so it first lets the caller go on: pooledRace then asks every
 * helper for its report before this group computes, and the workers compute at the same time
 * rather than in turn (measured on the soft-vs-hard race: the 2 cores were idle a quarter of
 * the time before).
 */
export function localPart(run: AsyncGenerator<RaceSnapshot, unknown, undefined>): RacePart {
  return {
    next: async () => {
      await null;
      const r = await run.next();
      return r.done ? undefined : r.value;
    },
    stop: () => void run.return(undefined), // its finally frees the group's tensors
  };
}

/**
 * The whole race from its parts: each report pulls every unfinished part once, in parallel,
 * and yields the merged snapshot. Stopping the race (return) or a failing part stops them all.
 */
export async function* pooledRace(race: RaceConfig, parts: RacePart[]): AsyncGenerator<RaceSnapshot> {
  const latest: (RaceSnapshot | undefined)[] = parts.map(() => undefined);
  const ended = parts.map(() => false);
  try {
    while (!ended.every(Boolean)) {
      const pulled = await Promise.all(parts.map((p, i) => (ended[i] ? undefined : p.next())));
      pulled.forEach((s, i) => {
        if (s === undefined) ended[i] = true;
        else latest[i] = s;
      });
      if (latest.some((s) => s === undefined)) continue; // a part that ended before any report
      const merged = mergeRaceSnapshots(race, latest as RaceSnapshot[]);
      yield merged;
      if (merged.finished) return;
    }
  } finally {
    for (const p of parts) p.stop();
  }
}
