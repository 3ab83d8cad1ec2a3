// The Transformer page as a WorkerClient: its state (the Transformer's figures, and the GRU's
// beside them while they race), how the worker's reports fold into it, and the pretrained
// snapshot it starts from. Pure functions: tested in Node.
import { WorkerClient, type ClientModel, type WorkerSource } from "../worker/client.js";
import type { CostFigures } from "../analysis/honest-costs.js";
import type { Translation } from "../model/index.js";
import type { PositionKind, TransformerTranslation } from "../model/transformer/index.js";
import type { TrainerStatus } from "../state/trainer-state.js";
import type { LossPoint } from "../state/page-snapshot.js";
import type { LengthAccuracy, TrainConfig } from "../train/index.js";
import { stepsTo, type RaceReport, type Runner, type TransformerStart } from "../train/transformer-race-report.js";
import type { TransformerTrainConfig } from "../train/transformer.js";

export interface RunnerFigures {
  step: number;
  exactMatch: number;
  exactMatchByLength: LengthAccuracy[];
  /** First evaluated step at 95% exact match; null: not within the run. */
  stepsTo95: number | null;
  msPerStep: number;
  kernelsPerStep: number;
  history: { step: number; exactMatch: number }[];
}

/** src/data/transformer-snapshot.json (scripts/make-transformer-snapshot.ts). */
export interface TransformerPageSnapshot {
  config: Partial<TransformerTrainConfig>;
  gruConfig?: Partial<TrainConfig>;
  backend: string;
  step: number;
  loss: number;
  exactMatch: number;
  exactMatchByLength: LengthAccuracy[];
  lossHistory: LossPoint[];
  probe: TransformerTranslation;
  encodings?: number[][];
  race: { transformer: RunnerFigures; gru: RunnerFigures & { probe: Translation } };
  noPositions: RunnerFigures & { probe: TransformerTranslation };
  costs: CostFigures;
}

export interface RunnerView extends RunnerFigures {
  status: "waiting" | "training" | "done" | "diverged";
  totalSteps: number;
  evaluatedAt: number;
  /** Stopped at the race's time cap before its step budget. */
  capped: boolean;
}

export interface TransformerPageState {
  runId: number;
  status: TrainerStatus;
  reason?: string;
  /** The Transformer's figures (what the toolbar's status line reads). */
  step: number;
  totalSteps: number;
  loss: number;
  exactMatch: number;
  exactMatchByLength: LengthAccuracy[];
  evaluatedAt: number;
  stepsPerSecond: number;
  backend?: string;
  lossHistory: LossPoint[];
  probe?: TransformerTranslation;
  encodings?: number[][];
  positions: PositionKind;
  runners: { transformer: RunnerView; gru?: RunnerView };
}

export type TransformerClient = WorkerClient<TransformerPageState, TransformerStart, RaceReport>;

const pretrainedRunner = (f: RunnerFigures): RunnerView => ({
  ...f,
  status: "done",
  totalSteps: f.step,
  evaluatedAt: f.step,
  capped: false,
});

export function pretrainedTransformerState(s: TransformerPageSnapshot): TransformerPageState {
  return {
    runId: 0,
    status: "pretrained",
    step: s.step,
    totalSteps: s.step,
    loss: s.loss,
    exactMatch: s.exactMatch,
    exactMatchByLength: s.exactMatchByLength,
    evaluatedAt: s.step,
    stepsPerSecond: 0,
    lossHistory: s.lossHistory,
    probe: s.probe,
    encodings: s.encodings,
    positions: s.config.positions ?? "sinusoidal",
    runners: { transformer: pretrainedRunner(s.race.transformer), gru: pretrainedRunner(s.race.gru) },
  };
}

const waitingRunner = (totalSteps: number): RunnerView => ({
  step: 0,
  totalSteps,
  exactMatch: 0,
  exactMatchByLength: [],
  stepsTo95: null,
  msPerStep: 0,
  kernelsPerStep: 0,
  history: [],
  status: "waiting",
  evaluatedAt: -1,
  capped: false,
});

