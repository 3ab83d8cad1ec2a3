import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { lineChart, redrawLineChart } from "../../src/components/charts/lineChart.ts";
import { accuracyByLength } from "../../src/components/charts/accuracyByLength.ts";
import { OKABE_ITO } from "../../src/components/charts/common.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

const loss = [
  { x: 0, y: 3.2 },
  { x: 100, y: 1.5 },
  { x: 200, y: NaN },
  { x: 300, y: Infinity },
  { x: 400, y: 0.4 },
];
const accuracy = [
  { x: 0, y: 0 },
  { x: 200, y: 0.5 },
  { x: 400, y: 0.9 },
];

/** Numbers in an SVG path's d attribute. */
const pathNumbers = (d: string | null | undefined): string[] =>
  (d ?? "").match(/-?[\d.]+(e-?\d+)?|NaN|Infinity/g) ?? [];

describe("lineChart", () => {
  it("lineChart(series) draws one g.series with one path per series, in Okabe–Ito colours", () => {
    const svg = lineChart(
      [
        { name: "loss", points: loss },
        { name: "exact match", points: accuracy },
      ],
      { document },
    );
    const series = svg.querySelectorAll("g.series");
    assert.equal(series.length, 2);
    assert.deepEqual(
      Array.from(series, (g) => g.getAttribute("data-series")),
      ["loss", "exact match"],
    );
    assert.deepEqual(
      Array.from(svg.querySelectorAll("g.series path.line"), (p) => p.getAttribute("stroke")),
      OKABE_ITO.slice(0, 2),
    );
  });

  it("skips non-finite points: no NaN or Infinity in the path, and only finite points counted", () => {
    const svg = lineChart([{ name: "loss", points: loss }], { document });
    const g = svg.querySelector("g.series")!;
    assert.equal(g.getAttribute("data-points"), "3");
    const d = g.querySelector("path.line")!.getAttribute("d");
    const nums = pathNumbers(d);
    assert.equal(nums.length, 6, `three points, two numbers each: ${d}`);
    assert.ok(
      nums.every((n) => Number.isFinite(Number(n))),
      d ?? "",
    );
    assert.equal(g.getAttribute("data-last-y"), "0.4");
  });

  it("on a log scale drops values ≤ 0 and spaces decades evenly", () => {
    const pts = [
      { x: 0, y: 10 },
      { x: 1, y: 0 },
      { x: 2, y: 1 },
      { x: 3, y: 0.1 },
    ];
    const svg = lineChart([{ name: "loss", points: pts }], { yScale: "log", document });
    assert.equal(svg.querySelector("g.series")!.getAttribute("data-points"), "3");
    const ys = pathNumbers(svg.querySelector("path.line")!.getAttribute("d"))
      .filter((_, i) => i % 2 === 1)
      .map(Number);
    assert.ok(Math.abs(ys[1] - ys[0] - (ys[2] - ys[1])) < 1e-6, `decades equal: ${ys}`);
  });

  it("draws a band as a translucent area with class band", () => {
    const band = accuracy.map((p) => ({ x: p.x, lo: p.y - 0.1, hi: p.y + 0.1 }));
    const svg = lineChart([{ name: "exact match", points: accuracy, band }], { document });
    const b = svg.querySelectorAll("path.band");
    assert.equal(b.length, 1);
    assert.equal(b[0].getAttribute("fill-opacity"), "0.2");
    assert.ok(!pathNumbers(b[0].getAttribute("d")).includes("NaN"));
  });

  it("shows a legend naming each series when there are several, none for one", () => {
    const two = lineChart(
      [
        { name: "soft", points: loss },
        { name: "hard", points: accuracy },
      ],
      { document },
    );
    assert.deepEqual(
      Array.from(two.querySelectorAll(".legend text"), (t) => t.textContent),
      ["soft", "hard"],
    );
    const one = lineChart([{ name: "soft", points: loss }], { document });
    assert.equal(one.querySelectorAll(".legend").length, 0);
  });

  it("has role img, a title and an aria-label with the last value of each series", () => {
    const svg = lineChart([{ name: "loss", points: loss }], {
      xLabel: "step",
      yLabel: "loss",
      label: "Training loss",
      document,
    });
    assert.equal(svg.getAttribute("role"), "img");
    assert.equal(svg.querySelector("title")?.textContent, "Training loss");
    assert.equal(svg.getAttribute("aria-label"), "Training loss of loss against step; loss: 3 points, last 0.4 at 400");
    assert.equal(svg.querySelector("text.x-label")?.textContent, "step →");
  });

  it("uses yDomain when given: the y axis ends at its bounds", () => {
    const svg = lineChart([{ name: "acc", points: accuracy }], { yDomain: [0, 1], document });
    const ticks = Array.from(svg.querySelectorAll(".y-axis .tick text"), (t) => t.textContent);
    assert.equal(ticks[0], "0");
    assert.equal(ticks[ticks.length - 1], "1");
  });

  it("draws an empty chart without NaN when every point is non-finite", () => {
    const svg = lineChart([{ name: "diverged", points: [{ x: 0, y: NaN }] }], { document });
    assert.equal(svg.querySelector("g.series")!.getAttribute("data-points"), "0");
    assert.ok(!svg.outerHTML.includes("NaN"), "no NaN anywhere in the markup");
    assert.match(svg.getAttribute("aria-label")!, /diverged: no data/);
  });
});

/** An element as text with its attributes sorted: attribute order is not what a chart shows. */
function canonical(e: Element): string {
  const attrs = Array.from(e.attributes, (a) => `${a.name}="${a.value}"`).sort();
  const kids = Array.from(e.childNodes, (n) => (n.nodeType === 1 ? canonical(n as Element) : n.textContent));
  return `<${e.tagName} ${attrs.join(" ")}>${kids.join("")}</${e.tagName}>`;
}

