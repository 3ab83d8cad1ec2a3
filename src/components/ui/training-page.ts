// Everything a page with one live seq2seq model wires up, written once: the worker client,
// controls from the page's spec, the toolbar (train / step / reset, the divergence fix, copy
// link, presenter mode), the keyboard shortcuts, and the figures. A page (attention.md,
// bottleneck.md) makes one with its spec and snapshot and displays the parts it narrates.
import type { WorkerSource } from "../worker/client.js";
import { accuracyByLength } from "../charts/accuracyByLength.js";
import { redrawAttentionHeatmap } from "../charts/attentionHeatmap.js";
import { redrawLineChart } from "../charts/lineChart.js";
import { scatterPlot } from "../charts/scatterPlot.js";
import { vectorStrip } from "../charts/vectorStrip.js";
import { exportButtons } from "../export/download.js";
import type { Translation } from "../model/index.js";
import type { TrainerState } from "../state/trainer-state.js";
import type { LengthAccuracy } from "../train/index.js";
import { trainingClient, trainingStart, translateWith, type TrainingClient } from "../pages/live.js";
import type { Settings } from "../pages/spec.js";
import type { TrainingSpec } from "../pages/training-spec.js";
import type { ContextPicture, PageSnapshot } from "../state/page-snapshot.js";
import type { TaskName } from "../tasks/index.js";
import { attentionView } from "./attention-view.js";
import { chartWidth, liveFigure, widthRuler, type LiveFigure } from "./live-figure.js";
import { pageControls, type PageControls } from "./page-controls.js";
import { lengthSummary, lossSeries } from "./page-figures.js";
import { bindShortcuts, presenterToggle } from "./presenter.js";
import { copyLinkButton } from "./share-link.js";
import { trainerControls } from "./trainer-controls.js";
import { trySentence } from "./try-sentence.js";
import { longerThanTrained } from "../pages/lesson-text.js";
import { weightsControls } from "./weights-file.js";
import { WASM_PATHS } from "./wasm-paths.js";
import type { WeightsSource } from "../worker/weights-source.js";
import { thousands } from "../format.js";

export interface TrainingPage {
  client: TrainingClient;
  controls: PageControls;
  /** Train / Step / Reset, the status line, the divergence fix, Copy link and presenter mode. */
  toolbar: HTMLElement;
  /** Called by the page's cell with the controls' value: retrains when they changed, keeps the URL in step. */
  configure(settings: Settings): void;
  /** The loss curve, live or pretrained, redrawn at most every 400 ms. */
  lossFigure(options?: { height?: number }): HTMLElement;
  /** Exact match by input length, with the page's comparison curves (`extra`) under the live one. */
  lengthFigure(options?: LengthFigureOptions): HTMLElement;
  /** The probe's attention matrix with the step walker (attention models). */
  attentionMatrix(): HTMLElement;
  /** The probe's context vector (bottleneck models). */
  contextStrip(): HTMLElement;
  /** Every held-out sentence's context vector, projected to 2-D (bottleneck models). */
  contextScatter(): HTMLElement;
  /** "Try your own sentence", asked again whenever the model changes. */
  trySentence(options?: { heatmap?: boolean; value?: string }): HTMLElement;
  /** Download / load weights. */
  weights(): HTMLElement;
  dispose(): void;
}

export interface LengthFigureOptions {
  /** Curves drawn with the model's: pretrained comparisons from the snapshot. */
  compare?: { name: string; values: PageSnapshot["exactMatchByLength"] }[];
  /** The caption for the pretrained comparison (the live model's summary is appended). */
  caption?: string;
  label?: string;
  exportName?: string;
  /** Name of the live curve. */
  liveName?: string;
  /** Draw the live curve only while this is true (e.g. the comparison's task). */
  live?: () => boolean;
}

const isLiveState = (status: string) => status !== "pretrained";

export interface TrainingPageFiles {
  /** The training worker: startWorker(import.meta.resolve("./components/worker/training-worker.js")) (ui/early-worker.ts). */
  worker: WorkerSource;
  /** The pretrained weights' URL (FileAttachment(...).href), fetched by the worker. */
  weights: WeightsSource;
  /** Send the bottleneck pictures (context vectors) with each evaluation. */
  context?: boolean;
}

