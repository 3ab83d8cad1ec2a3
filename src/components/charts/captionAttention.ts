// Where the captioner looked for each word (Xu et al. 2015, "Show, Attend and Tell", figs. 2–3
// draw the same picture): one small multiple per generated word, the image as the model read
// it (tasks/scenes.ts `rasterise`) with α over the grid cells laid on top, and the cells of the
// shape the true caption's word names outlined. Built once; `update` re-joins the multiples and
// recolours them in place, so a live run touches attributes, not the whole tree.
import { rasterise, type Scene } from "../tasks/scenes.js";
import { createSvg, resolveDocument, setSvgText } from "./common.js";

export interface CaptionPicture {
  scene: Scene;
  grid: number;
  /** Row labels: the generated words, then "</s>" if the model stopped. */
  tokens: string[];
  /** α over the cells for every token [tokens][grid²], cells row-major. */
  attention: number[][];
  /** For each word of the true caption, the cells of the shape it names. */
  target: string[];
  targetCells: number[][];
}

export interface PixelRun {
  x: number;
  y: number;
  width: number;
  fill: string;
}

const hex = (v: number) =>
  Math.round(Math.max(0, Math.min(1, v)) * 255)
    .toString(16)
    .padStart(2, "0");

/** The rasterised image as horizontal runs of one colour per row (a few hundred rects, not S²). */
export function pixelRuns(scene: Scene): PixelRun[] {
  const S = scene.imageSize;
  const image = rasterise(scene);
  const runs: PixelRun[] = [];
  for (let y = 0; y < S; y++) {
    let start = 0;
    let colour = "";
    for (let x = 0; x <= S; x++) {
      const p = (y * S + x) * 3;
      const c = x < S ? `#${hex(image[p])}${hex(image[p + 1])}${hex(image[p + 2])}` : "";
      if (c !== colour) {
        if (colour && colour !== "#ffffff") runs.push({ x: start, y, width: x - start, fill: colour });
        start = x;
        colour = c;
      }
    }
  }
  return runs;
}

