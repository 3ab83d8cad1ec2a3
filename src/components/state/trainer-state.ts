// What a page shows about its model, as a pure reducer over the worker's messages: the
// pretrained snapshot first, then a live run. DOM-free so unit tests can drive it.
import type { Translation } from "../model/index.js";
import type { LengthAccuracy, TrainSnapshot } from "../train/index.js";
import type { ContextPicture, LossPoint, PageSnapshot } from "./page-snapshot.js";

export type TrainerStatus =
  "pretrained" | "starting" | "training" | "paused" | "done" | "diverged" | "error" | "loaded";

export interface TrainerState {
  /** Which run the figures belong to (0: the committed snapshot). */
  runId: number;
  status: TrainerStatus;
  /** Why training stopped (diverged or failed), for the reader. */
  reason?: string;
  step: number;
  totalSteps: number;
  loss: number;
  exactMatch: number;
  exactMatchByLength: LengthAccuracy[];
  /** Step of the last evaluation: the accuracy arrays keep their identity until it changes,
   * so pages can redraw those charts only when they have something new to show. */
  evaluatedAt: number;
  probe?: Translation;
  lossHistory: LossPoint[];
  context?: ContextPicture;
  stepsPerSecond: number;
  backend?: string;
}

export function pretrainedState(s: PageSnapshot): TrainerState {
  return {
    runId: 0,
    status: "pretrained",
    step: s.step,
    totalSteps: s.step,
    loss: s.loss,
    exactMatch: s.exactMatch,
    exactMatchByLength: s.exactMatchByLength,
    evaluatedAt: s.step,
    probe: s.probe,
    lossHistory: s.lossHistory,
    context: s.context,
    stepsPerSecond: 0,
  };
}

export function startedState(runId: number, totalSteps: number, paused = false): TrainerState {
  return {
    runId,
    status: paused ? "paused" : "starting",
    step: 0,
    totalSteps,
    loss: NaN,
    exactMatch: 0,
    exactMatchByLength: [],
    evaluatedAt: -1,
    lossHistory: [],
    stepsPerSecond: 0,
  };
}

/** Folds one training snapshot into the state; snapshots of an older run are ignored. */
export function withSnapshot(
  state: TrainerState,
  runId: number,
  s: Omit<TrainSnapshot, "checkpoint">,
  context?: ContextPicture,
): TrainerState {
  if (runId !== state.runId) return state;
  const diverged = s.status === "diverged";
  const fresh = !diverged && s.evaluatedAt !== state.evaluatedAt;
  return {
    ...state,
    status: diverged ? "diverged" : s.status === "done" ? "done" : state.status === "paused" ? "paused" : "training",
    reason: s.reason,
    step: s.step,
    totalSteps: s.totalSteps,
    // A diverged loss (NaN, huge) stays out of the curve and the figures: the reason says it.
    loss: diverged ? state.loss : s.loss,
    lossHistory:
      diverged || !Number.isFinite(s.loss) ? state.lossHistory : [...state.lossHistory, { step: s.step, loss: s.loss }],
    exactMatch: diverged ? state.exactMatch : s.exactMatch,
    exactMatchByLength: fresh ? s.exactMatchByLength : state.exactMatchByLength,
    evaluatedAt: fresh ? s.evaluatedAt : state.evaluatedAt,
    probe: fresh ? (s.probe ?? state.probe) : state.probe,
    context: diverged ? state.context : (context ?? state.context),
    stepsPerSecond: s.stepsPerSecond,
    backend: s.backend,
  };
}
