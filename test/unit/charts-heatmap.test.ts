import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import * as d3 from "d3";
import {
  attentionHeatmap,
  redrawAttentionHeatmap,
  updateAttentionHeatmap,
  weightColor,
  type HeatmapCell,
} from "../../src/components/charts/attentionHeatmap.ts";

const { document, Event } = parseHTML("<!doctype html><html><body></body></html>");

/** Rows of a softmax over a fixed, irregular score pattern: sums are 1 up to rounding. */
function softmaxRows(rows: number, cols: number, shift = 0): number[][] {
  return d3.range(rows).map((t) => {
    const e = d3.range(cols).map((j) => Math.exp(-Math.abs(((t + shift) % cols) - j) * 1.3 + ((j * 7 + t) % 5) * 0.1));
    const z = d3.sum(e);
    return e.map((v) => v / z);
  });
}

const sources = Array.from("ab cd");
const targets = Array.from("ba dc");
const weights = softmaxRows(5, 5);

function cell(svg: SVGSVGElement, t: number, j: number): SVGRectElement {
  const c = svg.querySelector(`rect.cell[data-row="${t}"][data-col="${j}"]`);
  assert.ok(c, `cell ${t},${j} exists`);
  return c as SVGRectElement;
}

describe("attentionHeatmap", () => {
  it("attentionHeatmap(weights) draws one cell per weight, grouped in one g.row per output step", () => {
    const w = softmaxRows(7, 4);
    const svg = attentionHeatmap(w, { sources: Array.from("abcd"), targets: Array.from("dcbaxyz"), document });
    assert.equal(svg.querySelectorAll("rect.cell").length, 28);
    assert.equal(svg.querySelectorAll("g.row").length, 7);
    assert.equal(svg.querySelectorAll('g.row[data-row="3"] rect.cell').length, 4);
  });

  it("data-row-sum equals the sum of the row's weights and data-weight each weight", () => {
    const w = [
      [0.1, 0.2, 0.3],
      [0.5, 0.25, 0.125],
    ];
    const svg = attentionHeatmap(w, { sources: ["a", "b", "c"], targets: ["x", "y"], document });
    const sums = Array.from(svg.querySelectorAll("g.row"), (g) => Number(g.getAttribute("data-row-sum")));
    assert.deepEqual(sums, [0.6, 0.875]);
    assert.equal(cell(svg, 1, 2).getAttribute("data-weight"), "0.125");
  });

  it("weightColor(w) is viridis to 1/255, clamped to [0, 1], and none when not finite", () => {
    assert.equal(weightColor(0.5), d3.interpolateViridis(128 / 255));
    assert.equal(weightColor(1.7), d3.interpolateViridis(1));
    assert.equal(weightColor(-0.2), d3.interpolateViridis(0));
    assert.equal(weightColor(NaN), "none");
  });

  it("colours the largest weight differently from the smallest, on viridis", () => {
    const svg = attentionHeatmap([[0, 1]], { sources: ["a", "b"], targets: ["b"], document });
    const lo = cell(svg, 0, 0).getAttribute("fill");
    const hi = cell(svg, 0, 1).getAttribute("fill");
    assert.notEqual(lo, hi);
    assert.equal(lo, d3.interpolateViridis(0));
    assert.equal(hi, d3.interpolateViridis(1));
  });

  it("labels the axes with the characters and shows a space as ␣", () => {
    const svg = attentionHeatmap(weights, { sources, targets, document });
    assert.deepEqual(
      Array.from(svg.querySelectorAll("text.col-label"), (t) => t.textContent),
      ["a", "b", "␣", "c", "d"],
    );
    assert.deepEqual(
      Array.from(svg.querySelectorAll("text.row-label"), (t) => t.textContent),
      ["b", "a", "␣", "d", "c"],
    );
  });

  it("summarises the matrix in aria-label and desc: size and strongest weight", () => {
    const w = [
      [0.1, 0.9],
      [0.98, 0.02],
      [0.5, 0.5],
    ];
    const svg = attentionHeatmap(w, { sources: ["e", "x"], targets: ["x", "e", " "], document });
    const label = svg.getAttribute("aria-label");
    assert.equal(
      label,
      "Attention matrix, 3 output steps by 2 input positions; strongest weight 0.98 at output 'e' ← input 'e'",
    );
    assert.equal(svg.querySelector("desc")?.textContent, label);
    assert.equal(svg.querySelector("title")?.textContent, "Attention matrix");
  });

  it("gives each cell an aria-label naming output step, input position and weight (and score when given)", () => {
    const svg = attentionHeatmap([[0.13, 0.87]], {
      sources: ["x", "e"],
      targets: ["e"],
      scores: [[-1, 0.9]],
      document,
    });
    assert.equal(
      cell(svg, 0, 1).getAttribute("aria-label"),
      "output 'e' (step 1) attends to input 'e' (position 2): 0.87, score 0.9",
    );
  });

  it("is an ARIA grid with one tab stop; arrow keys move it", () => {
    const svg = attentionHeatmap(weights, { sources, targets, document });
    assert.equal(svg.getAttribute("role"), "grid");
    assert.equal(svg.querySelectorAll('rect.cell[tabindex="0"]').length, 1);
    assert.equal(cell(svg, 0, 0).getAttribute("tabindex"), "0");
    const key = new Event("keydown", { bubbles: true }) as Event & { key: string };
    Object.defineProperty(key, "key", { value: "ArrowRight" });
    cell(svg, 0, 0).dispatchEvent(key);
    assert.equal(cell(svg, 0, 0).getAttribute("tabindex"), "-1");
    assert.equal(cell(svg, 0, 1).getAttribute("tabindex"), "0");
  });

  it("with interactive: false is a plain role=img without tab stops", () => {
    const svg = attentionHeatmap(weights, { sources, targets, interactive: false, document });
    assert.equal(svg.getAttribute("role"), "img");
    assert.equal(svg.querySelectorAll("rect.cell[tabindex]").length, 0);
  });

  it("focusing a cell lights up its row and column labels and calls onFocusCell with that cell", () => {
    const seen: HeatmapCell[] = [];
    const scores = weights.map((r) => r.map((w) => Math.log(w)));
    const svg = attentionHeatmap(weights, { sources, targets, scores, onFocusCell: (c) => seen.push(c), document });
    cell(svg, 3, 2).dispatchEvent(new Event("focusin", { bubbles: true }));
    assert.equal(svg.querySelector(".row-label.is-active")?.getAttribute("data-row"), "3");
    assert.equal(svg.querySelector(".col-label.is-active")?.getAttribute("data-col"), "2");
    assert.equal(svg.querySelectorAll(".is-active").length, 3);
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0], { row: 3, col: 2, weight: weights[3][2], score: scores[3][2], source: " ", target: "d" });
    cell(svg, 0, 0).dispatchEvent(new Event("pointerover", { bubbles: true }));
    assert.equal(svg.querySelector(".row-label.is-active")?.getAttribute("data-row"), "0");
    assert.equal(svg.querySelectorAll(".is-active").length, 3);
  });

  it("draws padding columns hatched and empty, and says so", () => {
    const svg = attentionHeatmap(weights, { sources, targets, mask: [false, false, false, true, true], document });
    assert.equal(svg.querySelectorAll("rect.cell.is-masked").length, 10);
    assert.equal(cell(svg, 0, 4).getAttribute("fill"), "none");
    assert.equal(cell(svg, 0, 4).getAttribute("aria-label"), "input 'd' (position 5) is padding");
    assert.equal(svg.querySelectorAll("g.mask-marks path").length, 2);
  });

  it("in hard mode draws picks as solid ink whose opacity is the weight", () => {
    const w = [
      [0, 1, 0],
      [1, 0, 0],
    ];
    const svg = attentionHeatmap(w, { sources: ["a", "b", "c"], targets: ["b", "a"], mode: "hard", document });
    assert.equal(cell(svg, 0, 1).getAttribute("fill"), "currentColor");
    assert.equal(cell(svg, 0, 1).getAttribute("fill-opacity"), "1");
    assert.equal(cell(svg, 0, 0).getAttribute("fill-opacity"), "0");
  });

  it("draws a non-finite weight as an empty cell, never a NaN colour", () => {
    const svg = attentionHeatmap([[NaN, 1]], { sources: ["a", "b"], targets: ["a"], document });
    assert.equal(cell(svg, 0, 0).getAttribute("fill"), "none");
    assert.equal(cell(svg, 0, 0).getAttribute("data-weight"), "NaN");
    assert.equal(svg.querySelector("g.row")?.getAttribute("data-row-sum"), "1");
  });

  it("highlight outlines the chosen row and column", () => {
    const svg = attentionHeatmap(weights, { sources, targets, highlight: { row: 2, col: 4 }, document });
    assert.equal(svg.querySelectorAll("rect.highlight-row").length, 1);
    assert.equal(svg.querySelectorAll("rect.highlight-col").length, 1);
    assert.equal(svg.querySelector(".row-label.is-highlighted")?.getAttribute("data-row"), "2");
  });

  it("fits the cell size to the width, within 10–36 px", () => {
    const w = softmaxRows(25, 25);
    const chars = Array.from("abcdefghijklmnopqrstuvwxy");
    const narrow = attentionHeatmap(w, { sources: chars, targets: chars, width: 375, document });
    const wide = attentionHeatmap(w, { sources: chars, targets: chars, width: 2000, document });
    const size = (s: SVGSVGElement) => Number(s.getAttribute("data-cell-size"));
    assert.ok(size(narrow) >= 10 && size(narrow) <= 13, `narrow cell ${size(narrow)}`);
    assert.ok(Number(narrow.getAttribute("width")) <= 375, `narrow svg ${narrow.getAttribute("width")}`);
    assert.equal(size(wide), 36);
  });

  it("updateAttentionHeatmap recolours the same elements in place and refreshes sums and labels", () => {
    const svg = attentionHeatmap(weights, { sources, targets, document });
    const before = cell(svg, 1, 1);
    const next = softmaxRows(5, 5, 2);
    assert.equal(updateAttentionHeatmap(svg, next), svg);
    assert.equal(cell(svg, 1, 1), before);
    assert.equal(before.getAttribute("data-weight"), String(+next[1][1].toFixed(6)));
    assert.equal(before.getAttribute("fill"), weightColor(next[1][1]));
    assert.notEqual(weightColor(next[1][1]), weightColor(weights[1][1]), "the test changes the colour");
    const best = d3.max(next.flat())!;
    assert.match(svg.getAttribute("aria-label")!, new RegExp(`strongest weight ${best.toFixed(2)}`));
    assert.throws(() => updateAttentionHeatmap(svg, softmaxRows(4, 5)), RangeError);
    assert.throws(() =>
      updateAttentionHeatmap(
        document.createElementNS("http://www.w3.org/2000/svg", "svg") as unknown as SVGSVGElement,
        next,
      ),
    );
  });

  it("redrawAttentionHeatmap relabels and recolours in place when the output's characters change, drawing what a fresh chart draws", () => {
    const first = { sources, targets, scores: weights.map((r) => r.map((w) => Math.log(w))), label: "one", document };
    const svg = attentionHeatmap(weights, first);
    const row = svg.querySelector("g.row");
    const next = softmaxRows(5, 5, 2);
    const options = {
      sources,
      targets: Array.from("xy zw"),
      scores: next.map((r) => r.map((w) => Math.log(w))),
      label: "two",
      document,
    };
    assert.equal(redrawAttentionHeatmap(svg, next, options), svg, "the same element");
    assert.equal(svg.querySelector("g.row"), row, "the same rows");
    assert.equal(svg.outerHTML, attentionHeatmap(next, options).outerHTML);
    assert.equal(svg.querySelector('.row-label[data-row="0"]')!.textContent, "x");
    const wide = { ...options, targets: ["x", "y", " ", "z", "end"] };
    assert.equal(redrawAttentionHeatmap(svg, next, wide), svg, "a wider row label moves the plot in place");
    assert.equal(svg.outerHTML, attentionHeatmap(next, wide).outerHTML);
  });

  it("redrawAttentionHeatmap adds and removes output rows in place; arrow keys reach the new rows", () => {
    const mask = [false, false, false, false, true];
    const svg = attentionHeatmap(weights, { sources, targets, mask, highlight: { col: 1 }, document });
    for (const n of [8, 3, 6]) {
      const w = softmaxRows(n, 5, n);
      const options = { sources, targets: Array.from("abcdefgh").slice(0, n), mask, highlight: { col: 1 }, document };
      assert.equal(redrawAttentionHeatmap(svg, w, options), svg);
      assert.equal(svg.querySelectorAll("g.row").length, n);
      assert.equal(svg.outerHTML, attentionHeatmap(w, options).outerHTML, `${n} rows`);
    }
    const key = new Event("keydown", { bubbles: true }) as Event & { key: string };
    Object.defineProperty(key, "key", { value: "ArrowDown" });
    const c = cell(svg, 4, 0);
    c.setAttribute("tabindex", "0");
    c.dispatchEvent(key);
    assert.equal(cell(svg, 5, 0).getAttribute("tabindex"), "0", "row 6 was added by the last redraw");
  });

  it("redrawAttentionHeatmap draws a new chart when the columns or the cells' size change", () => {
    const svg = attentionHeatmap(weights, { sources, targets, document });
    const wider = redrawAttentionHeatmap(svg, softmaxRows(5, 6), { sources: Array.from("ab cde"), targets, document });
    assert.notEqual(wider, svg);
    assert.equal(wider.querySelectorAll("rect.cell").length, 30);
    assert.notEqual(redrawAttentionHeatmap(svg, weights, { sources, targets, cellSize: 20, document }), svg);
    assert.notEqual(redrawAttentionHeatmap(undefined, weights, { sources, targets, document }), svg);
  });

  it("benchmark: updating a 25×25 heatmap (printed, not asserted)", () => {
    const chars = Array.from("abcdefghijklmnopqrstuvwxy");
    const frames = [softmaxRows(25, 25), softmaxRows(25, 25, 3)];
    const svg = attentionHeatmap(frames[0], { sources: chars, targets: chars, document });
    for (let i = 0; i < 20; i++) updateAttentionHeatmap(svg, frames[i % 2]);
    const n = 200;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) updateAttentionHeatmap(svg, frames[i % 2]);
    const ms = (performance.now() - t0) / n;
    console.log(`# updateAttentionHeatmap 25×25: ${ms.toFixed(3)} ms per update (linkedom)`);
    const t1 = performance.now();
    attentionHeatmap(frames[0], { sources: chars, targets: chars, document });
    console.log(`# attentionHeatmap 25×25 first draw: ${(performance.now() - t1).toFixed(2)} ms (linkedom)`);
  });
});
