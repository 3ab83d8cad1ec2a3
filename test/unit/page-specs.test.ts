import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { attentionSpec } from "../../src/components/pages/attention.ts";
import { beyondSpec } from "../../src/components/pages/beyond.ts";
import { bottleneckSpec } from "../../src/components/pages/bottleneck.ts";
import { costSpec } from "../../src/components/pages/cost.ts";
import { scoringSpec } from "../../src/components/pages/scoring.ts";
import { softHardSpec } from "../../src/components/pages/soft-vs-hard.ts";
import {
  decodeSettings,
  defaultSettings,
  encodeSettings,
  type PageSpec,
  type Settings,
} from "../../src/components/pages/spec.ts";

const snapshot = (name: string) => JSON.parse(readFileSync(`src/data/${name}-snapshot.json`, "utf8"));
const specs: [string, PageSpec, Settings][] = [
  [
    "attention",
    attentionSpec,
    {
      task: "translate",
      encoder: "one-way",
      hidden: 64,
      length: 12,
      rate: 0.003,
      seed: 7,
      reverse: true,
      double: false,
    },
  ],
  ["bottleneck", bottleneckSpec, { hidden: 16, length: 9, rate: 3, seed: 20, reverse: false, double: true }],
  ["scoring", scoringSpec, { task: "translate", seed: 3, models: ["dot", "concat"] }],
  ["soft-vs-hard", softHardSpec, { task: "reverse-words", seed: 4, temperature: "0.25", sharpness: 2.5 }],
  ["cost", costSpec, { longest: 16, batch: 4, repeats: 1, radius: 2, text: "a & b" }],
  ["beyond", beyondSpec, { grid: 4, mode: "hard", shapes: 4, hidden: 32, seed: 9 }],
];

describe("page specs", () => {
  for (const [name, spec, changed] of specs) {
    it(`${name}: settings survive the URL round trip, and the defaults give a bare URL`, () => {
      assert.equal(encodeSettings(spec, defaultSettings(spec)), "");
      const url = encodeSettings(spec, changed);
      const back = decodeSettings(spec, url);
      assert.deepEqual(back.notices, []);
      assert.deepEqual(back.settings, changed);
    });
  }

  it("a bad URL value keeps its default and says why", () => {
    const { settings, notices } = decodeSettings(scoringSpec, "?seed=99&models=bogus");
    assert.equal(settings.seed, 1);
    assert.deepEqual(settings.models, defaultSettings(scoringSpec).models);
    assert.equal(notices.length, 2);
  });

  for (const [name, spec] of [
    ["attention", attentionSpec],
    ["bottleneck", bottleneckSpec],
  ] as const) {
    it(`${name}: the defaults train the committed snapshot's model (its step count aside)`, () => {
      const config = spec.config(defaultSettings(spec)) as Record<string, unknown>;
      const committed = snapshot(name).config;
      for (const [key, value] of Object.entries(config)) {
        if (key !== "steps") assert.deepEqual(value, committed[key], key);
      }
    });
  }

  it("attention: the encoder switch sets the config's bidirectional and a weights file's encoder comes back", () => {
    const defaults = defaultSettings(attentionSpec);
    assert.equal(defaults.encoder, "bidirectional");
    assert.equal(attentionSpec.config(defaults).bidirectional, true);
    const oneWay = attentionSpec.config({ ...defaults, encoder: "one-way" });
    assert.equal(oneWay.bidirectional, false);
    assert.equal(attentionSpec.settingsOf(oneWay).encoder, "one-way");
    assert.equal(decodeSettings(attentionSpec, "?encoder=one-way").settings.encoder, "one-way");
  });

  for (const [name, spec] of [
    ["scoring", scoringSpec],
    ["soft-vs-hard", softHardSpec],
  ] as const) {
    it(`${name}: the defaults race the committed snapshot's race`, () => {
      assert.deepEqual(spec.config(defaultSettings(spec)), snapshot(name).race);
    });
  }

  it("cost: the defaults measure the committed snapshot's lengths, batch and window (fewer repeats)", () => {
    const config = costSpec.config(defaultSettings(costSpec));
    const committed = snapshot("cost").config;
    assert.deepEqual(config.lengths, committed.lengths);
    assert.equal(config.batchSize, committed.batchSize);
    assert.equal(config.hiddenSize, committed.hiddenSize);
    assert.equal(config.variants?.find((v) => v.window > 0)?.window, committed.window);
    assert.ok((config.repeats ?? 0) <= committed.repeats);
  });

  it("a weights file of the other page's model is refused, naming that page", () => {
    assert.throws(() => attentionSpec.settingsOf({ attention: "none" }), /bottleneck page/);
    assert.throws(() => bottleneckSpec.settingsOf({ attention: "additive" }), /attention page/);
    assert.equal(attentionSpec.settingsOf({ attention: "additive", hiddenSize: 64 }).hidden, 64);
  });

  it("after divergence the retry rate is the one the message suggests", () => {
    assert.equal(attentionSpec.retryRate(3), 0.01);
    assert.equal(bottleneckSpec.retryRate(0.1), 0.01);
    assert.equal(bottleneckSpec.retryRate(0.02), 0.001);
  });
});
