// The attention matrix: row t is decoder step t, column j is encoder position j, and the
// cell's colour is α_tj (Bahdanau et al. 2015, eq. 6; their figure 3 draws the same picture).
// Built once, then redrawn in place by redrawAttentionHeatmap (new characters, rows added or
// removed) or updateAttentionHeatmap (new weights), so that redrawing while training touches
// attributes and a few rows, not a whole new DOM tree. Cells and layout: heatmapCells.ts.
import * as d3 from "./d3.js";
import { bindHeatmapInteraction, type HeatmapCell } from "./heatmapInteraction.js";
import { INK, MUTED, colorRampLegend, createSvg, displayChar, resolveDocument, setSvgText } from "./common.js";
import {
  appendRow,
  cellLabelPrefix,
  drawHighlight,
  layoutOf,
  paint,
  place,
  summary,
  weightColor,
  type HeatmapState,
} from "./heatmapCells.js";

export { weightColor } from "./heatmapCells.js";

export type { HeatmapCell } from "./heatmapInteraction.js";

export interface HeatmapHighlight {
  row?: number;
  col?: number;
}

export interface AttentionHeatmapOptions {
  /** Input characters, one per column. */
  sources: string[];
  /** Output characters, one per row. */
  targets: string[];
  width?: number;
  /** Side of one cell in px; by default fitted to width and clamped to 10–36. */
  cellSize?: number;
  /** Raw scores e_tj, shown in cell labels when given. */
  scores?: number[][];
  /** mask[j] true: column j is padding, drawn hatched and empty. */
  mask?: boolean[];
  highlight?: HeatmapHighlight;
  /** "hard": weights are one-hot picks (or averages of picks), drawn as solid ink marks. */
  mode?: "soft" | "hard";
  onFocusCell?: (cell: HeatmapCell) => void;
  /** Names the chart in its text alternative; default "Attention matrix". */
  label?: string;
  /** Cells are focusable with arrow keys (an ARIA grid); false gives a plain role="img". */
  interactive?: boolean;
  document?: Document;
}

export interface AttentionUpdateOptions {
  scores?: number[][];
  highlight?: HeatmapHighlight;
}

// Keyed by the element, so a chart that leaves the page takes its state with it.
const states = new WeakMap<SVGSVGElement, HeatmapState>();

/** Draw the attention matrix weights[t][j] (rows: output steps, columns: input positions). */
export function attentionHeatmap(weights: number[][], options: AttentionHeatmapOptions): SVGSVGElement {
  const doc = resolveDocument(options.document);
  const layout = layoutOf(weights, options);
  const { nRows, nCols, cs, font, m } = layout;
  const interactive = options.interactive !== false;
  const labels = { weights, o: options, nRows, nCols };
  const svg = createSvg(doc, layout.w, layout.h, {
    className: `attention-heatmap${options.mode === "hard" ? " is-hard" : ""}`,
    label: summary(labels),
    title: options.label ?? "Attention matrix",
    desc: summary(labels),
    role: interactive ? "grid" : "img",
  });
  svg.attr("data-cell-size", cs).attr("aria-roledescription", interactive ? "attention matrix" : null);

  const plot = svg.append("g").attr("class", "plot").attr("transform", `translate(${m.left},${m.top})`);
  const hidden = (cls: string) => plot.append("g").attr("class", cls).attr("aria-hidden", "true");
  hidden("axis-title")
    .call((g) =>
      g
        .append("text")
        .attr("x", 0)
        .attr("y", -font - 12)
        .attr("fill", INK)
        .attr("fill-opacity", MUTED)
        .attr("font-size", 11)
        .text("input →"),
    )
    .call((g) =>
      g
        .append("text")
        .attr("class", "output-title")
        .attr("transform", `translate(${-m.left + 12},0) rotate(90)`)
        .attr("fill", INK)
        .attr("fill-opacity", MUTED)
        .attr("font-size", 11)
        .text("output →"),
    );
  const colLabels = hidden("col-labels")
    .attr("font-size", font)
    .style("font-family", "var(--monospace, ui-monospace, monospace)")
    .attr("text-anchor", "middle")
    .selectAll<SVGTextElement, number>("text")
    .data(d3.range(nCols))
    .join("text")
    .attr("class", "col-label")
    .attr("data-col", (j) => j)
    .attr("x", (j) => j * cs + cs / 2)
    .attr("y", -6)
    .text((j) => displayChar(options.sources[j] ?? ""));
  const rowLabelsG = hidden("row-labels")
    .attr("font-size", font)
    .style("font-family", "var(--monospace, ui-monospace, monospace)")
    .attr("text-anchor", "end");
  const cellsG = plot.append("g").attr("class", "cells");
  const maskG = hidden("mask-marks");
  hidden("highlight");
  const legend = plot.append("g");

  const s: HeatmapState = {
    o: options,
    layout,
    nRows,
    nCols,
    rows: [],
    cells: [],
    rowLabels: [],
    colLabels: colLabels.nodes(),
    plot: plot.node()!,
    outputTitle: plot.select<SVGTextElement>("text.output-title").node()!,
    cellsG: cellsG.node()!,
    rowLabelsG: rowLabelsG.node()!,
    maskG: maskG.node()!,
    legend: legend.node()!,
    weights,
    scores: options.scores,
    written: new Map(),
    labelPrefix: [],
  };
  // Rows go in first, so they precede the mask marks and the legend as they always have.
  for (let t = 0; t < nRows; t++) appendRow(s, t);
  s.labelPrefix = d3.range(nRows * nCols).map((k) => cellLabelPrefix(options, Math.floor(k / nCols), k % nCols));
  if (options.mode === "hard") {
    legend.attr("class", "legend").attr("aria-hidden", "true");
    legend.append("rect").attr("width", 12).attr("height", 12).attr("fill", INK);
    legend
      .append("text")
      .attr("x", 18)
      .attr("y", 10)
      .attr("font-size", 11)
      .text("picked position (shade: share of samples)");
  } else {
    colorRampLegend(legend, weightColor, {
      width: layout.legendW,
      domain: [0, 1],
      ticks: [0, 0.5, 1],
      title: "attention weight α",
    });
  }

  const node = svg.node()!;
  place(node, s);
  states.set(node, s);
  paint(s);
  drawHighlight(node, s, options.highlight);
  bindHeatmapInteraction(node, {
    cells: s.cells,
    keyboard: interactive,
    cellAt: (row, col) => {
      const score = s.scores?.[row]?.[col];
      return {
        row,
        col,
        weight: s.weights[row]?.[col] ?? NaN,
        ...(score === undefined ? {} : { score }),
        source: s.o.sources[col] ?? "",
        target: s.o.targets[row] ?? "",
      };
    },
    onFocusCell: (cell) => s.o.onFocusCell?.(cell),
  });
  return node;
}

