// Curves over training steps (loss, exact match), with an optional band for the spread
// over seeds. Non-finite points are dropped: a diverged run shows where it stopped, not a
// line shooting to the edge of the plot. Built once (frame: legend, axis groups, titles), then
// redrawn in place by redrawLineChart while a model trains: a loss curve redraws several times
// a second, and a new SVG each time cost the main thread a style and layout pass of the whole
// chart on top of the script.
import * as d3 from "./d3.js";
import {
  DASHES,
  axisTitles,
  OKABE_ITO,
  seriesLegend,
  createSvg,
  gridLines,
  num,
  resolveDocument,
  setSvgText,
  styleAxis,
} from "./common.js";

export interface LinePoint {
  x: number;
  y: number;
}

export interface BandPoint {
  x: number;
  lo: number;
  hi: number;
}

export interface LineSeries {
  name: string;
  points: LinePoint[];
  /** Spread over seeds (e.g. min–max or ±1 sd), drawn as a translucent area. */
  band?: BandPoint[];
}

export interface LineChartOptions {
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  yDomain?: [number, number];
  /** "log" suits loss curves; values ≤ 0 are then dropped like non-finite ones. */
  yScale?: "linear" | "log";
  /** Show the legend (default: when there is more than one series). */
  legend?: boolean;
  /** Names the chart in its text alternative; default "Line chart". */
  label?: string;
  /** Format of y values in the text alternative (default 3 significant digits). */
  yFormat?: (v: number) => string;
  document?: Document;
}

interface Clean {
  name: string;
  i: number;
  points: LinePoint[];
  band: BandPoint[];
}

/** What redrawLineChart keeps of a chart: its frame's key and the groups it repaints. */
interface LineChartState {
  key: string;
  top: number;
  grid: SVGGElement;
  xAxis: SVGGElement;
  yAxis: SVGGElement;
  bands: SVGGElement;
  lines: SVGGElement;
}

const states = new WeakMap<SVGSVGElement, LineChartState>();
const MARGIN = { top: 12, right: 16, bottom: 40, left: 52 };

const sizeOf = (o: LineChartOptions) => ({ width: o.width ?? 640, height: o.height ?? 260 });

/** What the frame depends on: a chart whose key differs is drawn anew. */
function frameKey(series: readonly LineSeries[], o: LineChartOptions): string {
  const { width, height } = sizeOf(o);
  return JSON.stringify([
    width,
    height,
    o.yScale ?? "linear",
    o.xLabel,
    o.yLabel,
    o.label,
    o.legend ?? series.length > 1,
    series.map((s) => s.name),
  ]);
}

export function lineChart(series: LineSeries[], options: LineChartOptions = {}): SVGSVGElement {
  const doc = resolveDocument(options.document);
  const { width, height } = sizeOf(options);
  const title = options.label ?? "Line chart";
  const svg = createSvg(doc, width, height, { className: "line-chart", label: title, title });
  const names = series.map((s, i) => ({ name: s.name, i }));
  const top = seriesLegend(svg, names, options.legend ?? series.length > 1, MARGIN, width);
  const grid = svg.append("g");
  const xAxis = svg
    .append("g")
    .attr("class", "x-axis")
    .attr("transform", `translate(0,${height - MARGIN.bottom})`);
  const yAxis = svg.append("g").attr("class", "y-axis").attr("transform", `translate(${MARGIN.left},0)`);
  axisTitles(svg, options, width, height, MARGIN);
  const plot = svg.append("g").attr("class", "plot").attr("aria-hidden", "true");
  // Bands in a group below the lines, so a band that appears later stays beneath them.
  const bands = plot.append("g").attr("class", "bands");
  const lines = plot.append("g").attr("class", "lines");
  const state: LineChartState = {
    key: frameKey(series, options),
    top,
    grid: grid.node()!,
    xAxis: xAxis.node()!,
    yAxis: yAxis.node()!,
    bands: bands.node()!,
    lines: lines.node()!,
  };
  states.set(svg.node()!, state);
  paint(svg.node()!, state, series, options);
  return svg.node()!;
}

/**
 * The chart to show for `series` and `options`: `svg` itself, repainted in place (scales,
 * axes, grid, lines, bands, text alternative), when lineChart drew it with the same frame
 * (size, scale type, titles, series names); otherwise a new chart. Either way the chart is the
 * one lineChart(series, options) draws.
 */
export function redrawLineChart(
  svg: Element | null | undefined,
  series: LineSeries[],
  options: LineChartOptions = {},
): SVGSVGElement {
  const s = svg ? states.get(svg as SVGSVGElement) : undefined;
  if (!s || s.key !== frameKey(series, options)) return lineChart(series, options);
  paint(svg as SVGSVGElement, s, series, options);
  return svg as SVGSVGElement;
}

