// The attention matrix: row t is decoder step t, column j is encoder position j, and the
// cell's colour is α_tj (Bahdanau et al. 2015, eq. 6; their figure 3 draws the same picture).
// Built once, then recoloured in place by updateAttentionHeatmap, so that redrawing on every
// animation frame while training touches only attributes, never the DOM tree.
import * as d3 from "./d3.js";
import { bindHeatmapInteraction, type HeatmapCell } from "./heatmapInteraction.js";
import {
  FAINT,
  INK,
  MUTED,
  colorRampLegend,
  createSvg,
  displayChar,
  num,
  resolveDocument,
  setSvgText,
} from "./common.js";

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

interface HeatmapState {
  o: AttentionHeatmapOptions;
  nRows: number;
  nCols: number;
  rows: SVGGElement[];
  cells: SVGRectElement[][];
  weights: number[][];
  scores?: number[][];
  /** Attribute values last written, per cell (row-major), so unchanged ones are not rewritten. */
  written: Map<string, string[]>;
  labelPrefix: string[];
}

// Keyed by the element, so a chart that leaves the page takes its state with it.
const states = new WeakMap<SVGSVGElement, HeatmapState>();

const quote = (c: string | undefined) => `'${displayChar(c ?? "?")}'`;
const fmtWeight = (w: number) => w.toFixed(2);
const fmtScore = d3.format(".3~g");

/** The fixed part of a cell's label: built once per chart, not once per frame. */
function cellLabelPrefix(o: AttentionHeatmapOptions, t: number, j: number): string {
  const what = `input ${quote(o.sources[j])} (position ${j + 1})`;
  return o.mask?.[j] ? `${what} is padding` : `output ${quote(o.targets[t])} (step ${t + 1}) attends to ${what}: `;
}

function cellLabel(s: HeatmapState, t: number, j: number): string {
  const prefix = s.labelPrefix[t * s.nCols + j];
  if (s.o.mask?.[j]) return prefix;
  const sc = s.scores?.[t]?.[j];
  return prefix + fmtWeight(s.weights[t]?.[j] ?? NaN) + (sc === undefined ? "" : `, score ${fmtScore(sc)}`);
}

function summary(s: HeatmapState): string {
  const name = s.o.label ?? "Attention matrix";
  const size = `${name}, ${s.nRows} output steps by ${s.nCols} input positions`;
  let best = { w: -Infinity, t: -1, j: -1 };
  s.weights.forEach((row, t) =>
    row.forEach((w, j) => {
      if (Number.isFinite(w) && !s.o.mask?.[j] && w > best.w) best = { w, t, j };
    }),
  );
  if (best.t < 0) return `${size}; no weights yet`;
  return `${size}; strongest weight ${fmtWeight(best.w)} at output ${quote(s.o.targets[best.t])} ← input ${quote(s.o.sources[best.j])}`;
}

// 256 colours are more than the eye can tell apart, and a lookup keeps the per-frame cost down:
// d3.interpolateViridis builds a new colour string on every call.
const VIRIDIS = Array.from({ length: 256 }, (_, i) => d3.interpolateViridis(i / 255));

/** The fill of a weight in soft mode: viridis, clamped to [0, 1]; "none" when not finite. */
export function weightColor(w: number): string {
  return Number.isFinite(w) ? VIRIDIS[Math.round(Math.max(0, Math.min(1, w)) * 255)] : "none";
}

