// The "Beyond translation" charts: functions from data to SVG with aria-labels, built once and
// updated in place (the same node, re-joined multiples), drawn from the committed snapshots' probes.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { captionAttentionChart, massOnShape, pixelRuns } from "../../src/components/charts/captionAttention.ts";
import { storyAttentionChart } from "../../src/components/charts/storyAttention.ts";
import type { BeyondCaptionSnapshot, BeyondStorySnapshot } from "../../src/components/pages/beyond-snapshot.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");
const read = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../src/data/beyond-${name}-snapshot.json`, import.meta.url), "utf-8")) as T;

describe("caption attention small multiples", () => {
  const probe = read<BeyondCaptionSnapshot>("caption").probe;

  it("draws one labelled multiple per token and updates the same svg in place", () => {
    const chart = captionAttentionChart(probe, { document: document as unknown as Document });
    const words = () => [...chart.svg.querySelectorAll("g.glimpse-caption-word")];
    assert.equal(words().length, probe.tokens.length);
    assert.match(words()[0].getAttribute("aria-label") ?? "", new RegExp(`^"${probe.tokens[0]}": looked most at row`));
    assert.match(chart.svg.getAttribute("aria-label") ?? "", /one picture per word/);
    const svg = chart.svg;
    const shorter = { ...probe, tokens: probe.tokens.slice(0, 2), attention: probe.attention.slice(0, 2) };
    chart.update(shorter, 1);
    assert.equal(chart.svg, svg);
    assert.equal(words().length, 2);
    assert.equal(words()[1].querySelector(".outline")?.getAttribute("stroke-width"), "4");
  });

  it("the mass on the named shape is the attention summed over that shape's cells", () => {
    const t = probe.tokens.findIndex((w, i) => w === probe.target[i]);
    assert.ok(t >= 0);
    const want = probe.targetCells[t].reduce((s, c) => s + probe.attention[t][c], 0);
    assert.equal(massOnShape(probe, t), want);
    assert.equal(massOnShape({ ...probe, tokens: ["nonsense"] }, 0), undefined);
  });

  it("the image runs cover every non-white pixel of the rasterised scene once", () => {
    const runs = pixelRuns(probe.scene);
    const covered = runs.reduce((s, r) => s + r.width, 0);
    assert.ok(covered > 0 && covered < probe.scene.imageSize ** 2);
    assert.ok(runs.every((r) => r.fill !== "#ffffff"));
  });
});

describe("story attention rows", () => {
  it("draws one row per sentence with its weight, marks the supporting one, and updates in place", () => {
    const probe = read<BeyondStorySnapshot>("story").probe;
    const chart = storyAttentionChart(probe, { document: document as unknown as Document });
    const rows = () => [...chart.svg.querySelectorAll("g.glimpse-story-sentence")];
    assert.equal(rows().length, probe.sentences.length);
    assert.match(chart.svg.getAttribute("aria-label") ?? "", new RegExp(`answers "${probe.answer}"`));
    if (probe.supporting !== undefined)
      assert.match(rows()[probe.supporting].getAttribute("aria-label") ?? "", /supporting sentence/);
    chart.update({ ...probe, sentences: probe.sentences.slice(0, 2), attention: [[0.25, 0.75]], supporting: 1 });
    assert.equal(rows().length, 2);
    assert.match(rows()[1].getAttribute("aria-label") ?? "", /75% of the attention \(the supporting sentence\)/);
  });
});
