import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import * as d3 from "d3";
import { vectorStrip } from "../../src/components/charts/vectorStrip.ts";
import { scatterPlot } from "../../src/components/charts/scatterPlot.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

describe("vectorStrip", () => {
  const values = [-2, -1, 0, 0.5, 2];
  const fill = (svg: SVGSVGElement, i: number) =>
    svg.querySelector(`rect.cell[data-index="${i}"]`)!.getAttribute("fill");

  it("vectorStrip(values) draws one cell per value with data-index and data-value", () => {
    const svg = vectorStrip(values, { document });
    const cells = svg.querySelectorAll("rect.cell");
    assert.equal(cells.length, 5);
    assert.deepEqual(
      Array.from(cells, (c) => c.getAttribute("data-value")),
      ["-2", "-1", "0", "0.5", "2"],
    );
    assert.deepEqual(
      Array.from(cells, (c) => c.getAttribute("data-index")),
      ["0", "1", "2", "3", "4"],
    );
  });

  it("colours symmetrically around 0: ±max at the two ends of PuOr, 0 at its centre", () => {
    const svg = vectorStrip(values, { document });
    assert.equal(fill(svg, 0), d3.interpolatePuOr(0));
    assert.equal(fill(svg, 4), d3.interpolatePuOr(1));
    assert.equal(fill(svg, 2), d3.interpolatePuOr(0.5));
    assert.notEqual(fill(svg, 1), fill(svg, 3));
  });

  it("with a fixed extent, clamps beyond it and scales inside it", () => {
    const svg = vectorStrip([4, 1], { extent: 2, document });
    assert.equal(fill(svg, 0), d3.interpolatePuOr(1));
    assert.equal(fill(svg, 1), d3.interpolatePuOr(0.75));
  });

  it("draws a legend from -extent through 0 to +extent", () => {
    const svg = vectorStrip(values, { document });
    assert.deepEqual(
      Array.from(svg.querySelectorAll(".legend-tick text"), (t) => t.textContent),
      ["−2", "0", "2"],
    );
  });

  it("names the vector in its label and aria-label, with range and largest entry", () => {
    const svg = vectorStrip([0.1, -0.7, 0.3], { label: "context vector c₂", document });
    assert.equal(svg.querySelector("text.strip-label")?.textContent, "context vector c₂");
    assert.equal(
      svg.getAttribute("aria-label"),
      "context vector c₂, 3 values from −0.7 to 0.3; largest magnitude −0.7 at index 1",
    );
  });

  it("draws a non-finite value empty and an all-zero vector without NaN", () => {
    const svg = vectorStrip([NaN, 1], { document });
    assert.equal(fill(svg, 0), "none");
    const zeros = vectorStrip([0, 0, 0], { document });
    assert.ok(!zeros.outerHTML.includes("NaN"));
    assert.equal(fill(zeros, 1), d3.interpolatePuOr(0.5));
  });
});

describe("scatterPlot", () => {
  const points = [
    { x: 0, y: 0, label: "abc", group: 3 },
    { x: 1, y: 2, label: "abcdef", group: 6 },
    { x: -1, y: 1, label: "ab", group: 2 },
    { x: 2, y: -1, label: "<b>x</b>", group: 6 },
    { x: NaN, y: 1, label: "broken", group: 3 },
  ];

  it("scatterPlot(points) draws one circle per finite point, each with its label as <title>", () => {
    const svg = scatterPlot(points, { document });
    const circles = svg.querySelectorAll("circle.point");
    assert.equal(circles.length, 4);
    assert.deepEqual(
      Array.from(circles, (c) => c.querySelector("title")!.textContent),
      ["abc (3)", "abcdef (6)", "ab (2)", "<b>x</b> (6)"],
    );
    assert.equal(svg.querySelectorAll("b").length, 0, "labels are text, not markup");
    assert.match(svg.getAttribute("aria-label")!, /4 points in 3 groups \(3, 6, 2\); 1 points not finite, not drawn/);
  });

  it("puts larger y higher and larger x further right", () => {
    const svg = scatterPlot(points, { document });
    const at = (i: number) => svg.querySelector(`circle[data-index="${i}"]`)!;
    assert.ok(Number(at(1).getAttribute("cy")) < Number(at(0).getAttribute("cy")));
    assert.ok(Number(at(3).getAttribute("cx")) > Number(at(0).getAttribute("cx")));
  });

  it("colours by group, same group same colour, with a legend entry per group", () => {
    const svg = scatterPlot(points, { document });
    const color = (i: number) => svg.querySelector(`circle[data-index="${i}"]`)!.getAttribute("fill");
    assert.equal(color(1), color(3));
    assert.notEqual(color(0), color(1));
    assert.deepEqual(
      Array.from(svg.querySelectorAll(".legend text"), (t) => t.textContent),
      ["3", "6", "2"],
    );
  });

  it("on a sequential group scale orders the legend and colours by viridis", () => {
    const svg = scatterPlot(points, { groupScale: "sequential", document });
    assert.deepEqual(
      Array.from(svg.querySelectorAll(".legend text"), (t) => t.textContent),
      ["2", "3", "6"],
    );
    assert.equal(svg.querySelector('circle[data-index="2"]')!.getAttribute("fill"), d3.interpolateViridis(0.2));
  });

  it("writes the labels of the annotated points only", () => {
    const svg = scatterPlot(points, { annotate: [1, 4], document });
    assert.deepEqual(
      Array.from(svg.querySelectorAll("text.annotation"), (t) => t.textContent),
      ["abcdef"],
    );
  });

  it("draws a single point or none without NaN", () => {
    for (const pts of [[{ x: 1, y: 1, label: "one" }], []]) {
      const svg = scatterPlot(pts, { document });
      assert.ok(!svg.outerHTML.includes("NaN"), svg.outerHTML.slice(0, 200));
      assert.equal(svg.querySelectorAll("circle.point").length, pts.length);
    }
  });
});
