// The comparison pages' drawing pieces, rendered with linkedom: the Bahdanau/Luong diagram,
// small multiples updated in place, the table, and the race controls.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { decoderDiagram, decoderSteps, plainText } from "../../src/components/charts/decoderDiagram.ts";
import { heatmapMultiples } from "../../src/components/ui/heatmap-multiples.ts";
import { compareTable, paragraphs } from "../../src/components/ui/compare-table.ts";
import { compareControls, compareStatusText, type RaceHandle } from "../../src/components/ui/compare-controls.ts";
import { startedCompareState, type CompareState } from "../../src/components/compare/compare-state.ts";
import type { Translation } from "../../src/components/model/index.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

describe("decoderDiagram(style)", () => {
  it("Bahdanau scores with the previous state before the GRU; Luong after it, then combines", () => {
    const b = decoderSteps("bahdanau").map((n) => n.kind);
    const l = decoderSteps("luong").map((n) => n.kind);
    assert.ok(b.indexOf("attention") < b.indexOf("rnn"));
    assert.ok(l.indexOf("rnn") < l.indexOf("attention"));
    assert.ok(l.includes("combine") && !b.includes("combine"));
    assert.match(decoderSteps("bahdanau")[1].text, /score\(s_\{t−1\}/);
    assert.match(decoderSteps("luong")[2].text, /score\(h_\{t\}/);
  });
  it("draws one box per step, subscripts as tspans, and a text alternative in order", () => {
    const svg = decoderDiagram("luong", { document, width: 300 });
    assert.equal(svg.querySelectorAll("g.node").length, 6);
    assert.ok(svg.querySelectorAll("tspan[baseline-shift=sub]").length > 5);
    const label = svg.getAttribute("aria-label") ?? "";
    assert.match(
      label,
      /^One decoder step of Luong \(2015\), in the order it is computed: 1\. h t−1 previous state; 2\. h t = GRU/,
    );
    assert.equal(plainText("c_{t} = Σ α_{tj}"), "c t = Σ α tj");
  });
});

const translation = (source: string, weights: number[][], picks?: number[][]): Translation => ({
  source,
  sourceTokens: [...source],
  output: "x".repeat(weights.length),
  outputTokens: weights.map(() => "x"),
  weights,
  picks,
});

describe("heatmapMultiples()", () => {
  it("recolours in place when the shape is the same, redraws when it changes, drops removed models", () => {
    const m = heatmapMultiples({ document });
    m.update([
      {
        id: "a",
        label: "A",
        translation: translation("ab", [
          [0.9, 0.1],
          [0.2, 0.8],
        ]),
      },
      {
        id: "b",
        label: "B",
        translation: translation(
          "ab",
          [
            [0.5, 0.5],
            [0.5, 0.5],
          ],
          [
            [1, 0],
            [0, 1],
          ],
        ),
        show: "picks",
      },
    ]);
    const first = m.chart("a");
    assert.ok(first);
    assert.equal(m.element.querySelectorAll("figure").length, 2);
    assert.match(m.chart("b")?.getAttribute("class") ?? "", /is-hard/);
    m.update([
      {
        id: "a",
        label: "A",
        translation: translation("ab", [
          [0.1, 0.9],
          [0.8, 0.2],
        ]),
      },
    ]);
    assert.equal(m.chart("a"), first, "same element, recoloured");
    assert.equal(m.element.querySelectorAll("figure").length, 1);
    m.update([{ id: "a", label: "A", translation: translation("abc", [[0.1, 0.8, 0.1]]) }]);
    assert.notEqual(m.chart("a"), first, "new shape, new chart");
    const shaped = m.chart("a");
    m.update([{ id: "a", label: "A", empty: "later" }]);
    assert.equal(m.chart("a"), undefined);
    assert.equal(m.element.querySelector("svg"), null, "nothing shown while empty");
    assert.match(m.element.textContent ?? "", /later/);
    // A run's first evaluation after the empty start: the old chart, redrawn in place, is back.
    m.update([{ id: "a", label: "A", translation: translation("abc", [[0.2, 0.2, 0.6]]) }]);
    assert.equal(m.chart("a"), shaped, "the chart shown before the empty state, redrawn");
    assert.equal(m.element.querySelector("svg"), shaped);
    assert.doesNotMatch(m.element.textContent ?? "", /later/);
  });
});

describe("heatmapMultiples() while models learn", () => {
  const said = (source: string, output: string, weights: number[][]): Translation => ({
    ...translation(source, weights),
    output,
    outputTokens: [...output],
  });
  it("keeps each chart when a model's output changes its characters or length; each chart is drawn in a task of its own", () => {
    const jobs: (() => void)[] = [];
    const m = heatmapMultiples({ document, defer: (job) => jobs.push(job) });
    const row = [0.6, 0.4];
    m.update([
      { id: "a", label: "A", translation: said("ab", "xy", [row, row]) },
      { id: "b", label: "B", translation: said("ab", "xy", [row, row]) },
      { id: "c", label: "C", translation: said("ab", "xy", [row, row]) },
    ]);
    assert.equal(m.chart("a"), undefined, "nothing is drawn in the caller's task");
    assert.equal(jobs.length, 1, "one task is asked for at a time");
    jobs.shift()!();
    assert.ok(m.chart("a"));
    assert.equal(m.chart("b"), undefined, "the second waits for a task of its own");
    while (jobs.length) jobs.shift()!();
    const [a, b, c] = [m.chart("a"), m.chart("b"), m.chart("c")];
    assert.ok(c);
    m.update([
      { id: "a", label: "A", translation: said("ab", "zyw", [row, row, row]) },
      { id: "b", label: "B", translation: said("ab", "q", [row]) },
      { id: "c", label: "C", translation: said("ab", "x", [row]) },
    ]);
    // An evaluation that comes before the deferred redraws have run: only its data is drawn.
    m.update([
      { id: "a", label: "A", translation: said("ab", "zyw", [row, row, row]) },
      { id: "b", label: "B", translation: said("ab", "qr", [row, row]) },
      { id: "c", label: "C", translation: said("ab", "xyz", [row, row, row]) },
    ]);
    assert.equal(jobs.length, 1);
    let tasks = 0;
    while (jobs.length) (jobs.shift()!(), tasks++);
    assert.equal(tasks, 4, "each drawn once, in a task of its own, then the chain stops");
    assert.equal(m.chart("a"), a, "redrawn in place");
    assert.equal(m.chart("b"), b);
    assert.equal(m.chart("c"), c);
    assert.equal(a!.querySelectorAll("g.row").length, 3);
    assert.deepEqual(
      [...a!.querySelectorAll(".row-label")].map((t) => t.textContent),
      ["z", "y", "w"],
    );
    assert.deepEqual(
      [...b!.querySelectorAll(".row-label")].map((t) => t.textContent),
      ["q", "r"],
    );
    assert.equal(c!.querySelectorAll("g.row").length, 3);
  });
});

describe("compareTable(rows)", () => {
  it("one row per model with a row header, and a note outside the scrolling part", () => {
    const el = compareTable(
      [
        {
          id: "dot",
          label: "dot",
          parameters: "10",
          msPerStep: "5",
          stepsToLearn: "300",
          exactMatch: "97%",
          longest: "90% (12 chars)",
        },
      ],
      { caption: "Live", rowHeader: "score", stepsHeader: "steps to 95%", note: "Explained.", document },
    );
    assert.equal(el.querySelector("caption")?.textContent, "Live");
    assert.equal(el.querySelector("tbody th[scope=row]")?.textContent, "dot");
    assert.deepEqual(
      [...el.querySelectorAll("thead th")].map((t) => t.textContent),
      ["score", "parameters", "ms per step", "steps to 95%", "exact match", "longest inputs"],
    );
    assert.equal(el.querySelector(".glimpse-table-note")?.textContent, "Explained.");
    assert.equal(paragraphs(["a", "b"], "x", document).querySelectorAll("p").length, 2);
  });
});

describe("compareControls(client)", () => {
  it("buttons drive the client; the status element carries state for tests and readers", () => {
    const calls: string[] = [];
    let listener: (s: CompareState) => void = () => undefined;
    const race = { base: {}, lanes: [{ id: "a", label: "A", config: {} }], steps: 100, threshold: 0.95 };
    const handle: RaceHandle = {
      state: startedCompareState(2, race),
      running: true,
      toggle: () => calls.push("toggle"),
      step: () => calls.push("step"),
      reset: () => calls.push("reset"),
      subscribe: (l) => ((listener = l), l(handle.state), () => undefined),
    };
    const el = compareControls(handle, { document, onReset: () => calls.push("onReset") });
    const buttons = [...el.querySelectorAll("button")];
    assert.deepEqual(
      buttons.map((b) => b.textContent),
      ["Pause", "Step", "Reset"],
    );
    for (const b of buttons) b.dispatchEvent(new document.defaultView!.Event("click"));
    assert.deepEqual(calls, ["toggle", "step", "reset", "onReset"]);
    listener({
      ...handle.state,
      status: "training",
      step: 120,
      totalSteps: 800,
      backend: "wasm",
      lanes: [{ ...handle.state.lanes[0], loss: 0.5 }],
    });
    const status = el.querySelector(".glimpse-train-status") as HTMLElement;
    assert.equal(status.dataset.status, "training");
    assert.equal(status.dataset.loss, "0.5");
    assert.match(status.textContent ?? "", /Training step 100 of 800 \(1 model, one step of each in turn, on wasm\)/);
    assert.equal(status.dataset.exactMatch, undefined, "no model evaluated yet");
    assert.match(
      compareStatusText({ ...handle.state, status: "training", step: 10, workers: 2, backend: "wasm" }),
      /\(1 model, split across 2 workers, one per processor core, on wasm\)/,
    );
    const lane = { ...handle.state.lanes[0], loss: 0.4, evaluatedAt: 150 };
    const lanes = [
      { ...lane, id: "a", exactMatch: 0.9 },
      { ...lane, id: "b", exactMatch: 0.5 },
      { ...lane, id: "c", exactMatch: 0, evaluatedAt: 0, status: "diverged" as const },
    ];
    listener({ ...handle.state, status: "training", step: 150, lanes });
    assert.equal(status.dataset.exactMatch, "0.5", "the weakest racing model's, diverged ones aside");
    assert.match(
      compareStatusText({ ...handle.state, status: "done", step: 800 }),
      /Done: 1 model trained for 800 steps each/,
    );
  });
});

describe("settingsSearch(search)", () => {
  it("drops presenter mode's flag, keeps the settings", async () => {
    const { settingsSearch } = await import("../../src/components/ui/share-link.ts");
    assert.equal(settingsSearch("?present=1&task=translate"), "?task=translate");
    assert.equal(settingsSearch("?present=1"), "");
  });
});
