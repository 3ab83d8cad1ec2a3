// A vector (the context vector c, a hidden state h) as a strip of cells, coloured on a
// diverging scale centred on 0 so sign and size read at a glance.
import * as d3 from "./d3.js";
import { FAINT, INK, colorRampLegend, createSvg, num, resolveDocument } from "./common.js";

export interface VectorStripOptions {
  width?: number;
  /** Height of the strip of cells in px (default 24). */
  cellHeight?: number;
  /** Names the vector, e.g. "context vector c₃". */
  label?: string;
  /** Symmetric colour domain [-extent, extent]; default max |value|. Fix it to compare strips. */
  extent?: number;
  legend?: boolean;
  document?: Document;
}

/**
 * PuOr (purple for negative, orange for positive) is diverging and colour-blind safe; white
 * at 0 becomes a hole in dark mode, so cells get a faint outline.
 */
const interpolate = d3.interpolatePuOr;

export function vectorStrip(values: number[], options: VectorStripOptions = {}): SVGSVGElement {
  const doc = resolveDocument(options.document);
  const width = options.width ?? 640;
  const cellH = options.cellHeight ?? 24;
  const showLegend = options.legend ?? true;
  const finiteAbs = values.filter(Number.isFinite).map(Math.abs);
  const extent = options.extent && options.extent > 0 ? options.extent : Math.max(1e-9, d3.max(finiteAbs) ?? 1);
  const color = (v: number) =>
    Number.isFinite(v) ? interpolate((Math.max(-extent, Math.min(extent, v)) / extent + 1) / 2) : "none";

  const n = values.length;
  const m = { top: options.label ? 20 : 4, left: 1, right: 1 };
  const cw = n ? (width - m.left - m.right) / n : 0;
  const legendH = showLegend ? 44 : 4;
  const height = m.top + cellH + legendH;
  const name = options.label ?? "Vector";
  const fmt = d3.format(".3~g");
  const maxAt = d3.maxIndex(values, (v) => (Number.isFinite(v) ? Math.abs(v) : NaN));
  const label =
    n === 0
      ? `${name}: empty`
      : `${name}, ${n} values from ${fmt(d3.min(values.filter(Number.isFinite)) ?? NaN)} to ${fmt(d3.max(values.filter(Number.isFinite)) ?? NaN)}` +
        (maxAt >= 0 ? `; largest magnitude ${fmt(values[maxAt])} at index ${maxAt}` : "");
  const svg = createSvg(doc, width, height, { className: "vector-strip", label, title: name, desc: label });

  if (options.label)
    svg
      .append("text")
      .attr("class", "strip-label")
      .attr("aria-hidden", "true")
      .attr("x", m.left)
      .attr("y", 14)
      .attr("font-size", 12)
      .text(options.label);
  svg
    .append("g")
    .attr("class", "cells")
    .attr("aria-hidden", "true")
    .attr("transform", `translate(${m.left},${m.top})`)
    .selectAll("rect")
    .data(values)
    .join("rect")
    .attr("class", "cell")
    .attr("data-index", (_, i) => i)
    .attr("data-value", (v) => num(v))
    .attr("x", (_, i) => i * cw)
    .attr("width", Math.max(cw, 0.5))
    .attr("height", cellH)
    .attr("fill", color)
    .attr("stroke", INK)
    .attr("stroke-opacity", cw >= 6 ? FAINT : 0)
    .append("title")
    .text((v, i) => `${name}[${i}] = ${fmt(v)}`);

  if (showLegend) {
    const lw = Math.min(180, width - 40);
    const legend = svg.append("g").attr("transform", `translate(${m.left + 20},${m.top + cellH + 20})`);
    colorRampLegend(legend, interpolate, {
      width: lw,
      domain: [-extent, extent],
      ticks: [-extent, 0, extent],
      title: "value",
      format: d3.format(".2~g"),
    });
  }
  return svg.node()!;
}
