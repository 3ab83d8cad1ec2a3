// Bits every chart shares: an <svg> made with a caller-supplied document (so Node tests can
// render with linkedom), theme-aware ink, colour-blind-safe palettes, and legends.
import * as d3 from "./d3.js";

export const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Text, axes and grid are drawn in currentColor, and the root <svg> sets its CSS color to the
 * theme's foreground, so one chart reads in light and dark themes. var() goes only in inline
 * style, never in presentation attributes, where browsers do not all accept it. Muted and faint
 * ink are currentColor at lower opacity.
 */
export const INK = "currentColor";
export const MUTED = 0.7;
export const FAINT = 0.3;
/** A halo in the page's background colour, for marks drawn over other marks. */
export const BACKGROUND = "var(--theme-background, white)";

/**
 * Okabe & Ito (2008) colour-blind-safe categorical palette, black dropped so every colour
 * reads on both light and dark backgrounds; yellow last because it is weak on white.
 */
export const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442"];

/** Dash patterns that tell series apart without colour. */
export const DASHES = ["none", "6 3", "2 3", "8 3 2 3"];

export type Selection<E extends Element> = d3.Selection<E, unknown, null, undefined>;

export interface SvgOptions {
  className: string;
  /** aria-label: one sentence a screen-reader user hears instead of the picture. */
  label: string;
  title: string;
  desc?: string;
  role?: string;
}

/** The document to draw with: the caller's (tests pass linkedom's) or the global one. */
export function resolveDocument(doc?: Document): Document {
  const d = doc ?? (globalThis as { document?: Document }).document;
  if (!d) throw new Error("No document: pass options.document when rendering outside a browser");
  return d;
}

export function createSvg(doc: Document, width: number, height: number, o: SvgOptions): Selection<SVGSVGElement> {
  const svg = d3.select(doc.createElementNS(SVG_NS, "svg") as SVGSVGElement);
  svg
    .attr("class", o.className)
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", o.role ?? "img")
    .attr("aria-label", o.label)
    .style("font-family", "var(--sans-serif, system-ui, sans-serif)")
    .attr("font-size", 12)
    .attr("fill", INK)
    .style("color", "var(--theme-foreground, currentColor)")
    .style("max-width", "100%")
    .style("height", "auto")
    .style("overflow", "visible");
  svg.append("title").text(o.title);
  svg.append("desc").text(o.desc ?? o.label);
  return svg;
}

/** Replace the accessible texts of an existing chart (after an in-place update). */
export function setSvgText(svg: SVGSVGElement, label: string, desc: string): void {
  svg.setAttribute("aria-label", label);
  const d = svg.querySelector("desc");
  if (d) d.textContent = desc;
}

/** Axis ticks and lines in the theme's ink; the picture is already described in aria-label. */
export function styleAxis(g: Selection<SVGGElement>): void {
  // classed, not a longer class attribute: a chart redrawn in place styles its axes again.
  g.classed("axis", true).attr("aria-hidden", "true").attr("font-size", 11);
  g.selectAll(".domain, .tick line").attr("stroke", INK).attr("stroke-opacity", MUTED);
  g.selectAll(".tick text").attr("fill", INK);
}

export function gridLines(
  g: Selection<SVGGElement>,
  y: (v: number) => number,
  ticks: number[],
  x0: number,
  x1: number,
): void {
  g.attr("class", "grid").attr("aria-hidden", "true");
  g.selectAll("line")
    .data(ticks)
    .join("line")
    .attr("x1", x0)
    .attr("x2", x1)
    .attr("y1", (d) => y(d))
    .attr("y2", (d) => y(d))
    .attr("stroke", INK)
    .attr("stroke-opacity", FAINT);
}

/** Characters as a reader should see them on an axis: a space would be invisible. */
export function displayChar(c: string): string {
  if (c === " ") return "␣";
  if (c === "\n") return "↵";
  if (c === "\t") return "⇥";
  return c;
}

/** Numbers for data-* attributes and labels: rounded, no trailing noise, "NaN" kept visible. */
export function num(v: number, digits = 6): string {
  return Number.isFinite(v) ? String(+v.toFixed(digits)) : String(v);
}

export interface LegendItem {
  name: string;
  color: string;
  dash?: string;
  /** "dot" for charts of points, "line" (default) for charts of lines. */
  shape?: "line" | "dot";
}

