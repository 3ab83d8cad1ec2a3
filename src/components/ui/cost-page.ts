// The cost page's wiring, written once: the worker client, controls from its spec
// (pages/cost.ts), the Measure toolbar and the figures. The figures draw the committed
// snapshot's measurements at once, without waiting for the worker, and the reader's own
// when they press Measure; they redraw only when a whole input length is measured (all
// variants at it) or the run ends, each in its own short task.
import type { WorkerSource } from "../worker/client.js";
import { peakOffsets, peakSentence } from "../analysis/alignment.js";
import { attentionHeatmap } from "../charts/attentionHeatmap.js";
import { redrawLineChart } from "../charts/lineChart.js";
import {
  attentionShare,
  costFormat,
  costRows,
  costSeries,
  formatBytes,
  growthSummary,
  localVersusGlobal,
  sameCharacterShare,
  scoreExample,
  type CostSnapshot,
} from "../cost/cost-figures.js";
import type { CostState } from "../cost/cost-state.js";
import type { CostConfig, CostPoint } from "../cost/cost-variants.js";
import type { WeightsSource } from "../worker/weights-source.js";
import { costClient, type CostClient } from "../pages/live.js";
import type { PageSpec, Settings } from "../pages/spec.js";
import { backendBadge } from "./backend-badge.js";
import { liveElement, liveFigure } from "./live-figure.js";
import { pageControls, type PageControls } from "./page-controls.js";
import { figure } from "./page-figures.js";
import { bindShortcuts, presenterToggle } from "./presenter.js";
import { copyLinkButton } from "./share-link.js";
import { WASM_PATHS } from "./wasm-paths.js";
import { thousands } from "../format.js";

/** The part of the attention page's snapshot the cost page draws and loads. */
export interface AttentionPicture {
  config: { task: string };
  /** Its weights' URL (FileAttachment(...).href), fetched by the worker. */
  weights: WeightsSource;
  probe: { source: string; sourceTokens: string[]; output: string; outputTokens: string[]; weights: number[][] };
}

/** What the measured figures show: the reader's points once there are any, else the snapshot's. */
export interface Shown {
  points: CostPoint[];
  mine: boolean;
  /** Where the points come from, in words (machine, backend, batch, repeats). */
  source: string;
  batch: number;
}

export interface CostPage {
  client: CostClient;
  controls: PageControls;
  toolbar: HTMLElement;
  /** The backend badge for the prose. */
  badge: HTMLElement;
  /** Keeps the settings for the next Measure and the address bar in step (measuring waits for the button). */
  configure(settings: Settings): void;
  /** The narration's 50 × 50 example for these settings' window. */
  example(settings: Settings): { global: number; local: number };
  stepFigure: HTMLElement;
  decodeFigure: HTMLElement;
  scoreFigure: HTMLElement;
  finding: HTMLElement;
  table: HTMLElement;
  /** The encoder–decoder and self-attention heatmaps side by side (follows the sentence control). */
  selfAttention: HTMLElement;
  /** The take-away sentence, from the snapshot's measurements. */
  takeaway: string;
  dispose(): void;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
};

function progressText(s: CostState, snapshot: CostSnapshot): string {
  return {
    snapshot: `Showing the build machine's figures (${snapshot.backend}).`,
    measuring: `Measuring in your browser: ${s.points.length} of ${s.expected} points…`,
    done: `Your browser's figures: ${s.points.length} points.`,
    stopped: `Stopped after ${s.points.length} points.`,
    error: `Measuring failed: ${s.message ?? "unknown error"}`,
  }[s.status];
}

function table(shown: Shown): HTMLElement {
  const t = el("table", "glimpse-cost-table");
  t.createCaption().textContent = `Every measured point. Memory: the attention weights of one batch of ${shown.batch} sentences, 4 bytes each.`;
  const head = t.createTHead().insertRow();
  for (const h of [
    "Variant",
    "Input length",
    "Scores per sentence",
    "Memory per batch",
    "ms per step",
    "ms per decode",
  ]) {
    const th = el("th");
    th.scope = "col";
    th.textContent = h;
    head.append(th);
  }
  const body = t.createTBody();
  for (const r of costRows(shown.points)) {
    const row = body.insertRow();
    Object.assign(row.dataset, {
      variant: r.variant,
      length: r.length,
      msStep: r.msPerStep,
      scores: r.scores,
      source: shown.mine ? "reader" : "snapshot",
    });
    const th = el("th");
    th.scope = "row";
    th.textContent = r.variant;
    row.append(th);
    const cells = [r.length, thousands(r.scores), formatBytes(r.bytes), costFormat(r.msPerStep)];
    for (const v of [...cells, costFormat(r.msPerDecode)]) row.insertCell().textContent = String(v);
  }
  const wrap = el("div", "glimpse-cost-table-wrap");
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", "Measured points");
  wrap.append(t);
  return wrap;
}

