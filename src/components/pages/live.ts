// The three kinds of live page as WorkerClients (worker/client.ts): what their state is and
// how a worker's snapshots fold into it. The client, its run loop and its protocol are the
// shared ones; a page kind is a ClientModel (pure functions) and a few named requests.
import { WorkerClient, type ClientModel, type RunState, type WorkerSource } from "../worker/client.js";
import type { TrainingReport, TrainingStart, WeightsFile } from "../worker/training-protocol.js";
import type { Translation } from "../model/index.js";
import type { TrainConfig } from "../train/index.js";
import type { PageSnapshot } from "../state/page-snapshot.js";
import { pretrainedState, startedState, withSnapshot, type TrainerState } from "../state/trainer-state.js";
import {
  pretrainedCompareState,
  startedCompareState,
  withRaceSnapshot,
  type CompareSnapshot,
  type CompareState,
} from "../compare/compare-state.js";
import type { RaceConfig } from "../compare/race.js";
import type { CostState } from "../cost/cost-state.js";
import type { CostConfig, CostPoint } from "../cost/cost-variants.js";
import type { WeightsSource } from "../worker/weights-source.js";

export type TrainingClient = WorkerClient<TrainerState, TrainingStart, TrainingReport>;
export type CompareClient = WorkerClient<CompareState, RaceConfig, RaceRunSnapshot>;
export type CostClient = WorkerClient<CostState, Partial<CostConfig>, CostPoint>;
type RaceRunSnapshot = Parameters<typeof withRaceSnapshot>[2];

/** How a training page's state follows its worker (pure: tested in Node). */
export function trainingModel(
  snapshot: PageSnapshot,
  liveSteps?: number,
): ClientModel<TrainerState, TrainingStart, TrainingReport> {
  return {
    initial: pretrainedState(snapshot),
    started: (runId, start, paused) => startedState(runId, liveSteps ?? start.config.steps ?? 1000, paused),
    reduce: (state, runId, r) => withSnapshot(state, runId, r.snapshot, r.context),
    failed: (state, message) => ({ ...state, status: "error", reason: message }),
    // A run the page did not stop ended early: say so rather than show "training" forever.
    ended: (state, cancelled) =>
      cancelled && ["starting", "training", "paused"].includes(state.status)
        ? { ...state, status: "error", reason: "Training stopped before it finished. Press Train to start again." }
        : state,
  };
}

export interface TrainingClientOptions {
  /** The pretrained weights, or the URL of their file: the worker fetches them, the page never waits. */
  weights: WeightsSource;
  /** Send the bottleneck pictures (context vectors and their projection) with each evaluation. */
  context?: boolean;
  /** Steps of a live run (the snapshot was trained longer). */
  liveSteps?: number;
  wasmPaths?: Record<string, string>;
}

/**
 * The training worker for a page whose pretrained model is `snapshot` (its weights: `options.weights`).
 * Every fresh worker and every reset loads those weights; a failed load shows as an error the reader sees.
 */
export function trainingClient(
  url: WorkerSource,
  snapshot: PageSnapshot,
  options: TrainingClientOptions,
): TrainingClient {
  const liveSteps = options.liveSteps;
  const client: TrainingClient = new WorkerClient(url, trainingModel(snapshot, liveSteps), {
    wasmPaths: options.wasmPaths,
    initialStart: trainingStart(snapshot.config, options.context ?? false, liveSteps),
    setup: (c: TrainingClient) => {
      c.request("load", { checkpoint: options.weights, config: snapshot.config }).catch((e: Error) => {
        if (c.state.runId === 0) c.set({ ...c.state, status: "error", reason: e.message });
      });
    },
  });
  return client;
}

/** Trains `config` from scratch with the page's step budget. */
export function trainingStart(config: Partial<TrainConfig>, context = false, liveSteps?: number): TrainingStart {
  return { config: { ...config, steps: liveSteps ?? config.steps }, context };
}

export const translateWith = (client: TrainingClient, text: string): Promise<Translation> =>
  client.request<Translation>("translate", text);

export const exportWeights = (client: TrainingClient): Promise<WeightsFile> => client.request<WeightsFile>("export");

/**
 * Replaces the model with a checked file's weights and shows its pictures: the probe is decoded
 * again by the loaded weights. A refused file leaves the run and the figures as they were.
 */
export async function importWeights(client: TrainingClient, file: WeightsFile, name: string): Promise<void> {
  await client.request("import", file);
  const probe = await translateWith(client, file.config.probe ?? "").catch(() => undefined);
  // runId -1: not the pretrained snapshot, and no run's late snapshots fold into it.
  const shown = trainingStart(file.config, client.lastStart?.context ?? false, client.lastStart?.config.steps);
  client.show(
    { ...startedState(-1, 0), status: "loaded", reason: `Showing the weights loaded from ${name}.`, probe },
    shown,
  );
}

export function compareModel(snapshot: CompareSnapshot): ClientModel<CompareState, RaceConfig, RaceRunSnapshot> {
  return {
    initial: pretrainedCompareState(snapshot),
    started: (runId, race, paused) => startedCompareState(runId, race, paused),
    reduce: withRaceSnapshot,
    failed: (state, message) => ({ ...state, status: "error", reason: message }),
  };
}

export function compareClient(
  url: WorkerSource,
  snapshot: CompareSnapshot,
  wasmPaths: Record<string, string> = {},
): CompareClient {
  return new WorkerClient(url, compareModel(snapshot), { wasmPaths, initialStart: snapshot.race });
}

export const costModel: ClientModel<CostState, Partial<CostConfig>, CostPoint> = {
  initial: { runId: 0, status: "snapshot", points: [], expected: 0, variants: 1 },
  started: (runId, config) => {
    const variants = config.variants?.length ?? 1;
    return { runId, status: "measuring", points: [], expected: (config.lengths?.length ?? 0) * variants, variants };
  },
  reduce: (state, runId, point) => (runId === state.runId ? { ...state, points: [...state.points, point] } : state),
  ended: (state, cancelled) => ({ ...state, status: cancelled ? "stopped" : "done" }),
  failed: (state, message) => ({ ...state, status: "error", message }),
  running: (state) => state.status === "measuring",
};

/** The cost page's worker; every fresh one loads the pretrained encoder the self-attention view reads. */
export function costClient(
  url: WorkerSource,
  encoder: { checkpoint: WeightsSource; task: string },
  wasmPaths: Record<string, string> = {},
): CostClient {
  const client: CostClient = new WorkerClient(url, costModel, {
    wasmPaths,
    setup: (c: CostClient) => void c.request("load", encoder).catch(() => undefined), // self-attention then says why
  });
  // A failed backend is the measurement's failure too.
  client.backend.catch((e: Error) => client.set({ ...client.state, status: "error", message: e.message }));
  return client;
}

/** A page that trains nothing has nothing to run: its worker only chooses a backend. */
export const idleModel: ClientModel<RunState, never, never> = {
  initial: { runId: 0, status: "idle" },
  started: (runId) => ({ runId, status: "idle" }),
  reduce: (state) => state,
  failed: (state) => state,
};

/** The worker of worker/backend-worker.ts: its `backend` is the one the live pages' workers would choose. */
export function backendClient(spawn: WorkerSource, wasmPaths: Record<string, string> = {}): WorkerClient<RunState> {
  return new WorkerClient(spawn, idleModel, { wasmPaths });
}