describe("redrawLineChart", () => {
  const early = [{ x: 0, y: 3.2 }];
  const later = [
    { x: 0, y: 3.2 },
    { x: 10, y: 2.1 },
    { x: 20, y: 0.9 },
  ];
  const o = { yScale: "log" as const, xLabel: "step", yLabel: "loss", label: "Loss", document };

  it("repaints the same element, which then matches a chart drawn afresh from the new data", () => {
    const svg = lineChart(
      [
        { name: "soft", points: early },
        { name: "hard", points: [] },
      ],
      o,
    );
    const next = [
      { name: "soft", points: later, band: later.map((p) => ({ x: p.x, lo: p.y / 2, hi: p.y * 2 })) },
      { name: "hard", points: later.slice(0, 1) },
    ];
    const redrawn = redrawLineChart(svg, next, o);
    assert.equal(redrawn, svg, "the same element, redrawn in place");
    assert.equal(canonical(redrawn), canonical(lineChart(next, o)));
    // Back to fewer points: the lone point's mark, the band and the extra ticks go.
    const back = [
      { name: "soft", points: early },
      { name: "hard", points: later },
    ];
    assert.equal(canonical(redrawLineChart(svg, back, o)), canonical(lineChart(back, o)));
    assert.equal(svg.querySelectorAll("path.band").length, 0);
    assert.equal(svg.querySelector(".x-axis")!.getAttribute("class"), "x-axis axis", "axes styled once");
  });

  it("draws a new chart when the frame changes (width, series names) or there is none", () => {
    const svg = lineChart([{ name: "soft", points: later }], o);
    assert.notEqual(redrawLineChart(svg, [{ name: "soft", points: later }], { ...o, width: 300 }), svg);
    assert.notEqual(redrawLineChart(svg, [{ name: "hard", points: later }], o), svg);
    assert.equal(redrawLineChart(null, [{ name: "soft", points: later }], o).getAttribute("class"), "line-chart");
  });

  it("keeps a band drawn beneath every line, even one that appears after the lines", () => {
    const svg = lineChart([{ name: "soft", points: later }], o);
    redrawLineChart(svg, [{ name: "soft", points: later, band: later.map((p) => ({ x: p.x, lo: p.y, hi: p.y })) }], o);
    const order = Array.from(svg.querySelectorAll("path.band, path.line"), (p) => p.getAttribute("class"));
    assert.deepEqual(order, ["band", "line"]);
  });
});

describe("accuracyByLength", () => {
  const series = [
    {
      name: "no attention",
      values: [
        { length: 5, accuracy: 0.9, count: 100 },
        { length: 10, accuracy: 0.5, count: 100 },
        { length: 20, accuracy: 0.05, count: 80 },
        { length: 25, accuracy: 0, count: 0 },
      ],
    },
    {
      name: "attention",
      values: [
        { length: 20, accuracy: 0.8, count: 80 },
        { length: 5, accuracy: 1, count: 100 },
        { length: 10, accuracy: 0.95, count: 100 },
      ],
    },
  ];

  it("accuracyByLength(series) marks each (length, accuracy) with data attributes, skipping empty lengths", () => {
    const svg = accuracyByLength(series, { document });
    const pts = svg.querySelectorAll(".point");
    assert.equal(pts.length, 6);
    const attention = Array.from(svg.querySelectorAll('g.series[data-series="attention"] .point'), (p) => [
      p.getAttribute("data-length"),
      p.getAttribute("data-accuracy"),
    ]);
    assert.deepEqual(attention, [
      ["5", "1"],
      ["10", "0.95"],
      ["20", "0.8"],
    ]);
  });

  it("places 100% above 0%: higher accuracy, smaller y", () => {
    const svg = accuracyByLength(series, { document });
    const y = (sel: string) =>
      Number(
        svg
          .querySelector(sel)!
          .getAttribute("transform")!
          .match(/,([-\d.]+)\)/)![1],
      );
    assert.ok(
      y('g.series[data-series="attention"] .point[data-length="5"]') <
        y('g.series[data-series="no attention"] .point[data-length="20"]'),
    );
  });

  it("labels the y axis 0–100% and the x axis with integer lengths", () => {
    const svg = accuracyByLength(series, { document });
    assert.deepEqual(
      Array.from(svg.querySelectorAll(".y-axis .tick text"), (t) => t.textContent),
      ["0%", "25%", "50%", "75%", "100%"],
    );
    const xs = Array.from(svg.querySelectorAll(".x-axis .tick text"), (t) => Number(t.textContent));
    assert.ok(xs.length >= 2 && xs.every(Number.isInteger), `${xs}`);
    assert.equal(svg.querySelector("text.x-label")?.textContent, "input length (characters) →");
  });

  it("summarises each model's first and last accuracy in aria-label; points have titles", () => {
    const svg = accuracyByLength(series, { document });
    assert.equal(
      svg.getAttribute("aria-label"),
      "Exact match by input length; no attention: 90% at length 5, 5% at length 20; attention: 100% at length 5, 80% at length 20",
    );
    assert.equal(
      svg.querySelector('.point[data-length="20"] title')?.textContent,
      "no attention, length 20: 5% exact match (80 sentences)",
    );
  });

  it("gives each series a different marker shape, not only a different colour", () => {
    const svg = accuracyByLength(series, { document });
    const shapes = Array.from(svg.querySelectorAll("g.series"), (g) => g.querySelector(".point")!.getAttribute("d"));
    assert.notEqual(shapes[0], shapes[1]);
  });
});
