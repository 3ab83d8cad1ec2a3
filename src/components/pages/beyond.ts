// The "Beyond translation" page's spec: an image captioner (Xu et al. 2015, "Show, Attend and
// Tell", in miniature) and a story reader (a memory network) trained by one worker. The controls
// set the captioner's grid, hidden size, shapes per scene, seed and attention mode; the story
// reader trains with its own defaults and the same seed. `config(settings)` gives both runs.
import type { SavedCaptioner } from "../model/captioner.js";
import type { StoryAnswer, StoryReaderCheckpoint } from "../model/story-reader.js";
import type { CaptionProbe } from "../train/caption.js";
import { DEFAULT_CAPTION, type CaptionConfig } from "../train/caption-config.js";
import { DEFAULT_STORY_TRAIN, type StoryTrainConfig } from "../train/story-config.js";
import { WorkerClient, type ClientModel, type WorkerSource } from "../worker/client.js";
import type { BeyondReport, BeyondStart } from "../worker/beyond-protocol.js";
import type { BeyondCaptionSnapshot, BeyondStorySnapshot } from "./beyond-snapshot.js";
import type { PageSpec, Settings } from "./spec.js";

/**
 * The page's captioner: the CLI's model and data (8×8 grid, 2–3 shapes, soft attention) with a
 * shorter run than the CLI's 800 steps, so that Train finishes in a few minutes in a browser;
 * the page states the figures this budget reaches (from its snapshot), not the CLI's.
 */
export const BEYOND_CAPTION_DEFAULTS: CaptionConfig = { ...DEFAULT_CAPTION, steps: 500 };
/** The page's story reader: the CLI's defaults (300 steps, one hop, up to 6 sentences). */
export const BEYOND_STORY_DEFAULTS: StoryTrainConfig = { ...DEFAULT_STORY_TRAIN };

export interface BeyondConfig {
  caption: CaptionConfig;
  story: StoryTrainConfig;
}

export const beyondSpec: PageSpec<BeyondConfig> = {
  page: "beyond",
  controls: [
    {
      key: "grid",
      kind: "radio",
      label: "Attention grid",
      numeric: true,
      options: [
        { value: "4", label: "4 × 4" },
        { value: "8", label: "8 × 8" },
      ],
      default: String(BEYOND_CAPTION_DEFAULTS.grid),
    },
    {
      key: "mode",
      kind: "radio",
      label: "Attention",
      options: [
        { value: "soft", label: "Soft" },
        { value: "hard", label: "Hard (REINFORCE)" },
      ],
      default: BEYOND_CAPTION_DEFAULTS.mode,
    },
    {
      key: "shapes",
      kind: "range",
      label: "Most shapes per image",
      min: 2,
      max: 4,
      step: 1,
      default: BEYOND_CAPTION_DEFAULTS.maxShapes,
    },
    {
      key: "hidden",
      kind: "range",
      label: "Decoder hidden size",
      min: 16,
      max: 128,
      step: 16,
      default: BEYOND_CAPTION_DEFAULTS.hiddenSize,
      advanced: true,
    },
    {
      key: "seed",
      kind: "range",
      label: "Seed",
      min: 1,
      max: 99,
      step: 1,
      default: BEYOND_CAPTION_DEFAULTS.seed,
      advanced: true,
    },
  ],
  config(s: Settings): BeyondConfig {
    const seed = Number(s.seed);
    return {
      caption: {
        ...BEYOND_CAPTION_DEFAULTS,
        grid: Number(s.grid),
        mode: s.mode === "hard" ? "hard" : "soft",
        maxShapes: Number(s.shapes),
        minShapes: Math.min(BEYOND_CAPTION_DEFAULTS.minShapes, Number(s.shapes)),
        hiddenSize: Number(s.hidden),
        seed,
      },
      story: { ...BEYOND_STORY_DEFAULTS, seed },
    };
  },
};

