// The soft-vs-hard page's figures, each redrawn by the page's race (compare-page.ts): the
// probe's soft weights and hard picks, soft attention re-sharpened at the reader's τ (no
// retraining), loss and exact match as bands over seeds, the findings and the table.
import { redrawAttentionHeatmap } from "../charts/attentionHeatmap.js";
import { redrawLineChart } from "../charts/lineChart.js";
import { pct, seedBand, tableRows, type Metric } from "../compare/compare-figures.js";
import type { CompareState } from "../compare/compare-state.js";
import { softHardFindings, summariseMode } from "../compare/findings.js";
import { meanEntropyBits, meanPeak, softmaxRows } from "../compare/temperature.js";
import { exportButtons } from "../export/download.js";
import type { ComparePage } from "./compare-page.js";
import { compareTable, paragraphs, raceTableText } from "./compare-table.js";
import { heatmapMultiples } from "./heatmap-multiples.js";
import { liveElement } from "./live-figure.js";
import { figure } from "./page-figures.js";

const ids = (s: CompareState, mode: "soft" | "hard") =>
  s.race.lanes.filter((l) => l.config.mode === mode).map((l) => l.id);
const bands = (s: CompareState, metric: Metric) => [
  seedBand(s.history, ids(s, "soft"), "soft attention", metric),
  seedBand(s.history, ids(s, "hard"), "hard attention", metric),
];
const EMPTY = "Measured after 50 steps.";

export function softHardFigures(page: ComparePage) {
  const lane = (s: CompareState, mode: string) => s.lanes.find((l) => l.id.startsWith(mode));
  const own = (f: { element: HTMLElement; dispose: () => void }) => (page.own(f.dispose), f.element);
  return {
    multiples(): HTMLElement {
      const multiples = heatmapMultiples({ cellSize: 13 });
      page.own(
        page.evaluated((s) => {
          const soft = lane(s, "soft")?.probe;
          const hard = lane(s, "hard")?.probe;
          multiples.update([
            { id: "soft", label: "soft: weights α", translation: soft, empty: EMPTY },
            { id: "hard-picks", label: "hard: sampled picks", translation: hard, show: "picks", empty: EMPTY },
            { id: "hard-alpha", label: "hard: α it samples from", translation: hard, empty: EMPTY },
          ]);
        }),
      );
      const wrap = document.createElement("div");
      wrap.append(
        multiples.element,
        exportButtons(() => multiples.chart("hard-picks"), "Hard attention picks"),
      );
      return wrap;
    },
    /** The soft model's scores through a softmax at the slider's τ; recoloured in place as it moves. */
    temperature(): HTMLElement {
      const slider = page.controls.inputs.sharpness;
      const root = document.createElement("div");
      let svg: SVGSVGElement | undefined;
      const draw = () => {
        const probe = lane(page.client.state, "soft")?.probe;
        const tau = Number(slider.value);
        const sharpened = probe?.scores ? softmaxRows(probe.scores, tau) : undefined;
        if (!probe || !sharpened) {
          const note = paragraphs(["The soft model has not been measured yet."], "glimpse-note");
          note.classList.add("glimpse-temperature");
          root.replaceChildren(note);
          return;
        }
        // The figure's caption names the temperature; the chart's own label stays put as it is recoloured.
        svg = redrawAttentionHeatmap(svg, sharpened, {
          sources: probe.sourceTokens,
          targets: probe.outputTokens,
          cellSize: 14,
          label: "Soft attention at the chosen temperature",
        });
        const n = probe.sourceTokens.length;
        const f = figure(
          svg,
          `At τ = ${tau.toFixed(2)} each row's largest weight is ${pct(meanPeak(sharpened))} on average and its entropy ${meanEntropyBits(sharpened).toFixed(2)} bits (0 bits is one position, ${Math.log2(n).toFixed(2)} bits is all ${n} equally).`,
        );
        f.classList.add("glimpse-temperature");
        root.replaceChildren(
          f,
          exportButtons(() => svg, "Soft attention at a temperature"),
        );
      };
      slider.addEventListener("input", draw);
      page.own(page.evaluated(draw, 60));
      page.own(() => slider.removeEventListener("input", draw));
      const wrap = document.createElement("div");
      wrap.className = "glimpse-temperature-panel";
      wrap.append(slider, root);
      return wrap;
    },
    loss: () =>
      page.figure({
        subscribe: (redraw) => page.reported(redraw),
        exportName: "Loss soft vs hard",
        draw: (s, width, previous) => ({
          chart: redrawLineChart(previous, bands(s, "loss"), {
            width,
            height: 230,
            yScale: "log",
            xLabel: "training step",
            yLabel: "loss (log scale)",
            label: "Training loss by step: mean over seeds, shaded from the best to the worst seed",
          }),
          caption:
            "The line is the mean over three seeds; the shaded band runs from the best seed to the worst. A wider band and a more jagged line mean less predictable training. Hard attention's loss includes its policy and entropy terms, so compare the shapes more than the levels.",
        }),
      }),
    exactMatch: () =>
      page.figure({
        subscribe: (redraw) => page.evaluated(redraw, 120),
        exportName: "Exact match soft vs hard",
        draw: (s, width, previous) => ({
          chart: redrawLineChart(previous, bands(s, "exactMatch"), {
            width,
            height: 230,
            yDomain: [0, 1],
            xLabel: "training step",
            yLabel: "exact match (held-out)",
            label: "Exact match by step: mean over seeds, shaded from the best to the worst seed",
            yFormat: pct,
          }),
          caption: `Exact match on ${s.race.base.testSize} held-out sentences, every ${s.race.base.evalEvery} steps; hard attention is evaluated with its argmax pick.`,
        }),
      }),
    findings: () =>
      own(
        liveElement<CompareState>(
          (redraw) => page.evaluated(redraw, 180),
          (s) => {
            const of = (mode: "soft" | "hard") => s.lanes.filter((l) => ids(s, mode).includes(l.id));
            const soft = summariseMode(of("soft"), s.history);
            const hard = summariseMode(of("hard"), s.history);
            return paragraphs(softHardFindings(soft, hard, s.race.threshold, s.step), "glimpse-findings");
          },
        ),
      ),
    table: () =>
      own(
        liveElement<CompareState>(
          (redraw) => page.evaluated(redraw, 240),
          (s) =>
            compareTable(
              tableRows(s.lanes, Object.fromEntries(s.race.lanes.map((l) => [l.id, l.label])), s.race.threshold),
              {
                rowHeader: "model",
                stepsHeader: `steps to ${pct(s.race.threshold)}`,
                caption: raceTableText(s).caption,
                note: `${raceTableText(s).stepsNote} Milliseconds per step are measured in the worker that trains the model, where the models it holds take turns (the pretrained figures on the machine that made them).`,
              },
            ),
        ),
      ),
  };
}