export function trainingPage(
  spec: TrainingSpec,
  snapshot: PageSnapshot,
  { worker, weights, context = false }: TrainingPageFiles,
): TrainingPage {
  const liveSteps = spec.defaults.steps;
  const client = trainingClient(worker, snapshot, { weights, context, liveSteps, wasmPaths: WASM_PATHS });
  const controls = pageControls(spec);
  const disposers: (() => void)[] = [];
  const own = (f: LiveFigure) => (disposers.push(f.dispose), f.element);
  const reset = () => {
    client.reset();
    controls.reset();
  };
  disposers.push(bindShortcuts({ "play-pause": () => client.toggle(), step: () => client.step(), reset }));

  const toolbar = document.createElement("div");
  toolbar.className = "glimpse-toolbar";
  const extras = document.createElement("div");
  extras.className = "glimpse-toolbar-extras";
  extras.append(presenterToggle(), copyLinkButton());
  const buttons = trainerControls(client, {
    onReset: () => controls.reset(),
    onLowerRate: () => controls.set({ rate: spec.retryRate(Number(controls.element.value.rate)) }),
  });
  toolbar.append(buttons, extras);

  // A model version: changes at every evaluation and whenever a run starts, ends or loads.
  const version = (s: TrainingClient["state"]) =>
    `${s.runId}:${s.status === "training" ? Math.floor(s.step / 100) : s.step}:${s.status}`;
  const probeOf = (s: TrainingClient["state"]) => s.probe;
  // The bottleneck picture changes only at an evaluation; drawn a moment after the others.
  const watchContext = (redraw: (c: ContextPicture) => void) =>
    client.watch(
      (s) => s.context ?? snapshot.context,
      (c) => c && redraw(c),
      { delay: 240 },
    );

  return {
    client,
    controls,
    toolbar,
    configure(settings) {
      client.configure(trainingStart(spec.config(settings), context, liveSteps));
      controls.sync(settings);
    },
    lossFigure: ({ height = 220 } = {}) =>
      own(
        liveFigure<TrainerState>({
          subscribe: (redraw) => client.every(400, redraw),
          exportName: "Loss curve",
          draw: (s, width, previous) => ({
            chart: redrawLineChart(previous, lossSeries(s, snapshot), {
              width,
              height,
              yScale: "log",
              xLabel: "training step",
              yLabel: "loss (log scale)",
              label: "Training loss by step",
            }),
            caption:
              s.status === "pretrained"
                ? `The loss of the pretrained model fell to ${s.loss.toFixed(3)} over ${thousands(s.step)} steps.`
                : `Live training: loss ${Number.isFinite(s.loss) ? s.loss.toFixed(3) : "not yet measured"} at step ${s.step}.`,
          }),
        }),
      ),
    lengthFigure: (o = {}) =>
      own(
        liveFigure<LengthAccuracy[]>({
          // Redrawn a moment after the other figures of an evaluation: one short task each.
          subscribe: (redraw) => client.watch((s) => s.exactMatchByLength, redraw, { delay: 120 }),
          exportName: o.exportName ?? "Exact match by input length",
          draw: (byLength, width) => {
            const live = isLiveState(client.state.status) && byLength.length > 0 && (o.live?.() ?? true);
            const compare = o.compare ?? [{ name: "pretrained", values: snapshot.exactMatchByLength }];
            return {
              chart: accuracyByLength(
                [...(live ? [{ name: o.liveName ?? "live model", values: byLength }] : []), ...compare],
                { width, height: 240, label: o.label ?? "Exact match by input length" },
              ),
              caption: o.caption
                ? `${o.caption}${live ? ` Live model: ${lengthSummary(byLength)}` : ""}`
                : lengthSummary(live ? byLength : snapshot.exactMatchByLength),
            };
          },
        }),
      ),
    attentionMatrix() {
      // Reading clientWidth in a redraw forced a layout of the page after the toolbar's writes.
      const ruler = widthRuler();
      const view = attentionView({ width: () => chartWidth(ruler) });
      disposers.push(() => (view.dispose(), ruler.dispose()));
      disposers.push(
        client.watch(probeOf, (probe) => {
          const s = client.state;
          const who =
            s.status === "pretrained"
              ? "Pretrained model"
              : s.status === "loaded"
                ? "Loaded model"
                : `Live model at step ${s.step}`;
          const text = probe?.source ?? client.lastStart?.config.probe ?? snapshot.config.probe;
          view.update(probe, `${who}, attention for “${text}”`);
        }),
      );
      const wrap = document.createElement("div");
      wrap.append(ruler.element, view.element);
      wrap.append(exportButtons(() => view.svg(), "Attention matrix"));
      return wrap;
    },
    contextStrip: () =>
      own(
        liveFigure<ContextPicture>({
          subscribe: watchContext,
          exportName: "Context vector",
          draw: (c, width) => ({
            chart: vectorStrip(c.probe, { width, label: `Context vector for "${snapshot.config.probe}"` }),
            caption: `${c.probe.length} numbers, from ${Math.min(...c.probe).toFixed(2)} to ${Math.max(...c.probe).toFixed(2)}.`,
          }),
        }),
      ),
    contextScatter: () =>
      own(
        liveFigure<ContextPicture>({
          subscribe: watchContext,
          exportName: "Context vectors projected",
          draw: (c, width) => ({
            chart: scatterPlot(c.points, {
              width,
              height: Math.min(360, width * 0.8),
              groupScale: "sequential",
              xLabel: "first principal component",
              yLabel: "second",
              label: "Context vectors of held-out sentences, projected to 2-D, coloured by length",
            }),
            caption: `The two axes explain ${(c.explained[0] * 100).toFixed(0)}% and ${(c.explained[1] * 100).toFixed(0)}% of the variation between the ${c.points.length} vectors.`,
          }),
        }),
      ),
    trySentence({ heatmap = false, value } = {}) {
      const heatmaps = sentenceHeatmaps();
      // The model the answer comes from: the live run's settings, or the pretrained snapshot's.
      const currentConfig = () => ({ maxLength: snapshot.config.maxLength, ...client.lastStart?.config });
      const trial = trySentence({
        task: () => (client.lastStart?.config.task ?? snapshot.config.task) as TaskName,
        // The pretrained model's answer to its probe sentence is in the snapshot (the same model:
        // test/unit/snapshot-answers.test.ts): the box answers it at once, before the worker has
        // loaded TensorFlow.js (issue 13); any other sentence, or another model, asks the worker.
        translate: (text) =>
          client.state.status === "pretrained" && snapshot.probe && text === snapshot.probe.source
            ? Promise.resolve(snapshot.probe)
            : translateWith(client, text),
        value: value ?? client.lastStart?.config.probe ?? snapshot.config.probe,
        extra: heatmap ? (t) => (t?.weights ? heatmaps(t) : null) : undefined,
        // Longer than any training input: say so, and still show the model's answer.
        note: (text) => longerThanTrained(text, currentConfig()),
      });
      let first = true;
      // Ask again whenever the model has changed.
      disposers.push(
        client.watch(version, () => {
          if (!first) trial.refresh();
          first = false;
        }),
      );
      return trial.element;
    },
    weights: () => weightsControls(client, spec, (settings) => controls.set(settings)),
    dispose() {
      for (const d of disposers) d();
      client.terminate();
    },
  };
}

// The "try your own" heatmap, redrawn in place while the sentence keeps its length (a training
// run asks again at every evaluation, and the answer's characters change): a new chart only for
// a sentence of another length.
export function sentenceHeatmaps(doc?: Document): (t: Translation) => SVGSVGElement {
  let last: SVGSVGElement | undefined;
  return (t) =>
    (last = redrawAttentionHeatmap(last, t.weights as number[][], {
      sources: t.sourceTokens,
      targets: t.outputTokens.map((c) => (c === "</s>" ? "end" : c)),
      scores: t.scores,
      width: 560,
      label: `Attention for “${t.source}”`,
      document: doc,
    }));
}