function paint(s: HeatmapState): void {
  const hard = s.o.mode === "hard";
  // Writing an attribute, even to the same value, costs style work in the browser; between two
  // frames of training most cells keep their colour, so compare with what was last written.
  const set = (el: Element, name: string, k: number, value: string) => {
    let column = s.written.get(name);
    if (!column) s.written.set(name, (column = []));
    if (column[k] === value) return;
    column[k] = value;
    el.setAttribute(name, value);
  };
  for (let t = 0; t < s.nRows; t++) {
    const row = s.weights[t] ?? [];
    let sum = 0;
    for (let j = 0; j < s.nCols; j++) {
      const w = row[j] ?? NaN;
      const rect = s.cells[t][j];
      const k = t * s.nCols + j;
      const ok = Number.isFinite(w) && !s.o.mask?.[j];
      if (Number.isFinite(w)) sum += w;
      set(rect, "data-weight", k, num(w));
      if (hard) set(rect, "fill-opacity", k, ok ? String(Math.max(0, Math.min(1, w))) : "0");
      else set(rect, "fill", k, ok ? weightColor(w) : "none");
      set(rect, "aria-label", k, cellLabel(s, t, j));
    }
    set(s.rows[t], "data-row-sum", t, num(sum));
  }
}

function drawHighlight(svg: SVGSVGElement, s: HeatmapState, h: HeatmapHighlight | undefined): void {
  const g = svg.querySelector("g.highlight");
  if (!g) return;
  for (const el of Array.from(svg.querySelectorAll(".is-highlighted"))) el.classList.remove("is-highlighted");
  const cs = Number(svg.getAttribute("data-cell-size"));
  const rect = (cls: string, x: number, y: number, w: number, hh: number) => {
    const r = g.ownerDocument.createElementNS(svg.namespaceURI, "rect");
    for (const [k, v] of Object.entries({
      class: cls,
      x,
      y,
      width: w,
      height: hh,
      fill: "none",
      stroke: INK,
      "stroke-width": 2,
    }))
      r.setAttribute(k, String(v));
    g.appendChild(r);
  };
  g.textContent = "";
  if (h?.row !== undefined && h.row >= 0 && h.row < s.nRows) {
    rect("highlight-row", -1, h.row * cs - 1, s.nCols * cs + 2, cs + 2);
    svg.querySelector(`.row-label[data-row="${h.row}"]`)?.classList.add("is-highlighted");
  }
  if (h?.col !== undefined && h.col >= 0 && h.col < s.nCols) {
    rect("highlight-col", h.col * cs - 1, -1, cs + 2, s.nRows * cs + 2);
    svg.querySelector(`.col-label[data-col="${h.col}"]`)?.classList.add("is-highlighted");
  }
}