export function startedTransformerState(runId: number, start: TransformerStart, paused: boolean): TransformerPageState {
  const steps = start.config.steps ?? 0;
  return {
    runId,
    status: paused ? "paused" : "starting",
    step: 0,
    totalSteps: steps,
    loss: NaN,
    exactMatch: 0,
    exactMatchByLength: [],
    evaluatedAt: -1,
    stepsPerSecond: 0,
    lossHistory: [],
    positions: start.config.positions ?? "sinusoidal",
    runners: {
      transformer: waitingRunner(steps),
      gru: start.gru ? waitingRunner(start.gru.steps ?? steps) : undefined,
    },
  };
}

function foldRunner(v: RunnerView, r: RaceReport): RunnerView {
  const s = r.snapshot;
  const fresh = s.evaluatedAt !== v.evaluatedAt && s.status !== "diverged";
  const history = fresh ? [...v.history, { step: s.evaluatedAt, exactMatch: s.exactMatch }] : v.history;
  return {
    step: s.step,
    totalSteps: s.totalSteps,
    exactMatch: s.exactMatch,
    exactMatchByLength: fresh ? s.exactMatchByLength : v.exactMatchByLength,
    evaluatedAt: fresh ? s.evaluatedAt : v.evaluatedAt,
    history,
    stepsTo95: stepsTo(history, 0.95) ?? null,
    msPerStep: r.msPerStep,
    kernelsPerStep: r.kernelsPerStep,
    status: s.status,
    capped: v.capped || r.capped,
  };
}

const sameTable = (a: number[][], b: number[][] | undefined) =>
  !!b && a.length === b.length && a.every((row, i) => row.length === b[i].length && row.every((v, k) => v === b[i][k]));

/** Folds one report into the state; reports of another run are ignored. */
export function withRaceReport(state: TransformerPageState, runId: number, r: RaceReport): TransformerPageState {
  if (runId !== state.runId) return state;
  const runners = { ...state.runners };
  const lane: Runner = r.runner;
  const before = runners[lane] ?? waitingRunner(r.snapshot.totalSteps);
  runners[lane] = foldRunner(before, r);
  const all = [runners.transformer, runners.gru].filter((v): v is RunnerView => !!v);
  const finished = all.every((v) => v.status === "done" || v.status === "diverged");
  const next: TransformerPageState = { ...state, runners };
  next.status = finished ? "done" : state.status === "paused" ? "paused" : "training";
  if (lane !== "transformer") return next;
  const s = r.snapshot;
  const t = runners.transformer;
  if (s.status === "diverged") return { ...next, reason: s.reason, status: finished ? "diverged" : next.status };
  return {
    ...next,
    step: s.step,
    totalSteps: s.totalSteps,
    loss: s.loss,
    exactMatch: s.exactMatch,
    exactMatchByLength: t.exactMatchByLength,
    evaluatedAt: t.evaluatedAt,
    stepsPerSecond: s.stepsPerSecond,
    backend: s.backend,
    lossHistory: Number.isFinite(s.loss) ? [...state.lossHistory, { step: s.step, loss: s.loss }] : state.lossHistory,
    // Every report repeats the last evaluation's probe (a fresh copy after postMessage): keep the
    // object the figures already show unless this report brings a new evaluation, so the heads,
    // the query and its KaTeX redraw at an evaluation, not at every report.
    probe:
      t.evaluatedAt !== state.evaluatedAt
        ? ((s.probe as TransformerTranslation | undefined) ?? state.probe)
        : state.probe,
    // Sinusoidal encodings come again, unchanged, at every evaluation: keep the object shown.
    encodings:
      r.encodings && !sameTable(r.encodings, state.encodings)
        ? r.encodings
        : state.positions === "none"
          ? undefined
          : state.encodings,
  };
}

export function transformerModel(
  snapshot: TransformerPageSnapshot,
): ClientModel<TransformerPageState, TransformerStart, RaceReport> {
  return {
    initial: pretrainedTransformerState(snapshot),
    started: startedTransformerState,
    reduce: withRaceReport,
    failed: (state, message) => ({ ...state, status: "error", reason: message }),
    ended: (state, cancelled) =>
      cancelled && ["starting", "training", "paused"].includes(state.status)
        ? { ...state, status: "error", reason: "Training stopped before it finished. Press Train to start again." }
        : state,
  };
}

export function transformerClient(
  url: WorkerSource,
  snapshot: TransformerPageSnapshot,
  initialStart: TransformerStart,
  wasmPaths: Record<string, string> = {},
): TransformerClient {
  return new WorkerClient(url, transformerModel(snapshot), { wasmPaths, initialStart });
}
