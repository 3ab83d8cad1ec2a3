// Points in the plane: here, context vectors of many sentences projected on their first two
// principal components, coloured by a group (e.g. input length) to show what the vector encodes.
import * as d3 from "./d3.js";
import {
  BACKGROUND,
  INK,
  OKABE_ITO,
  axisTitles,
  categoricalLegend,
  createSvg,
  num,
  resolveDocument,
  styleAxis,
} from "./common.js";

export interface ScatterPoint {
  x: number;
  y: number;
  label: string;
  group?: string | number;
}

export interface ScatterPlotOptions {
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  label?: string;
  /** Indices of points whose label is written next to them. */
  annotate?: number[];
  /** Numeric groups: "sequential" colours them on viridis (e.g. by length); default categorical. */
  groupScale?: "categorical" | "sequential";
  legend?: boolean;
  radius?: number;
  document?: Document;
}

export function scatterPlot(points: ScatterPoint[], options: ScatterPlotOptions = {}): SVGSVGElement {
  const doc = resolveDocument(options.document);
  const width = options.width ?? 480;
  const height = options.height ?? 360;
  const r = options.radius ?? 3.5;
  const shown = points.map((p, i) => ({ ...p, i })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const groups = Array.from(new Set(shown.map((p) => p.group).filter((g) => g !== undefined))) as (string | number)[];
  const sequential = options.groupScale === "sequential" && groups.every((g) => typeof g === "number");
  if (sequential) groups.sort((a, b) => (a as number) - (b as number));
  const [gMin, gMax] = sequential ? (d3.extent(groups as number[]) as [number, number]) : [0, 1];
  // Viridis from 0.2: its darkest purples vanish on a dark page.
  const colorOf = (g: string | number | undefined): string => {
    if (g === undefined) return OKABE_ITO[0];
    if (sequential)
      return d3.interpolateViridis(gMax === gMin ? 0.5 : 0.2 + (0.75 * ((g as number) - gMin)) / (gMax - gMin));
    return OKABE_ITO[groups.indexOf(g) % OKABE_ITO.length];
  };

  const name = options.label ?? "Scatter plot";
  const label =
    `${name}, ${shown.length} points` +
    (groups.length
      ? ` in ${groups.length} groups (${groups.slice(0, 8).join(", ")}${groups.length > 8 ? ", …" : ""})`
      : "") +
    (shown.length < points.length ? `; ${points.length - shown.length} points not finite, not drawn` : "");
  const svg = createSvg(doc, width, height, { className: "scatter-plot", label, title: name, desc: label });

  const m = { top: 12, right: 16, bottom: 40, left: 48 };
  const showLegend = options.legend ?? groups.length > 1;
  const legendG = svg.append("g").attr("transform", `translate(${m.left},${m.top})`);
  const legendItems = showLegend
    ? (sequential && groups.length > 6 ? [groups[0], groups[groups.length - 1]] : groups).map((g) => ({
        name: String(g),
        color: colorOf(g),
        shape: "dot" as const,
      }))
    : [];
  const legendH = showLegend ? categoricalLegend(legendG, legendItems, width - m.left - m.right) : 0;
  if (!showLegend) legendG.remove();
  const top = m.top + legendH + (legendH ? 8 : 0);

  const pad = (e: [number, number] | [undefined, undefined]): [number, number] => {
    if (e[0] === undefined) return [-1, 1];
    const span = e[1] - e[0] || 1;
    return [e[0] - span * 0.05, e[1] + span * 0.05];
  };
  const x = d3
    .scaleLinear()
    .domain(pad(d3.extent(shown, (p) => p.x)))
    .range([m.left, width - m.right])
    .nice();
  const y = d3
    .scaleLinear()
    .domain(pad(d3.extent(shown, (p) => p.y)))
    .range([height - m.bottom, top])
    .nice();
  svg
    .append("g")
    .attr("class", "x-axis")
    .attr("transform", `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))))
    .call(styleAxis);
  svg
    .append("g")
    .attr("class", "y-axis")
    .attr("transform", `translate(${m.left},0)`)
    .call(d3.axisLeft(y).ticks(5))
    .call(styleAxis);
  axisTitles(svg, options, width, height, m);

  svg
    .append("g")
    .attr("class", "points")
    .selectAll("circle")
    .data(shown)
    .join("circle")
    .attr("class", "point")
    .attr("data-index", (p) => p.i)
    .attr("data-x", (p) => num(p.x))
    .attr("data-y", (p) => num(p.y))
    .attr("data-group", (p) => (p.group === undefined ? null : String(p.group)))
    .attr("cx", (p) => x(p.x))
    .attr("cy", (p) => y(p.y))
    .attr("r", r)
    .attr("fill", (p) => colorOf(p.group))
    .attr("fill-opacity", 0.8)
    .style("stroke", BACKGROUND)
    .attr("stroke-width", 0.75)
    .append("title")
    .text((p) => (p.group === undefined ? p.label : `${p.label} (${p.group})`));

  const wanted = new Set(options.annotate ?? []);
  svg
    .append("g")
    .attr("class", "annotations")
    .attr("aria-hidden", "true")
    .attr("font-size", 11)
    .selectAll("text")
    .data(shown.filter((p) => wanted.has(p.i)))
    .join("text")
    .attr("class", "annotation")
    .attr("x", (p) => x(p.x) + r + 3)
    .attr("y", (p) => y(p.y))
    .attr("dy", "0.35em")
    .attr("fill", INK)
    .attr("paint-order", "stroke")
    .style("stroke", BACKGROUND)
    .attr("stroke-width", 3)
    .text((p) => p.label);
  return svg.node()!;
}