/** What one model's figures show: the snapshot's, then the live run's latest evaluation. */
export interface ModelFigures<Probe> {
  step: number;
  loss: number;
  exactMatch: number;
  metrics: Record<string, number>;
  probe: Probe;
  evaluatedAt: number;
  /** Whether these figures are a live run's (not the pretrained snapshot's). */
  live: boolean;
}

export interface BeyondState {
  runId: number;
  status: "pretrained" | "starting" | "training" | "paused" | "done" | "diverged" | "error";
  /** The model the current (or last) run trains. */
  training?: "caption" | "story";
  totalSteps: number;
  reason?: string;
  caption: ModelFigures<CaptionProbe>;
  story: ModelFigures<StoryAnswer>;
}

const fromSnapshot = <P>(s: {
  step: number;
  exactMatch: number;
  metrics: Record<string, number>;
  probe: P;
  history: { loss: number }[];
}): ModelFigures<P> => ({
  step: s.step,
  loss: s.history.at(-1)?.loss ?? NaN,
  exactMatch: s.exactMatch,
  metrics: s.metrics,
  probe: s.probe,
  evaluatedAt: s.step,
  live: false,
});

/** How the page's state follows its worker (pure: tested in Node). */
export function beyondModel(
  caption: BeyondCaptionSnapshot,
  story: BeyondStorySnapshot,
): ClientModel<BeyondState, BeyondStart, BeyondReport> {
  return {
    initial: {
      runId: 0,
      status: "pretrained",
      totalSteps: 0,
      caption: fromSnapshot(caption),
      story: fromSnapshot(story),
    },
    started(runId, start, paused) {
      return {
        ...this.initial,
        runId,
        status: paused ? "paused" : "starting",
        training: start.model,
        totalSteps: start.config.steps,
      };
    },
    reduce(state, runId, r) {
      if (runId !== state.runId) return state;
      const s = r.snapshot;
      const old = state[r.model];
      // Until the run's first evaluation the figures stay the last measured ones (step and loss move).
      const figures: ModelFigures<unknown> =
        s.evaluatedAt > 0
          ? {
              step: s.step,
              loss: s.loss,
              exactMatch: s.exactMatch,
              metrics: s.metrics ?? {},
              probe: s.probe ?? old.probe,
              evaluatedAt: s.evaluatedAt,
              live: true,
            }
          : { ...old, step: s.step, loss: s.loss };
      const status = s.status === "training" ? (state.status === "paused" ? "paused" : "training") : s.status;
      return { ...state, status, reason: s.reason, [r.model]: figures };
    },
    failed: (state, message) => ({ ...state, status: "error", reason: message }),
    ended: (state, cancelled) =>
      cancelled && ["starting", "training", "paused"].includes(state.status)
        ? { ...state, status: "error", reason: "Training stopped before it finished. Press Train to start again." }
        : state,
  };
}

/** The page's one worker; every fresh worker (and Reset) loads the pretrained checkpoints. */
export function beyondClient(
  url: WorkerSource,
  snapshots: { caption: BeyondCaptionSnapshot; story: BeyondStorySnapshot },
  /** The pretrained checkpoints, or their files' URLs (FileAttachment(...).href), fetched by the worker. */
  checkpoints: { caption: SavedCaptioner | string; story: StoryReaderCheckpoint | string },
  wasmPaths: Record<string, string> = {},
): WorkerClient<BeyondState, BeyondStart, BeyondReport> {
  return new WorkerClient(url, beyondModel(snapshots.caption, snapshots.story), {
    wasmPaths,
    // The pretrained captioner's settings: configure() with the page's defaults starts nothing.
    initialStart: { model: "caption", config: snapshots.caption.config } satisfies BeyondStart,
    setup: (c) => {
      c.request("load", checkpoints).catch((e: Error) => {
        if (c.state.runId === 0)
          c.set({ ...c.state, status: "error", reason: `The pretrained models could not be loaded: ${e.message}` });
      });
    },
  });
}

export type { BeyondReport, BeyondStart };
