import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { liveFigure } from "../../src/components/ui/live-figure.ts";
import { FIGURE_WIDTH } from "../../src/components/ui/page-figures.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

describe("liveFigure", () => {
  it("keeps its figure when the chart is redrawn in place, and changes only the caption's text", () => {
    let push: (v: number) => void = () => {};
    const previousSeen: (Element | null)[] = [];
    let chart: Element | null = null;
    const f = liveFigure<number>({
      subscribe: (redraw) => ((push = redraw), () => {}),
      // A chart drawn anew on odd values and redrawn in place (the previous one returned) on even ones.
      draw: (v, _width, previous) => {
        previousSeen.push(previous);
        chart = v % 2 === 1 || !previous ? document.createElement("svg") : previous;
        chart.setAttribute("data-value", String(v));
        return { chart, caption: `value ${v}` };
      },
      exportName: "test",
      document: document as unknown as Document,
    });
    push(1);
    const first = f.element.querySelector("figure");
    const firstChart = chart;
    push(2);
    assert.equal(f.element.querySelector("figure"), first, "the same figure after an in-place redraw");
    assert.equal(f.element.querySelector("figcaption")!.textContent, "value 2");
    assert.equal(f.element.querySelectorAll("figure").length, 1);
    push(3);
    assert.notEqual(f.element.querySelector("figure"), first, "a new chart: a new figure");
    assert.equal(f.element.querySelector("figure svg")!.getAttribute("data-value"), "3");
    assert.equal(f.element.querySelector("figcaption")!.textContent, "value 3");
    assert.deepEqual(previousSeen.slice(0, 2), [null, firstChart], "draw is given the chart shown");
    f.dispose();
  });

  it("draws at the width its figure is shown, never wider than FIGURE_WIDTH", () => {
    // The ruler reports the column's width; a presenter's or a wide window's column is wider
    // than the figure, which the stylesheet caps (a chart drawn wider would be scaled down).
    const reports: ((entries: { contentRect: { width: number } }[]) => void)[] = [];
    const globals = globalThis as { ResizeObserver?: unknown };
    const saved = globals.ResizeObserver;
    globals.ResizeObserver = class {
      constructor(callback: (entries: { contentRect: { width: number } }[]) => void) {
        reports.push(callback);
      }
      observe() {}
      disconnect() {}
    };
    try {
      const widths: number[] = [];
      const f = liveFigure<number>({
        subscribe: (redraw) => (redraw(1), () => {}),
        draw: (v, width) => (widths.push(width), { chart: document.createElement("svg"), caption: `value ${v}` }),
        exportName: "test",
        document: document as unknown as Document,
      });
      for (const width of [1220, 335, 912]) reports[0]([{ contentRect: { width } }]);
      assert.deepEqual(widths, [FIGURE_WIDTH, 335, FIGURE_WIDTH], "redrawn only when the width drawn changes");
      f.dispose();
    } finally {
      globals.ResizeObserver = saved;
    }
  });
});