/** Draw the attention matrix weights[t][j] (rows: output steps, columns: input positions). */
export function attentionHeatmap(weights: number[][], options: AttentionHeatmapOptions): SVGSVGElement {
  const doc = resolveDocument(options.document);
  const nRows = Math.max(weights.length, 0);
  const nCols = Math.max(options.sources.length, ...weights.map((r) => r.length), 0);
  const width = options.width ?? 640;
  const interactive = options.interactive !== false;
  const maxLabel = Math.max(1, ...options.targets.map((c) => displayChar(c).length));
  const fitted = Math.floor((width - 44 - 8 * maxLabel) / Math.max(nCols, 1));
  const cs = Math.max(4, options.cellSize ?? Math.max(10, Math.min(36, fitted)));
  const font = Math.max(9, Math.min(16, Math.round(cs * 0.7)));
  const m = { top: font + 28, left: 22 + font * 0.75 * maxLabel + 8, bottom: 58 };
  const gridW = nCols * cs;
  const legendW = Math.min(180, Math.max(100, gridW));
  const w = Math.ceil(m.left + Math.max(gridW, legendW) + 8);
  const h = Math.ceil(m.top + nRows * cs + m.bottom);

  const s: HeatmapState = {
    o: options,
    nRows,
    nCols,
    rows: [],
    cells: [],
    weights,
    scores: options.scores,
    written: new Map(),
    labelPrefix: d3.range(nRows * nCols).map((k) => cellLabelPrefix(options, Math.floor(k / nCols), k % nCols)),
  };
  const svg = createSvg(doc, w, h, {
    className: `attention-heatmap${options.mode === "hard" ? " is-hard" : ""}`,
    label: summary(s),
    title: options.label ?? "Attention matrix",
    desc: summary(s),
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
        .attr("transform", `translate(${-m.left + 12},0) rotate(90)`)
        .attr("fill", INK)
        .attr("fill-opacity", MUTED)
        .attr("font-size", 11)
        .text("output →"),
    );
  hidden("col-labels")
    .attr("font-size", font)
    .style("font-family", "var(--monospace, ui-monospace, monospace)")
    .attr("text-anchor", "middle")
    .selectAll("text")
    .data(d3.range(nCols))
    .join("text")
    .attr("class", "col-label")
    .attr("data-col", (j) => j)
    .attr("x", (j) => j * cs + cs / 2)
    .attr("y", -6)
    .text((j) => displayChar(options.sources[j] ?? ""));
  hidden("row-labels")
    .attr("font-size", font)
    .style("font-family", "var(--monospace, ui-monospace, monospace)")
    .attr("text-anchor", "end")
    .selectAll("text")
    .data(d3.range(nRows))
    .join("text")
    .attr("class", "row-label")
    .attr("data-row", (t) => t)
    .attr("x", -6)
    .attr("y", (t) => t * cs + cs / 2)
    .attr("dy", "0.35em")
    .text((t) => displayChar(options.targets[t] ?? ""));

  const hard = options.mode === "hard";
  const gap = cs >= 12 ? 1 : 0;
  const rowSel = plot
    .append("g")
    .attr("class", "cells")
    .selectAll<SVGGElement, number>("g.row")
    .data(d3.range(nRows))
    .join("g")
    .attr("class", "row")
    .attr("role", interactive ? "row" : null)
    .attr("data-row", (t) => t);
  rowSel.each(function (t) {
    s.rows[t] = this;
    s.cells[t] = [];
    const g = d3.select(this);
    for (let j = 0; j < nCols; j++) {
      const r = g
        .append("rect")
        .attr("class", options.mask?.[j] ? "cell is-masked" : "cell")
        .attr("data-row", t)
        .attr("data-col", j)
        .attr("x", j * cs + gap / 2)
        .attr("y", t * cs + gap / 2)
        .attr("width", cs - gap)
        .attr("height", cs - gap)
        .attr("role", interactive ? "gridcell" : null)
        .attr("tabindex", interactive ? (t === 0 && j === 0 ? 0 : -1) : null);
      if (hard) r.attr("fill", INK).attr("stroke", INK).attr("stroke-opacity", FAINT);
      s.cells[t][j] = r.node()!;
    }
  });
  // Padding columns: a diagonal hatch, so "empty" does not read as "weight 0".
  const masked = d3.range(nCols).filter((j) => options.mask?.[j]);
  hidden("mask-marks")
    .selectAll("path")
    .data(masked)
    .join("path")
    .attr("d", (j) =>
      d3
        .range(nRows)
        .map((t) => `M${j * cs},${(t + 1) * cs}L${(j + 1) * cs},${t * cs}`)
        .join(""),
    )
    .attr("stroke", INK)
    .attr("stroke-opacity", FAINT);
  hidden("highlight");

  const legend = plot.append("g").attr("transform", `translate(0,${nRows * cs + 30})`);
  if (hard) {
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
      width: legendW,
      domain: [0, 1],
      ticks: [0, 0.5, 1],
      title: "attention weight α",
    });
  }

  const node = svg.node()!;
  states.set(node, s);
  paint(s);
  drawHighlight(node, s, options.highlight);
  bindHeatmapInteraction(node, {
    cells: s.cells,
    keyboard: options.interactive !== false,
    cellAt: (row, col) => {
      const score = s.scores?.[row]?.[col];
      return {
        row,
        col,
        weight: s.weights[row]?.[col] ?? NaN,
        ...(score === undefined ? {} : { score }),
        source: options.sources[col] ?? "",
        target: options.targets[row] ?? "",
      };
    },
    onFocusCell: options.onFocusCell,
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
