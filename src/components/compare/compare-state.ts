// What a comparison page shows about its models, as a pure reducer over the worker's messages:
// the pretrained race from the committed snapshot first, then a live one. DOM-free so unit
// tests (and the snapshot script) can drive it.
import type { Checkpoint } from "../model/index.js";
import type { LaneSnapshot, RaceConfig, RaceSnapshot } from "./race.js";

export type CompareStatus = "pretrained" | "starting" | "training" | "paused" | "done" | "error";

export interface HistoryPoint {
  step: number;
  loss: number;
  /** Exact match at this step when it was an evaluation step. */
  exactMatch?: number;
}

/** A race trained beforehand (src/data/<page>-snapshot.json, scripts/make-compare-snapshots.ts). */
export interface CompareSnapshot {
  format: "glimpse-compare-snapshot@1";
  /** How to make it again. */
  command: string;
  race: RaceConfig;
  final: RaceSnapshot;
  history: Record<string, HistoryPoint[]>;
}

/** The weights behind a snapshot, kept in their own file so pages need not load them. */
export interface CompareCheckpoints {
  format: "glimpse-compare-checkpoints@1";
  checkpoints: Record<string, Checkpoint>;
}

export interface CompareState {
  /** Which run the figures belong to (0: the committed snapshot). */
  runId: number;
  status: CompareStatus;
  reason?: string;
  race: RaceConfig;
  step: number;
  totalSteps: number;
  lanes: LaneSnapshot[];
  history: Record<string, HistoryPoint[]>;
  backend?: string;
  /** Workers sharing the live race (one when absent). */
  workers?: number;
}

export function pretrainedCompareState(s: CompareSnapshot): CompareState {
  return {
    runId: 0,
    status: "pretrained",
    race: s.race,
    step: s.final.step,
    totalSteps: s.final.totalSteps,
    lanes: s.final.lanes,
    history: s.history,
    backend: s.final.backend,
  };
}

/** A fresh run: every lane listed, nothing measured yet. */
export function startedCompareState(runId: number, race: RaceConfig, paused = false): CompareState {
  return {
    runId,
    status: paused ? "paused" : "starting",
    race,
    step: 0,
    totalSteps: race.steps,
    lanes: race.lanes.map((l) => ({
      id: l.id,
      status: "training",
      loss: NaN,
      tokenAccuracy: 0,
      exactMatch: 0,
      exactMatchByLength: [],
      evaluatedAt: 0,
      parameterCount: 0,
      msPerStep: 0,
    })),
    history: Object.fromEntries(race.lanes.map((l) => [l.id, []])),
  };
}

/** Folds one race snapshot into the state; snapshots of an older run are ignored. */
export function withRaceSnapshot(state: CompareState, runId: number, s: RaceSnapshot): CompareState {
  if (runId !== state.runId) return state;
  const history: Record<string, HistoryPoint[]> = { ...state.history };
  for (const lane of s.lanes) {
    const before = history[lane.id] ?? [];
    const previous = before[before.length - 1];
    // A lane that stopped (diverged) repeats its last figures: add nothing for it.
    if (lane.status === "diverged" || !Number.isFinite(lane.loss) || (previous && previous.step >= s.step)) continue;
    const point: HistoryPoint = { step: s.step, loss: lane.loss };
    if (lane.evaluatedAt === s.step) point.exactMatch = lane.exactMatch;
    history[lane.id] = [...before, point];
  }
  const status = s.finished ? "done" : state.status === "paused" ? "paused" : "training";
  return {
    ...state,
    status,
    step: s.step,
    totalSteps: s.totalSteps,
    lanes: s.lanes,
    history,
    backend: s.backend,
    workers: s.workers,
  };
}