/** The share of a word's attention on the cells of the shape the true caption names there. */
export function massOnShape(picture: CaptionPicture, t: number): number | undefined {
  const cells = picture.targetCells[t];
  if (!cells || picture.tokens[t] !== picture.target[t]) return undefined;
  return cells.reduce((s, c) => s + (picture.attention[t]?.[c] ?? 0), 0);
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function describeCaption(p: CaptionPicture): string {
  const words = p.tokens.filter((t) => t !== "</s>");
  return `The model's caption "${words.join(" ")}", one picture per word showing where on the ${p.grid}×${p.grid} grid it looked.`;
}

export interface CaptionAttentionChart {
  svg: SVGSVGElement;
  /** Redraws for a new caption; `selected` marks one word (the step walker's). */
  update(picture: CaptionPicture, selected?: number): void;
}

export interface CaptionAttentionOptions {
  /** Side of one small multiple in px. */
  size?: number;
  /** Multiples per row. */
  columns?: number;
  label?: string;
  document?: Document;
}

/** Builds the small multiples once; call `update` with each new picture. */
export function captionAttentionChart(
  picture: CaptionPicture,
  options: CaptionAttentionOptions = {},
): CaptionAttentionChart {
  const doc = resolveDocument(options.document);
  const size = options.size ?? 96;
  const columns = options.columns ?? 5;
  const gap = 10;
  const labelHeight = 30;
  const width = columns * (size + gap) - gap;
  const svg = createSvg(doc, width, size + labelHeight, {
    className: "glimpse-caption-attention",
    label: describeCaption(picture),
    title: options.label ?? "Where the captioner looked for each word",
  });
  const body = svg.append("g");

  function update(p: CaptionPicture, selected?: number): void {
    const S = p.scene.imageSize;
    const scale = size / S;
    const cell = size / p.grid;
    const rows = Math.ceil(p.tokens.length / columns);
    const height = rows * (size + labelHeight + gap) - gap;
    svg.attr("height", height).attr("viewBox", `0 0 ${width} ${height}`);
    setSvgText(svg.node()!, describeCaption(p), describeCaption(p));
    const runs = pixelRuns(p.scene);
    const items = p.tokens.map((token, t) => {
      const weights = p.attention[t] ?? [];
      const max = Math.max(1e-9, ...weights);
      const mass = massOnShape(p, t);
      return {
        t,
        token,
        weights: weights.map((w) => w / max),
        raw: weights,
        target: p.tokens[t] === p.target[t] ? (p.targetCells[t] ?? []) : [],
        mass,
      };
    });
    type Item = (typeof items)[number];
    const g = body
      .selectAll<SVGGElement, Item>("g.glimpse-caption-word")
      .data(items)
      .join((enter) => {
        const e = enter.append("g").attr("class", "glimpse-caption-word").attr("role", "img");
        e.append("rect").attr("class", "frame").attr("fill", "white");
        e.append("g").attr("class", "pixels");
        e.append("g").attr("class", "cells");
        e.append("g").attr("class", "targets");
        e.append("rect").attr("class", "outline").attr("fill", "none");
        e.append("text").attr("class", "word").attr("text-anchor", "middle").attr("font-weight", 600);
        e.append("text").attr("class", "mass").attr("text-anchor", "middle").attr("font-size", 10);
        return e;
      })
      .attr("transform", (d) => {
        const col = d.t % columns;
        const row = Math.floor(d.t / columns);
        return `translate(${col * (size + gap)},${row * (size + labelHeight + gap)})`;
      })
      .attr("aria-label", (d) => {
        const top = d.raw.indexOf(Math.max(...d.raw));
        const where = `looked most at row ${Math.floor(top / p.grid) + 1}, column ${(top % p.grid) + 1}`;
        return `"${d.token}": ${where}${d.mass === undefined ? "" : `, ${pct(d.mass)} of its attention on the shape it names`}`;
      });
    g.select(".frame").attr("width", size).attr("height", size);
    g.select<SVGGElement>(".pixels")
      .selectAll("rect")
      .data(runs)
      .join("rect")
      .attr("x", (r) => r.x * scale)
      .attr("y", (r) => r.y * scale)
      .attr("width", (r) => r.width * scale + 0.3)
      .attr("height", scale + 0.3)
      .attr("fill", (r) => r.fill);
    g.select<SVGGElement>(".cells")
      .selectAll("rect")
      .data((d: Item) => d.weights.map((w, c) => ({ w, c })))
      .join("rect")
      .attr("x", (d) => (d.c % p.grid) * cell)
      .attr("y", (d) => Math.floor(d.c / p.grid) * cell)
      .attr("width", cell)
      .attr("height", cell)
      // Dims what the model did not look at, as Xu et al.'s figures do: attended cells stay clear.
      .attr("fill", "#111")
      .attr("fill-opacity", (d) => 0.7 * (1 - d.w));
    g.select<SVGGElement>(".targets")
      .selectAll("rect")
      .data((d: Item) => d.target)
      .join("rect")
      .attr("x", (c) => (c % p.grid) * cell + 1)
      .attr("y", (c) => Math.floor(c / p.grid) * cell + 1)
      .attr("width", cell - 2)
      .attr("height", cell - 2)
      .attr("fill", "none")
      .attr("stroke", "#E69F00")
      .attr("stroke-width", 1.5)
      .attr("stroke-dasharray", "3 2");
    g.select(".outline")
      .attr("width", size)
      .attr("height", size)
      .attr("stroke", "currentColor")
      .attr("stroke-width", (d) => (d.t === selected ? 4 : 1));
    g.select(".word")
      .attr("x", size / 2)
      .attr("y", size + 14)
      .text((d) => d.token);
    g.select(".mass")
      .attr("x", size / 2)
      .attr("y", size + 26)
      .text((d) => (d.mass === undefined ? "" : `${pct(d.mass)} on its shape`));
  }

  update(picture);
  return { svg: svg.node()!, update };
}