export function costPage(
  spec: PageSpec<Partial<CostConfig>>,
  snapshot: CostSnapshot,
  attention: AttentionPicture,
  workerUrl: WorkerSource,
): CostPage {
  const client = costClient(workerUrl, { checkpoint: attention.weights, task: attention.config.task }, WASM_PATHS);
  const controls = pageControls(spec);
  const disposers: (() => void)[] = [];
  let config = spec.config(controls.element.value);
  let backend = "starting";
  const toggle = () => (client.running ? client.stop() : client.start(config));
  disposers.push(bindShortcuts({ "play-pause": toggle, reset: () => controls.reset() }));

  const button = el("button", "glimpse-measure");
  button.type = "button";
  button.addEventListener("click", toggle);
  const progress = el("span", "glimpse-cost-progress");
  progress.setAttribute("role", "status");
  const toolbar = el("div", "glimpse-cost-toolbar");
  toolbar.append(button, progress, copyLinkButton(), presenterToggle());
  disposers.push(
    client.subscribe((s) => {
      button.textContent = s.status === "measuring" ? "Stop" : "Measure";
      button.dataset.status = s.status;
      progress.textContent = progressText(s, snapshot);
      if (s.status === "measuring" && s.points.length === 0) {
        void client.backend.then(
          (b) => (backend = b.name),
          () => (backend = "unavailable"),
        );
      }
    }),
  );

  const shownOf = (s: CostState): Shown => {
    const mine = s.points.length > 0;
    if (!mine) {
      const c = snapshot.config;
      const source = `Measured on the build machine (${snapshot.machine}), TensorFlow.js backend ${snapshot.backend}, batch of ${c.batchSize}, median of ${c.repeats}, on ${snapshot.date}.`;
      return { points: snapshot.points, mine, source, batch: c.batchSize };
    }
    const run = client.lastStart ?? config;
    const how = s.status === "measuring" ? "Being measured" : "Measured";
    const source = `${how} in your browser, TensorFlow.js backend ${backend}, batch of ${run.batchSize}, median of ${run.repeats}.`;
    return { points: s.points, mine, source, batch: run.batchSize ?? 0 };
  };
  // The figures' subscription: now (the snapshot), then at each whole length or run end, `delay` ms later.
  const measured =
    (delay: number) =>
    (redraw: (v: Shown) => void): (() => void) => {
      let last = "";
      let first = true;
      const timers = new Set<ReturnType<typeof setTimeout>>();
      const stop = client.subscribe((s) => {
        const lengths = s.status === "measuring" ? Math.floor(s.points.length / s.variants) : s.points.length;
        const key = `${s.status}:${lengths}`;
        // A run with no whole length yet changes nothing drawn: keep the figures already shown.
        if (key === last || (s.status === "measuring" && lengths === 0)) return;
        last = key;
        const shown = shownOf(s);
        if (first || delay <= 0) redraw(shown);
        else {
          const t = setTimeout(() => (timers.delete(t), redraw(shown)), delay);
          timers.add(t);
        }
        first = false;
      });
      return () => {
        for (const t of timers) clearTimeout(t);
        stop();
      };
    };
  const live = (f: { element: HTMLElement; dispose(): void }) => (disposers.push(f.dispose), f.element);
  const ms = (v: number) => `${costFormat(v)} ms`;
  const xLabel = "input length (characters)";

  const stepFigure = live(
    liveFigure<Shown>({
      subscribe: measured(0),
      exportName: "Time per training step",
      draw: (v, width, previous) => ({
        chart: redrawLineChart(previous, costSeries(v.points, "msPerStep"), {
          width,
          height: 240,
          xLabel,
          yLabel: "ms per training step",
          label: "Time per training step by input length",
          yFormat: ms,
        }),
        caption: `${v.source} Look at how the lines spread apart as the input grows. ${growthSummary(v.points, "msPerStep")}`,
      }),
    }),
  );
  const decodeFigure = live(
    liveFigure<Shown>({
      subscribe: measured(40),
      exportName: "Time to decode a batch",
      draw: (v, width, previous) => ({
        chart: redrawLineChart(previous, costSeries(v.points, "msPerDecode"), {
          width,
          height: 240,
          xLabel,
          yLabel: "ms per decoded batch",
          label: "Time to decode a batch by input length",
          yFormat: ms,
        }),
        caption: `Decoding writes one character at a time, scoring the input at every step. ${growthSummary(v.points, "msPerDecode")}`,
      }),
    }),
  );
  const scoreFigure = live(
    liveFigure<Shown>({
      subscribe: measured(80),
      exportName: "Attention scores per sentence",
      draw: (v, width, previous) => {
        const longest = Math.max(...v.points.map((p) => p.length));
        const at = (name: string) =>
          thousands(v.points.find((p) => p.length === longest && p.variant.startsWith(name))?.scoresPerSentence ?? 0);
        return {
          chart: redrawLineChart(
            previous,
            costSeries(v.points, "scoresPerSentence").filter((s) => s.points.some((p) => p.y > 0)),
            {
              width,
              height: 220,
              xLabel,
              yLabel: "attention scores per sentence",
              label: "Attention scores per sentence by input length",
              yFormat: (y) => thousands(y),
            },
          ),
          caption: `Global attention's count curves upwards (n × m); local attention's becomes a straight line once the input is longer than its window. At ${longest} characters: ${at("global")} scores for global attention, ${at("local")} for local.`,
        };
      },
    }),
  );
  // What these measurements say about the window, computed from them (it can go either way).
  const finding = live(
    liveElement<Shown>(measured(80), (v) => {
      const p = el("p", "glimpse-cost-finding");
      p.textContent = localVersusGlobal(v.points);
      return p;
    }),
  );
  // The same points as a table: counts, memory and times, for reading exact numbers aloud.
  const tableElement = live(liveElement<Shown>(measured(120), table));

  // The snapshot's self-attention picture at once for its sentence; any other from the worker,
  // which computes it from the checkpoint the Attention page ships.
  const selfAttention = el("div", "glimpse-cost-pair");
  const textInput = controls.inputs.text;
  textInput.classList.add("glimpse-advanced");
  let shownText: string | undefined;
  let result: { ok: true; value: CostSnapshot["selfAttention"] } | { ok: false; message: string } | undefined;
  let drawnWidth = 0;
  const heatWidth = () => {
    const w = selfAttention.clientWidth || Math.min(document.documentElement.clientWidth - 32, 960);
    return Math.min(w < 640 ? w : (w - 24) / 2, 480);
  };
  const drawPair = () => {
    drawnWidth = heatWidth();
    const probe = attention.probe;
    const encDec = attentionHeatmap(probe.weights, {
      sources: probe.sourceTokens,
      targets: probe.outputTokens,
      width: drawnWidth,
      label: "Encoder–decoder attention of the pretrained model",
    });
    const parts: Node[] = [
      figure(
        encDec,
        `Encoder–decoder: "${probe.source}" (columns) → "${probe.output}" (rows): small anti-diagonals, one per word. ${peakSentence(peakOffsets(probe))}`,
      ),
    ];
    if (result?.ok) {
      const s = result.value;
      const chart = attentionHeatmap(s.weights, {
        sources: s.tokens,
        targets: s.tokens,
        width: drawnWidth,
        label: "Self-attention of the encoder states",
      });
      const diagonal = s.weights.reduce((sum, row, i) => sum + row[i], 0) / s.weights.length;
      const share = sameCharacterShare(s.tokens, s.weights);
      parts.push(
        figure(
          chart,
          `Self-attention: "${s.tokens.join("")}" against itself (rows and columns alike). On average a position keeps ${Math.round(diagonal * 100)}% of its weight for itself. For ${share.same} of ${share.total} positions the largest weight after its own goes to the same character elsewhere: look along each row for its twins, such as the spaces.`,
        ),
      );
    } else if (result) {
      const p = el("p", "glimpse-cost-message");
      p.setAttribute("role", "status");
      p.textContent = result.message;
      parts.push(p);
    }
    selfAttention.replaceChildren(...parts);
  };
  const showText = (text: string) => {
    if (text === shownText) return;
    shownText = text;
    result = text === snapshot.selfAttention.text ? { ok: true, value: snapshot.selfAttention } : undefined;
    drawPair();
    if (result) return;
    client.request<CostSnapshot["selfAttention"]>("self-attention", text).then(
      (value) => text === shownText && ((result = { ok: true, value }), drawPair()),
      (e: Error) => text === shownText && ((result = { ok: false, message: e.message }), drawPair()),
    );
  };
  showText(String(textInput.value));
  const onText = () => showText(String(textInput.value));
  textInput.addEventListener("input", onText);
  disposers.push(() => textInput.removeEventListener("input", onText));
  if (typeof ResizeObserver !== "undefined") {
    const resize = new ResizeObserver(() => heatWidth() !== drawnWidth && drawPair());
    resize.observe(selfAttention);
    disposers.push(() => resize.disconnect());
  }

  return {
    client,
    controls,
    toolbar,
    badge: backendBadge(client.backend),
    configure(settings) {
      config = spec.config(settings);
      controls.sync(settings);
    },
    example: (settings) => scoreExample(50, 50, Number(settings.radius)),
    stepFigure,
    decodeFigure,
    scoreFigure,
    finding,
    table: tableElement,
    selfAttention,
    takeaway: attentionShare(snapshot.points),
    dispose() {
      for (const d of disposers) d();
      client.terminate();
    },
  };
}
