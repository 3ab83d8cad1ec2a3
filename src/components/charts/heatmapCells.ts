// The attention matrix's cells, labels and layout, shared by attentionHeatmap (which builds a
// chart) and redrawAttentionHeatmap / updateAttentionHeatmap (which redraw one in place): how
// a chart is laid out, how one output row is built, and how cells are recoloured.
import * as d3 from "./d3.js";
import type { AttentionHeatmapOptions, HeatmapHighlight } from "./attentionHeatmap.js";
import { FAINT, INK, SVG_NS, displayChar, num } from "./common.js";

export interface HeatmapState {
  o: AttentionHeatmapOptions;
  layout: Layout;
  nRows: number;
  nCols: number;
  rows: SVGGElement[];
  cells: SVGRectElement[][];
  rowLabels: SVGTextElement[];
  plot: SVGGElement;
  /** The rotated "output →" title, placed by the labels' margin. */
  outputTitle: SVGTextElement;
  colLabels: SVGTextElement[];
  cellsG: SVGGElement;
  rowLabelsG: SVGGElement;
  maskG: SVGGElement;
  legend: SVGGElement;
  highlight?: HeatmapHighlight;
  weights: number[][];
  scores?: number[][];
  /** Attribute values last written, per cell (row-major), so unchanged ones are not rewritten. */
  written: Map<string, string[]>;
  labelPrefix: string[];
}

const quote = (c: string | undefined) => `'${displayChar(c ?? "?")}'`;
const fmtWeight = (w: number) => w.toFixed(2);
const fmtScore = d3.format(".3~g");

/** The fixed part of a cell's label: built once per chart, not once per frame. */
export function cellLabelPrefix(o: AttentionHeatmapOptions, t: number, j: number): string {
  const what = `input ${quote(o.sources[j])} (position ${j + 1})`;
  return o.mask?.[j] ? `${what} is padding` : `output ${quote(o.targets[t])} (step ${t + 1}) attends to ${what}: `;
}

function cellLabel(s: HeatmapState, t: number, j: number): string {
  const prefix = s.labelPrefix[t * s.nCols + j];
  if (s.o.mask?.[j]) return prefix;
  const sc = s.scores?.[t]?.[j];
  return prefix + fmtWeight(s.weights[t]?.[j] ?? NaN) + (sc === undefined ? "" : `, score ${fmtScore(sc)}`);
}

export function summary(s: Pick<HeatmapState, "o" | "nRows" | "nCols" | "weights">): string {
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

export function paint(s: HeatmapState): void {
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

export function drawHighlight(svg: SVGSVGElement, s: HeatmapState, h: HeatmapHighlight | undefined): void {
  s.highlight = h;
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

export interface Layout {
  nRows: number;
  nCols: number;
  cs: number;
  gap: number;
  font: number;
  m: { top: number; left: number; bottom: number };
  legendW: number;
  w: number;
  h: number;
  /** What must match for a chart to be redrawn in place: all but the rows and the labels' margin. */
  key: string;
}

export function layoutOf(weights: number[][], options: AttentionHeatmapOptions): Layout {
  const nRows = Math.max(weights.length, 0);
  const nCols = Math.max(options.sources.length, ...weights.map((r) => r.length), 0);
  const width = options.width ?? 640;
  const maxLabel = Math.max(1, ...options.targets.map((c) => displayChar(c).length));
  const fitted = Math.floor((width - 44 - 8 * maxLabel) / Math.max(nCols, 1));
  const cs = Math.max(4, options.cellSize ?? Math.max(10, Math.min(36, fitted)));
  const font = Math.max(9, Math.min(16, Math.round(cs * 0.7)));
  const m = { top: font + 28, left: 22 + font * 0.75 * maxLabel + 8, bottom: 58 };
  const gridW = nCols * cs;
  const legendW = Math.min(180, Math.max(100, gridW));
  const w = Math.ceil(m.left + Math.max(gridW, legendW) + 8);
  const h = Math.ceil(m.top + nRows * cs + m.bottom);
  const mask = d3.range(nCols).map((j) => (options.mask?.[j] ? 1 : 0));
  const key = [nCols, cs, options.mode, options.interactive !== false, mask.join("")].join("|");
  return { nRows, nCols, cs, gap: cs >= 12 ? 1 : 0, font, m, legendW, w, h, key };
}

/** Appends output step t: its g.row of cells and its row label (built once per row, then recoloured). */
export function appendRow(s: HeatmapState, t: number): void {
  const { cs, gap } = s.layout;
  const doc = s.cellsG.ownerDocument;
  const interactive = s.o.interactive !== false;
  const attrs = (el: Element, values: Record<string, string | number>) => {
    for (const [k, v] of Object.entries(values)) el.setAttribute(k, String(v));
  };
  const g = doc.createElementNS(SVG_NS, "g") as SVGGElement;
  attrs(g, interactive ? { class: "row", role: "row", "data-row": t } : { class: "row", "data-row": t });
  s.rows[t] = g;
  s.cells[t] = [];
  for (let j = 0; j < s.layout.nCols; j++) {
    const r = doc.createElementNS(SVG_NS, "rect") as SVGRectElement;
    attrs(r, {
      class: s.o.mask?.[j] ? "cell is-masked" : "cell",
      "data-row": t,
      "data-col": j,
      x: j * cs + gap / 2,
      y: t * cs + gap / 2,
      width: cs - gap,
      height: cs - gap,
    });
    if (interactive) attrs(r, { role: "gridcell", tabindex: t === 0 && j === 0 ? 0 : -1 });
    if (s.o.mode === "hard") attrs(r, { fill: INK, stroke: INK, "stroke-opacity": FAINT });
    g.appendChild(r);
    s.cells[t][j] = r;
  }
  s.cellsG.appendChild(g);
  const label = doc.createElementNS(SVG_NS, "text") as SVGTextElement;
  attrs(label, { class: "row-label", "data-row": t, x: -6, y: t * cs + cs / 2, dy: "0.35em" });
  label.textContent = displayChar(s.o.targets[t] ?? "");
  s.rowLabelsG.appendChild(label);
  s.rowLabels[t] = label;
}

/**
 * The parts that depend on the number of rows and the row labels' width: padding hatches, the
 * legend's and the plot's places, the output axis title, the chart's size.
 */
export function place(svg: SVGSVGElement, s: HeatmapState): void {
  const { cs, nRows, m, w, h } = s.layout;
  change(s.plot, "transform", `translate(${m.left},${m.top})`);
  change(s.outputTitle, "transform", `translate(${-m.left + 12},0) rotate(90)`);
  d3.select(s.maskG)
    .selectAll("path")
    .data(d3.range(s.layout.nCols).filter((j) => s.o.mask?.[j]))
    .join("path")
    .attr("d", (j) =>
      d3
        .range(nRows)
        .map((t) => `M${j * cs},${(t + 1) * cs}L${(j + 1) * cs},${t * cs}`)
        .join(""),
    )
    .attr("stroke", INK)
    .attr("stroke-opacity", FAINT);
  change(s.legend, "transform", `translate(0,${nRows * cs + 30})`);
  change(svg, "width", String(w));
  change(svg, "height", String(h));
  change(svg, "viewBox", `0 0 ${w} ${h}`);
}

/** Sets an attribute only when its value changes (a write, even of the same value, costs style work). */
export function change(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
