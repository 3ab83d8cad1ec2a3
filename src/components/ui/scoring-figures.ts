// The scoring page's figures, each redrawn by the page's race (compare-page.ts): the probe's
// attention under every scoring function, exact match and loss by step, the table and the
// findings in words.
import { redrawLineChart } from "../charts/lineChart.js";
import { SCORE_LABELS, type ScoreKind } from "../compare/compare-configs.js";
import { laneSeries, pct, tableRows } from "../compare/compare-figures.js";
import type { CompareState } from "../compare/compare-state.js";
import { scoringFindings } from "../compare/findings.js";
import { exportButtons } from "../export/download.js";
import type { ComparePage } from "./compare-page.js";
import { compareTable, paragraphs, raceTableText } from "./compare-table.js";
import { heatmapMultiples } from "./heatmap-multiples.js";
import { decoderDiagram, DIAGRAM_CAPTION } from "../charts/decoderDiagram.js";
import { figure } from "./page-figures.js";
import { liveElement } from "./live-figure.js";

const label = (id: string) => SCORE_LABELS[id as ScoreKind] ?? id;
const lanesOf = (s: CompareState) => s.race.lanes.map((l) => ({ id: l.id, label: label(l.id) }));

/** Bahdanau's and Luong's decoder steps side by side, with their export buttons. */
export function decoderDiagrams(): HTMLElement {
  const diagrams = document.createElement("div");
  diagrams.className = "glimpse-diagrams";
  const bahdanau = decoderDiagram("bahdanau", { width: 300 });
  const luong = decoderDiagram("luong", { width: 300 });
  diagrams.append(bahdanau, luong);
  const wrap = document.createElement("div");
  wrap.append(
    figure(diagrams, DIAGRAM_CAPTION),
    exportButtons(() => bahdanau, "Bahdanau decoder step", { label: "Bahdanau" }),
    exportButtons(() => luong, "Luong decoder step", { label: "Luong" }),
  );
  return wrap;
}

export function scoringFigures(page: ComparePage) {
  return {
    /** One attention matrix per model, recoloured in place at each evaluation. */
    multiples(): HTMLElement {
      const multiples = heatmapMultiples({ cellSize: 13 });
      page.own(
        page.evaluated((s) =>
          multiples.update(
            s.lanes.map((l) => ({
              id: l.id,
              label: label(l.id),
              translation: l.probe,
              empty: "Measured after 50 steps.",
            })),
          ),
        ),
      );
      const wrap = document.createElement("div");
      wrap.append(
        multiples.element,
        exportButtons(() => multiples.element.querySelector("svg"), "Attention of the first model"),
      );
      return wrap;
    },
    exactMatch: () =>
      page.figure({
        subscribe: (redraw) => page.evaluated(redraw, 120),
        exportName: "Exact match by step",
        draw: (s, width, previous) => ({
          chart: redrawLineChart(previous, laneSeries(s.history, lanesOf(s), "exactMatch"), {
            width,
            height: 240,
            yDomain: [0, 1],
            xLabel: "training step",
            yLabel: "exact match (held-out)",
            label: "Exact match by training step, one line per scoring function",
            yFormat: pct,
          }),
          caption: `Exact match on ${s.race.base.testSize} held-out sentences, measured every ${s.race.base.evalEvery} steps. ${s.lanes.map((l) => `${label(l.id)}: ${pct(l.exactMatch)}`).join("; ")}.`,
        }),
      }),
    loss: () =>
      page.figure({
        subscribe: (redraw) => page.reported(redraw),
        exportName: "Loss by step",
        draw: (s, width, previous) => ({
          chart: redrawLineChart(previous, laneSeries(s.history, lanesOf(s), "loss"), {
            width,
            height: 220,
            yScale: "log",
            xLabel: "training step",
            yLabel: "loss (log scale)",
            label: "Training loss by step, one line per scoring function",
          }),
          caption:
            "Training loss, averaged over every 10 steps; the lower, the more confident the model is of the right characters.",
        }),
      }),
    table(): HTMLElement {
      const t = liveElement<CompareState>(
        (redraw) => page.evaluated(redraw, 180),
        (s) =>
          compareTable(tableRows(s.lanes, SCORE_LABELS, s.race.threshold), {
            rowHeader: "score",
            stepsHeader: `steps to ${pct(s.race.threshold)}`,
            caption: raceTableText(s).caption,
            note: `${raceTableText(s).stepsNote} Exact match: on ${s.race.base.testSize} held-out sentences. Longest inputs: exact match on the longest of them.`,
          }),
      );
      page.own(t.dispose);
      return t.element;
    },
    findings(): HTMLElement {
      const f = liveElement<CompareState>(
        (redraw) => page.evaluated(redraw, 240),
        (s) => paragraphs(scoringFindings(s.lanes, SCORE_LABELS), "glimpse-findings"),
      );
      page.own(f.dispose);
      return f.element;
    },
  };
}