function paint(node: SVGSVGElement, state: LineChartState, series: LineSeries[], options: LineChartOptions): void {
  const { width, height } = sizeOf(options);
  const m = MARGIN;
  const log = options.yScale === "log";
  const usable = (x: number, y: number) => Number.isFinite(x) && Number.isFinite(y) && (!log || y > 0);
  const clean: Clean[] = series.map((s, i) => ({
    name: s.name,
    i,
    points: s.points.filter((p) => usable(p.x, p.y)),
    band: (s.band ?? []).filter((b) => usable(b.x, b.lo) && usable(b.x, b.hi)),
  }));
  const fmtY = options.yFormat ?? d3.format(".3~g");

  const xs = clean.flatMap((s) => [...s.points.map((p) => p.x), ...s.band.map((b) => b.x)]);
  const ys = clean.flatMap((s) => [...s.points.map((p) => p.y), ...s.band.flatMap((b) => [b.lo, b.hi])]);
  const xExt = d3.extent(xs) as [number, number] | [undefined, undefined];
  const yExt = d3.extent(ys) as [number, number] | [undefined, undefined];
  const xDomain: [number, number] =
    xExt[0] === undefined ? [0, 1] : xExt[0] === xExt[1] ? [xExt[0] - 1, xExt[0] + 1] : xExt;
  let yDomain: [number, number] = options.yDomain ?? (yExt[0] === undefined ? (log ? [0.1, 1] : [0, 1]) : yExt);
  if (yDomain[0] === yDomain[1]) yDomain = log ? [yDomain[0] / 2, yDomain[0] * 2] : [yDomain[0] - 1, yDomain[0] + 1];

  const descParts = clean.map((s) => {
    const last = s.points[s.points.length - 1];
    return last
      ? `${s.name}: ${s.points.length} points, last ${fmtY(last.y)} at ${d3.format("~g")(last.x)}`
      : `${s.name}: no data`;
  });
  const label = `${options.label ?? "Line chart"} of ${options.yLabel ?? "y"} against ${options.xLabel ?? "x"}; ${descParts.join("; ")}`;
  setSvgText(node, label, label);

  const x = d3
    .scaleLinear()
    .domain(xDomain)
    .range([m.left, width - m.right]);
  const y = (log ? d3.scaleLog() : d3.scaleLinear()).domain(yDomain).range([height - m.bottom, state.top]);
  if (!log && !options.yDomain) y.nice();
  // Log scales tick every 1–9 of each decade but label only some; grid only the labelled ones.
  const yTickFormat = y.tickFormat(log ? 4 : 5, log ? "~g" : "~s");
  const yTicks = y.ticks(log ? 4 : 5).filter((t) => yTickFormat(t) !== "");

  gridLines(d3.select(state.grid), y, yTicks, m.left, width - m.right);
  d3.select(state.xAxis)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90)), "~s"))
    .call(styleAxis);
  d3.select(state.yAxis)
    .call(
      d3
        .axisLeft(y)
        .ticks(log ? 4 : 5)
        .tickFormat(yTickFormat),
    )
    .call(styleAxis);

  const line = d3
    .line<LinePoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const area = d3
    .area<BandPoint>()
    .x((b) => x(b.x))
    .y0((b) => y(b.lo))
    .y1((b) => y(b.hi));
  const color = (s: Clean) => OKABE_ITO[s.i % OKABE_ITO.length];
  d3.select(state.bands)
    .selectAll<SVGPathElement, Clean>("path.band")
    .data(
      clean.filter((s) => s.band.length),
      (s) => String(s.i),
    )
    .join("path")
    .attr("class", "band")
    .attr("data-series", (s) => s.name)
    .attr("d", (s) => area(s.band))
    .attr("fill", color)
    .attr("fill-opacity", 0.2);
  d3.select(state.lines)
    .selectAll<SVGGElement, Clean>("g.series")
    .data(clean)
    .join((enter) => {
      const g = enter.append("g").attr("class", "series");
      g.append("path")
        .attr("class", "line")
        .attr("fill", "none")
        .attr("stroke-width", 2)
        .attr("stroke-linejoin", "round");
      return g;
    })
    .attr("data-series", (s) => s.name)
    .attr("data-points", (s) => s.points.length)
    .each(function (s) {
      const g = d3.select(this);
      const last = s.points[s.points.length - 1];
      g.attr("data-last-x", last ? num(last.x) : null).attr("data-last-y", last ? num(last.y) : null);
      const dash = DASHES[s.i % DASHES.length];
      g.select("path.line")
        .attr("d", s.points.length ? line(s.points) : null)
        .attr("stroke", color(s))
        .attr("stroke-dasharray", dash === "none" ? null : dash);
      // A lone point draws no line, so mark it.
      g.selectAll("circle")
        .data(s.points.length === 1 ? [last!] : [])
        .join("circle")
        .attr("cx", (p) => x(p.x))
        .attr("cy", (p) => y(p.y))
        .attr("r", 3)
        .attr("fill", color(s));
    });
}
