// What a page racing several models in one worker wires up, written once: the client, controls
// from the page's spec, the toolbar, the shortcuts, and figures that redraw themselves at an
// evaluation (most) or at every report (the loss curve). scoring.md and soft-vs-hard.md make
// one and add their own figures (scoring-figures.ts, soft-hard-figures.ts).
import type { WorkerSource } from "../worker/client.js";
import type { CompareSnapshot, CompareState } from "../compare/compare-state.js";
import type { RaceConfig } from "../compare/race.js";
import { compareClient, type CompareClient } from "../pages/live.js";
import type { PageSpec, Settings } from "../pages/spec.js";
import { compareControls } from "./compare-controls.js";
import { liveFigure, type LiveFigureOptions } from "./live-figure.js";
import { pageControls, type PageControls } from "./page-controls.js";
import { bindShortcuts, presenterToggle } from "./presenter.js";
import { copyLinkButton } from "./share-link.js";
import { WASM_PATHS } from "./wasm-paths.js";

export interface ComparePage {
  client: CompareClient;
  snapshot: CompareSnapshot;
  controls: PageControls;
  toolbar: HTMLElement;
  /** Retrains when the race changed (a spec that gives no race keeps the last one); keeps the URL in step. */
  configure(settings: Settings): void;
  /**
   * Calls `redraw(state)` now and at every evaluation of any model (and when a run starts or
   * ends); `delay` ms later for the later calls, so the figures of one evaluation redraw in
   * separate short tasks rather than one long one.
   */
  evaluated(redraw: (s: CompareState) => void, delay?: number): () => void;
  /** Calls `redraw(state)` now and at most every `ms` (the loss curves). */
  reported(redraw: (s: CompareState) => void, ms?: number): () => void;
  /** A figure redrawn by `subscribe` (evaluated or reported), disposed with the page. */
  figure(o: LiveFigureOptions<CompareState>): HTMLElement;
  /** Registers a clean-up for the page's invalidation. */
  own(dispose: () => void): void;
  dispose(): void;
}

export function comparePage(
  spec: PageSpec<RaceConfig | undefined>,
  snapshot: CompareSnapshot,
  workerUrl: WorkerSource,
): ComparePage {
  const client = compareClient(workerUrl, snapshot, WASM_PATHS);
  const controls = pageControls(spec);
  const disposers: (() => void)[] = [];
  const reset = () => {
    client.reset();
    controls.reset();
  };
  disposers.push(bindShortcuts({ "play-pause": () => client.toggle(), step: () => client.step(), reset }));
  const toolbar = document.createElement("div");
  toolbar.className = "glimpse-toolbar";
  toolbar.append(compareControls(client, { onReset: () => controls.reset() }), copyLinkButton(), presenterToggle());
  const evaluationKey = (s: CompareState) =>
    `${s.runId}:${s.status}:${s.lanes.map((l) => l.evaluatedAt).join(",")}:${s.lanes.length}`;
  const page: ComparePage = {
    client,
    snapshot,
    controls,
    toolbar,
    configure(settings) {
      const race = spec.config(settings);
      if (race) client.configure(race);
      controls.sync(settings);
    },
    evaluated: (redraw, delay = 0) => client.watch(evaluationKey, () => redraw(client.state), { delay }),
    reported: (redraw, ms = 250) => client.every(ms, redraw),
    figure(o) {
      const f = liveFigure(o);
      disposers.push(f.dispose);
      return f.element;
    },
    own: (d) => void disposers.push(d),
    dispose() {
      for (const d of disposers) d();
      client.terminate();
    },
  };
  return page;
}
