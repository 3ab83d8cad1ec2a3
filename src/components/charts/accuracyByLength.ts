// Exact match by input length, one line per model: the bottleneck's signature is the
// no-attention line falling as sentences grow (Cho et al. 2014, fig. 4; Bahdanau et al. 2015, fig. 2).
import * as d3 from "./d3.js";
import {
  BACKGROUND,
  DASHES,
  OKABE_ITO,
  axisTitles,
  seriesLegend,
  createSvg,
  gridLines,
  num,
  resolveDocument,
  styleAxis,
} from "./common.js";

export interface LengthAccuracy {
  /** Input length in characters. */
  length: number;
  /** Exact-match rate, 0..1. */
  accuracy: number;
  /** Number of test sentences of this length. */
  count: number;
}

export interface AccuracySeries {
  name: string;
  values: LengthAccuracy[];
}

export interface AccuracyByLengthOptions {
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  label?: string;
  legend?: boolean;
  document?: Document;
}

const pct = d3.format(".0%");

export function accuracyByLength(series: AccuracySeries[], options: AccuracyByLengthOptions = {}): SVGSVGElement {
  const doc = resolveDocument(options.document);
  const width = options.width ?? 640;
  const height = options.height ?? 260;
  const clean = series.map((s, i) => ({
    name: s.name,
    i,
    values: s.values
      .filter((v) => Number.isFinite(v.length) && Number.isFinite(v.accuracy) && v.count > 0)
      .sort((a, b) => a.length - b.length),
  }));
  const lengths = clean.flatMap((s) => s.values.map((v) => v.length));
  const [lo, hi] = lengths.length ? (d3.extent(lengths) as [number, number]) : [0, 1];

  const describe = (s: (typeof clean)[number]) => {
    if (!s.values.length) return `${s.name}: no data`;
    const first = s.values[0];
    const last = s.values[s.values.length - 1];
    return `${s.name}: ${pct(first.accuracy)} at length ${first.length}, ${pct(last.accuracy)} at length ${last.length}`;
  };
  const label = `${options.label ?? "Exact match by input length"}; ${clean.map(describe).join("; ")}`;
  const svg = createSvg(doc, width, height, {
    className: "accuracy-by-length",
    label,
    title: options.label ?? "Exact match by input length",
    desc: label,
  });

  const m = { top: 12, right: 16, bottom: 40, left: 48 };
  const showLegend = options.legend ?? series.length > 1;
  const top = seriesLegend(svg, clean, showLegend, m, width);

  const pad = lo === hi ? 1 : 0.5;
  const x = d3
    .scaleLinear()
    .domain([lo - pad, hi + pad])
    .range([m.left, width - m.right]);
  const y = d3
    .scaleLinear()
    .domain([0, 1])
    .range([height - m.bottom, top]);

  gridLines(svg.append("g"), y, [0, 0.25, 0.5, 0.75, 1], m.left, width - m.right);
  const xTicks = x.ticks(Math.max(2, Math.floor(width / 60))).filter((t) => Number.isInteger(t) && t >= lo && t <= hi);
  svg
    .append("g")
    .attr("class", "x-axis")
    .attr("transform", `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).tickValues(xTicks).tickFormat(d3.format("d")))
    .call(styleAxis);
  svg
    .append("g")
    .attr("class", "y-axis")
    .attr("transform", `translate(${m.left},0)`)
    .call(d3.axisLeft(y).tickValues([0, 0.25, 0.5, 0.75, 1]).tickFormat(pct))
    .call(styleAxis);
  axisTitles(
    svg,
    { xLabel: options.xLabel ?? "input length (characters)", yLabel: options.yLabel ?? "exact match" },
    width,
    height,
    m,
  );

  const plot = svg.append("g").attr("class", "plot");
  const line = d3
    .line<LengthAccuracy>()
    .x((v) => x(v.length))
    .y((v) => y(v.accuracy));
  // Markers differ in shape as well as colour, for readers who cannot tell the colours apart.
  const symbols = [d3.symbolCircle, d3.symbolSquare, d3.symbolTriangle, d3.symbolDiamond, d3.symbolCross];
  for (const s of clean) {
    const color = OKABE_ITO[s.i % OKABE_ITO.length];
    const dash = DASHES[s.i % DASHES.length];
    const g = plot.append("g").attr("class", "series").attr("data-series", s.name);
    g.append("path")
      .attr("class", "line")
      .attr("aria-hidden", "true")
      .attr("d", s.values.length ? line(s.values) : null)
      .attr("fill", "none")
      .attr("stroke", color)
      .attr("stroke-width", 2)
      .attr("stroke-dasharray", dash === "none" ? null : dash);
    const symbol = d3.symbol(symbols[s.i % symbols.length], 42);
    g.selectAll("path.point")
      .data(s.values)
      .join("path")
      .attr("class", "point")
      .attr("data-length", (v) => v.length)
      .attr("data-accuracy", (v) => num(v.accuracy))
      .attr("data-count", (v) => v.count)
      .attr("transform", (v) => `translate(${x(v.length)},${y(v.accuracy)})`)
      .attr("d", symbol() ?? "")
      .attr("fill", color)
      .style("stroke", BACKGROUND)
      .attr("stroke-width", 1)
      .append("title")
      .text((v) => `${s.name}, length ${v.length}: ${pct(v.accuracy)} exact match (${v.count} sentences)`);
  }
  return svg.node()!;
}
