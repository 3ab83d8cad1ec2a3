// The committed page snapshots (npm run snapshots) state what their models achieve: reload
// each checkpoint, decode the held-out set the snapshot names, and check the stated figures.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useNodeBackend } from "../support/node-backend.ts";
import { loadCheckpoint } from "../../src/components/model/index.ts";
import { makeDataset } from "../../src/components/tasks/index.ts";
import { evaluate } from "../../src/components/train/index.ts";
import type { PageSnapshot } from "../../src/components/state/page-snapshot.ts";
import { peakOffsets } from "../../src/components/analysis/alignment.ts";
import { ATTENTION_DEFAULTS, BOTTLENECK_DEFAULTS } from "../../src/components/pages/page-configs.ts";

const load = (name: string): PageSnapshot =>
  JSON.parse(readFileSync(new URL(`../../src/data/${name}-snapshot.json`, import.meta.url), "utf-8"));

describe("page snapshots", () => {
  before(async () => {
    await useNodeBackend();
  });

  for (const [name, attention] of [
    ["bottleneck", "none"],
    ["attention", "additive"],
  ] as const) {
    it(`${name}-snapshot.json: ${name}-checkpoint.json reaches the stated exact match`, async () => {
      const s = load(name);
      assert.equal(s.format, "glimpse-page-snapshot@1");
      assert.equal(s.config.attention, attention);
      const model = loadCheckpoint(
        JSON.parse(readFileSync(new URL(`../../src/data/${name}-checkpoint.json`, import.meta.url), "utf-8")),
      );
      try {
        const result = await evaluate(model, makeDataset(s.config), s.config);
        assert.ok(
          Math.abs(result.exactMatch - s.exactMatch) <= 0.02,
          `measured ${result.exactMatch}, stated ${s.exactMatch}`,
        );
      } finally {
        model.dispose();
      }
      assert.ok(s.lossHistory.length > 10 && s.lossHistory.every((p) => Number.isFinite(p.loss)));
      assert.ok(s.comparison.attention.length > 0 && s.comparison.none.length > 0);
    });
  }

  it("attention beats the bottleneck on long inputs, as the pages claim", () => {
    const s = load("attention");
    const longest = (xs: PageSnapshot["comparison"]["none"]) => xs.reduce((a, b) => (b.length > a.length ? b : a));
    assert.ok(longest(s.comparison.attention).accuracy > longest(s.comparison.none).accuracy + 0.3);
    assert.ok(s.probe?.weights?.every((row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-3));
  });

  it("the attention snapshot reverses the page's headline sentence, which fits its lengths", () => {
    const s = load("attention");
    const probe = s.config.probe ?? "";
    assert.ok(
      probe.length <= s.config.maxLength,
      `probe of ${probe.length} characters, maxLength ${s.config.maxLength}`,
    );
    const reversed = probe
      .split(" ")
      .map((w) => [...w].reverse().join(""))
      .join(" ");
    assert.equal(s.probe?.output, reversed);
  });

  it("the default attention picture peaks on the letter being copied for at least 90% of the probe's letters", () => {
    const s = load("attention");
    assert.equal(s.config.bidirectional, true, "the page's default encoder is bidirectional");
    const m = peakOffsets(s.probe!);
    assert.ok(m.letters >= 15, `only ${m.letters} letters measured`);
    assert.ok(
      m.onCopied >= 0.9 * m.letters,
      `${m.onCopied} of ${m.letters} on the copied letter (offsets ${m.offsets.join(",")})`,
    );
  });

  it("the one-way picture beside it looks one letter late: most letters peak one position to the right", () => {
    const s = load("attention");
    assert.ok(s.oneWay, "the attention snapshot carries the one-way picture");
    const { bidirectional, ...rest } = s.oneWay.config;
    const { bidirectional: _, ...defaults } = s.config;
    assert.equal(bidirectional, false);
    assert.deepEqual(rest, defaults, "same data, seed, sizes and steps; only the encoder differs");
    const m = peakOffsets(s.oneWay.probe);
    assert.ok(m.letters >= 15, `only ${m.letters} letters measured`);
    assert.equal(m.typicalOffset, 1);
    assert.ok(
      m.oneLate >= 0.8 * m.letters,
      `${m.oneLate} of ${m.letters} one letter late (offsets ${m.offsets.join(",")})`,
    );
    assert.ok(m.onCopied <= 0.2 * m.letters);
  });

  it("the snapshots were trained with exactly the pages' settings, steps included", () => {
    for (const [name, defaults] of [
      ["bottleneck", BOTTLENECK_DEFAULTS],
      ["attention", ATTENTION_DEFAULTS],
    ] as const) {
      const s = load(name);
      for (const [key, value] of Object.entries(defaults)) {
        assert.deepEqual((s.config as unknown as Record<string, unknown>)[key], value, `${name}: ${key}`);
      }
      assert.equal(s.step, defaults.steps, `${name}: the snapshot's steps are a live run's`);
    }
  });

  it("the bottleneck snapshot carries its context pictures", () => {
    const s = load("bottleneck");
    assert.equal(s.context?.probe.length, s.config.hiddenSize);
    assert.equal(s.context?.points.length, 150);
  });
});
