// Curves over training steps (loss, exact match), with an optional band for the spread
// over seeds. Non-finite points are dropped: a diverged run shows where it stopped, not a
// line shooting to the edge of the plot.
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

export function lineChart(series: LineSeries[], options: LineChartOptions = {}): SVGSVGElement {
  const doc = resolveDocument(options.document);
  const width = options.width ?? 640;
  const height = options.height ?? 260;
  const log = options.yScale === "log";
  const usable = (x: number, y: number) => Number.isFinite(x) && Number.isFinite(y) && (!log || y > 0);
  const clean = series.map((s, i) => ({
    name: s.name,
    i,
    points: s.points.filter((p) => usable(p.x, p.y)),
    band: (s.band ?? []).filter((b) => usable(b.x, b.lo) && usable(b.x, b.hi)),
  }));
  const fmtY = options.yFormat ?? d3.format(".3~g");
  const showLegend = options.legend ?? series.length > 1;

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
  const svg = createSvg(doc, width, height, {
    className: "line-chart",
    label,
    title: options.label ?? "Line chart",
    desc: label,
  });

  const m = { top: 12, right: 16, bottom: 40, left: 52 };
  const top = seriesLegend(svg, clean, showLegend, m, width);

  const x = d3
    .scaleLinear()
    .domain(xDomain)
    .range([m.left, width - m.right]);
  const y = (log ? d3.scaleLog() : d3.scaleLinear()).domain(yDomain).range([height - m.bottom, top]);
  if (!log && !options.yDomain) y.nice();
  // Log scales tick every 1–9 of each decade but label only some; grid only the labelled ones.
  const yTickFormat = y.tickFormat(log ? 4 : 5, log ? "~g" : "~s");
  const yTicks = y.ticks(log ? 4 : 5).filter((t) => yTickFormat(t) !== "");

  gridLines(svg.append("g"), y, yTicks, m.left, width - m.right);
  svg
    .append("g")
    .attr("class", "x-axis")
    .attr("transform", `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90)), "~s"))
    .call(styleAxis);
  svg
    .append("g")
    .attr("class", "y-axis")
    .attr("transform", `translate(${m.left},0)`)
    .call(
      d3
        .axisLeft(y)
        .ticks(log ? 4 : 5)
        .tickFormat(yTickFormat),
    )
    .call(styleAxis);
  axisTitles(svg, options, width, height, m);

  const plot = svg.append("g").attr("class", "plot").attr("aria-hidden", "true");
  const line = d3
    .line<LinePoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const area = d3
    .area<BandPoint>()
    .x((b) => x(b.x))
    .y0((b) => y(b.lo))
    .y1((b) => y(b.hi));
  for (const s of clean) {
    const color = OKABE_ITO[s.i % OKABE_ITO.length];
    if (s.band.length)
      plot
        .append("path")
        .attr("class", "band")
        .attr("data-series", s.name)
        .attr("d", area(s.band))
        .attr("fill", color)
        .attr("fill-opacity", 0.2);
  }
  for (const s of clean) {
    const color = OKABE_ITO[s.i % OKABE_ITO.length];
    const dash = DASHES[s.i % DASHES.length];
    const g = plot.append("g").attr("class", "series").attr("data-series", s.name).attr("data-points", s.points.length);
    const last = s.points[s.points.length - 1];
    if (last) g.attr("data-last-x", num(last.x)).attr("data-last-y", num(last.y));
    g.append("path")
      .attr("class", "line")
      .attr("d", s.points.length ? line(s.points) : null)
      .attr("fill", "none")
      .attr("stroke", color)
      .attr("stroke-width", 2)
      .attr("stroke-linejoin", "round")
      .attr("stroke-dasharray", dash === "none" ? null : dash);
    // A lone point draws no line, so mark it.
    if (s.points.length === 1)
      g.append("circle").attr("cx", x(last!.x)).attr("cy", y(last!.y)).attr("r", 3).attr("fill", color);
  }
  return svg.node()!;
}