/** A row of swatches (wrapping to new lines) for categorical series; returns its height. */
export function categoricalLegend(parent: Selection<SVGGElement>, items: LegendItem[], maxWidth: number): number {
  parent.attr("class", "legend");
  const rowH = 18;
  let x = 0;
  let y = 0;
  for (const item of items) {
    const w = 26 + Math.min(item.name.length, 40) * 6.5 + 12;
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      y += rowH;
    }
    const g = parent.append("g").attr("class", "legend-item").attr("transform", `translate(${x},${y})`);
    if (item.shape === "dot") g.append("circle").attr("cx", 10).attr("cy", 6).attr("r", 4.5).attr("fill", item.color);
    else
      g.append("line")
        .attr("x1", 0)
        .attr("x2", 20)
        .attr("y1", 6)
        .attr("y2", 6)
        .attr("stroke", item.color)
        .attr("stroke-width", 2.5)
        .attr("stroke-dasharray", item.dash && item.dash !== "none" ? item.dash : null);
    g.append("text").attr("x", 26).attr("y", 10).attr("fill", INK).text(item.name);
    x += w;
  }
  return items.length ? y + rowH : 0;
}

/**
 * A continuous colour legend drawn as thin rects rather than a <linearGradient>: a gradient
 * needs a document-unique id, and two charts on one page would then share (and fight over) it.
 */
export function colorRampLegend(
  parent: Selection<SVGGElement>,
  interpolate: (t: number) => string,
  o: { width: number; domain: [number, number]; ticks: number[]; title: string; format?: (v: number) => string },
): void {
  const steps = 48;
  const h = 10;
  parent.attr("class", "legend").attr("aria-hidden", "true");
  parent.append("text").attr("class", "legend-title").attr("y", -4).attr("font-size", 11).text(o.title);
  const step = o.width / steps;
  parent
    .selectAll("rect")
    .data(d3.range(steps))
    .join("rect")
    .attr("x", (i) => i * step)
    .attr("width", step + 0.5)
    .attr("height", h)
    .attr("fill", (i) => interpolate((i + 0.5) / steps));
  const x = d3.scaleLinear().domain(o.domain).range([0, o.width]);
  const fmt = o.format ?? d3.format(".2~f");
  const tick = parent
    .selectAll("g.legend-tick")
    .data(o.ticks)
    .join("g")
    .attr("class", "legend-tick")
    .attr("transform", (d) => `translate(${x(d)},0)`);
  tick
    .append("line")
    .attr("y1", h)
    .attr("y2", h + 4)
    .attr("stroke", INK)
    .attr("stroke-opacity", MUTED);
  tick
    .append("text")
    .attr("y", h + 14)
    .attr("text-anchor", "middle")
    .attr("font-size", 10)
    .text((d) => fmt(d));
}

/** Axis titles in muted ink, the arrow pointing the way values grow. */
export function axisTitles(
  svg: Selection<SVGSVGElement>,
  o: { xLabel?: string; yLabel?: string },
  width: number,
  height: number,
  m: { left: number; right: number; bottom: number },
): void {
  const g = svg
    .append("g")
    .attr("class", "axis-titles")
    .attr("aria-hidden", "true")
    .attr("fill", INK)
    .attr("fill-opacity", MUTED)
    .attr("font-size", 11);
  if (o.xLabel)
    g.append("text")
      .attr("class", "x-label")
      .attr("x", width - m.right)
      .attr("y", height - 6)
      .attr("text-anchor", "end")
      .text(`${o.xLabel} →`);
  if (o.yLabel)
    g.append("text")
      .attr("class", "y-label")
      .attr("transform", `translate(12,${height - m.bottom}) rotate(-90)`)
      .text(`${o.yLabel} →`);
}

/**
 * The legend of a multi-series chart (colour and dash per series index) above the plot;
 * returns the y where the plot starts.
 */
export function seriesLegend(
  svg: Selection<SVGSVGElement>,
  series: readonly { name: string; i: number }[],
  show: boolean,
  margin: { top: number; left: number; right: number },
  width: number,
): number {
  if (!show) return margin.top;
  const legend = svg.append("g").attr("transform", `translate(${margin.left},${margin.top})`);
  const height = categoricalLegend(
    legend,
    series.map((s) => ({ name: s.name, color: OKABE_ITO[s.i % OKABE_ITO.length], dash: DASHES[s.i % DASHES.length] })),
    width - margin.left - margin.right,
  );
  return margin.top + height + (height ? 8 : 0);
}