/**
 * Recolour a heatmap made by attentionHeatmap with new weights of the same shape: attributes
 * only, no new elements. Throws if the shape changed; draw a new chart then.
 */
export function updateAttentionHeatmap(
  svg: SVGSVGElement,
  weights: number[][],
  options: AttentionUpdateOptions = {},
): SVGSVGElement {
  const s = states.get(svg);
  if (!s) throw new Error("updateAttentionHeatmap: this element was not made by attentionHeatmap");
  if (weights.length !== s.nRows || weights.some((r) => r.length > s.nCols))
    throw new RangeError(
      `updateAttentionHeatmap: expected ${s.nRows}×${s.nCols} weights; draw a new chart for a new shape`,
    );
  s.weights = weights;
  if (options.scores) s.scores = options.scores;
  paint(s);
  if (options.highlight) drawHighlight(svg, s, options.highlight);
  const text = summary(s);
  setSvgText(svg, text, text);
  return svg;
}

/**
 * The chart to show for `weights` and `options`: `svg` itself, redrawn in place, when it was
 * drawn by attentionHeatmap with the same columns and cell geometry (changed characters are
 * relabelled, rows added or removed at the end, the cells recoloured); otherwise a new chart.
 * While a model trains its output changes at almost every evaluation, so this keeps a redraw
 * to attributes and a few rows instead of a new DOM tree. Either way the chart is the one
 * attentionHeatmap(weights, options) draws.
 */
export function redrawAttentionHeatmap(
  svg: SVGSVGElement | null | undefined,
  weights: number[][],
  options: AttentionHeatmapOptions,
): SVGSVGElement {
  const s = svg ? states.get(svg) : undefined;
  const layout = layoutOf(weights, options);
  if (!svg || !s || layout.key !== s.layout.key) return attentionHeatmap(weights, options);
  const before = s.nRows;
  const { nRows, nCols } = layout;
  s.o = options;
  s.layout = layout;
  for (let t = nRows; t < before; t++) {
    s.rows[t].remove();
    s.rowLabels[t].remove();
  }
  s.rows.length = s.cells.length = s.rowLabels.length = Math.min(before, nRows);
  for (const [name, column] of s.written)
    column.length = Math.min(column.length, (name === "data-row-sum" ? 1 : nCols) * nRows);
  for (let t = before; t < nRows; t++) appendRow(s, t);
  s.nRows = nRows;
  s.colLabels.forEach((el, j) => {
    const text = displayChar(options.sources[j] ?? "");
    if (el.textContent !== text) el.textContent = text;
  });
  s.rowLabels.forEach((el, t) => {
    const text = displayChar(options.targets[t] ?? "");
    if (el.textContent !== text) el.textContent = text;
  });
  s.labelPrefix = d3.range(nRows * nCols).map((k) => cellLabelPrefix(options, Math.floor(k / nCols), k % nCols));
  place(svg, s);
  if (nRows !== before) {
    // The roving tab stop was on a removed row: give it back to the first cell.
    if (options.interactive !== false && !s.cellsG.querySelector('[tabindex="0"]'))
      s.cells[0]?.[0]?.setAttribute("tabindex", "0");
  }
  s.weights = weights;
  s.scores = options.scores;
  paint(s);
  if (options.highlight || nRows !== before) drawHighlight(svg, s, options.highlight ?? s.highlight);
  const text = summary(s);
  setSvgText(svg, text, text);
  const title = svg.querySelector("title");
  const name = options.label ?? "Attention matrix";
  if (title && title.textContent !== name) title.textContent = name;
  return svg;
}
