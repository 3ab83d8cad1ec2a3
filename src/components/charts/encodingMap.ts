// The positional encodings themselves: row i is the vector added at position i, column k is
// dimension k, coloured on a diverging scale (Vaswani et al. 2017, §3.5: PE(pos, 2i) = sin(pos/10000^{2i/d}),
// PE(pos, 2i+1) = cos(...); learned encodings are whatever training made of them).
import * as d3 from "./d3.js";
import { INK, MUTED, createSvg, resolveDocument, setSvgText } from "./common.js";

export interface EncodingMapOptions {
  cellSize?: number;
  label?: string;
  document?: Document;
}

/** `table` [positions][d]. */
export function encodingMap(table: number[][], o: EncodingMapOptions = {}): SVGSVGElement {
  const doc = resolveDocument(o.document);
  const n = table.length;
  const d = table[0]?.length ?? 0;
  const c = o.cellSize ?? 9;
  const left = 64;
  const top = 18;
  const width = left + d * c + 8;
  const height = top + n * c + 8;
  const label = o.label ?? "Positional encodings";
  const svg = createSvg(doc, width, height, { className: "glimpse-encodings", label, title: label });
  const max = d3.max(table.flat(), (v) => Math.abs(v)) || 1;
  const colour = d3.scaleDiverging(d3.interpolateRdBu).domain([max, 0, -max]);
  const g = svg.append("g").attr("transform", `translate(${left},${top})`);
  table.forEach((row, i) =>
    row.forEach((v, k) =>
      g
        .append("rect")
        .attr("x", k * c)
        .attr("y", i * c)
        .attr("width", c)
        .attr("height", c)
        .attr("fill", colour(v)),
    ),
  );
  svg
    .append("text")
    .attr("x", left)
    .attr("y", 12)
    .attr("fill", INK)
    .attr("opacity", MUTED)
    .attr("font-size", 11)
    .text(`dimension 1 … ${d} →`);
  for (let i = 0; i < n; i += Math.max(1, Math.ceil(n / 6))) {
    svg
      .append("text")
      .attr("x", left - 6)
      .attr("y", top + i * c + c - 1)
      .attr("text-anchor", "end")
      .attr("fill", INK)
      .attr("font-size", 11)
      .text(`position ${i}`);
  }
  const node = svg.node()!;
  setSvgText(
    node,
    label,
    `${n} positions × ${d} dimensions, values from ${(-max).toFixed(2)} to ${max.toFixed(2)} (red negative, blue positive).`,
  );
  return node;
}
