// The "Beyond translation" snapshots (npm run beyond-snapshots) state what their models
// achieve: reload each checkpoint, evaluate it on the held-out data its config names, and check
// the stated exact match and attention correctness; the page's spec defaults train the same config.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useNodeBackend } from "../support/node-backend.ts";
import { loadCaptioner } from "../../src/components/model/captioner.ts";
import { loadStoryReader } from "../../src/components/model/story-reader.ts";
import { beyondCaptionFigures, beyondStoryFigures } from "../../src/components/pages/beyond-snapshot.ts";
import type { BeyondCaptionSnapshot, BeyondStorySnapshot } from "../../src/components/pages/beyond-snapshot.ts";
import { beyondModel, beyondSpec } from "../../src/components/pages/beyond.ts";
import { captionMetricsText, storyMetricsText } from "../../src/components/pages/beyond-text.ts";
import { defaultSettings } from "../../src/components/pages/spec.ts";
import { captionLearner } from "../../src/components/train/caption.ts";
import { storyLearner } from "../../src/components/train/story-learner.ts";

const read = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../src/data/beyond-${name}.json`, import.meta.url), "utf-8")) as T;
const close = (measured: number, stated: number, what: string) =>
  assert.ok(Math.abs(measured - stated) <= 0.02, `${what}: measured ${measured}, stated ${stated}`);

describe("beyond-translation snapshots", () => {
  before(async () => {
    await useNodeBackend();
  });

  it("the spec's defaults train exactly the committed snapshots' configs", () => {
    const config = beyondSpec.config(defaultSettings(beyondSpec));
    assert.deepEqual(config.caption, read<BeyondCaptionSnapshot>("caption-snapshot").config);
    assert.deepEqual(config.story, read<BeyondStorySnapshot>("story-snapshot").config);
  });

  it("the controls' extremes give runs both learners accept", () => {
    for (const settings of [
      { grid: 4, mode: "hard", shapes: 4, hidden: 16, seed: 99 },
      { grid: 8, mode: "soft", shapes: 2, hidden: 128, seed: 1 },
    ]) {
      const config = beyondSpec.config({ ...defaultSettings(beyondSpec), ...settings });
      captionLearner({ ...config.caption, testSize: 4 }).dispose();
      storyLearner({ ...config.story, testSize: 4 }).dispose();
    }
  });

  it("the captioner's checkpoint reaches the stated exact match and attention correctness", async () => {
    const s = read<BeyondCaptionSnapshot>("caption-snapshot");
    const model = loadCaptioner(read("caption-checkpoint"));
    try {
      const m = await beyondCaptionFigures(model, s.config, { step: s.step, history: [] });
      close(m.exactMatch, s.exactMatch, "exact match");
      close(m.metrics.attentionCorrectness, s.metrics.attentionCorrectness, "attention correctness");
      close(m.metrics.uniformBaseline, s.metrics.uniformBaseline, "uniform baseline");
      assert.deepEqual(m.probe.words, s.probe.words);
    } finally {
      model.dispose();
    }
    // What the page claims: captions well above chance, attention well above uniform.
    assert.ok(s.exactMatch > 10 * s.metrics.chanceExactMatch, `exact ${s.exactMatch}`);
    assert.ok(s.metrics.attentionCorrectness > 3 * s.metrics.uniformBaseline);
  });

  it("the story reader's checkpoint reaches the stated answer accuracy and attention on the supporting sentence", async () => {
    const s = read<BeyondStorySnapshot>("story-snapshot");
    const model = loadStoryReader(read("story-checkpoint"));
    try {
      const m = await beyondStoryFigures(model, s.config, { step: s.step, history: [] });
      close(m.exactMatch, s.exactMatch, "answers");
      close(m.metrics.attentionCorrectness, s.metrics.attentionCorrectness, "attention on the supporting sentence");
      assert.equal(m.probe.answer, s.probe.answer);
    } finally {
      model.dispose();
    }
    assert.ok(s.exactMatch > 3 * s.metrics.chance);
    assert.ok(s.metrics.attentionCorrectness > 2 * s.metrics.uniformBaseline);
  });

  it("the page's sentences state the snapshots' figures", () => {
    const c = read<BeyondCaptionSnapshot>("caption-snapshot");
    const st = read<BeyondStorySnapshot>("story-snapshot");
    const state = beyondModel(c, st).initial;
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    const ct = captionMetricsText(state.caption);
    for (const v of [c.exactMatch, c.metrics.attentionCorrectness, c.metrics.uniformBaseline])
      assert.ok(ct.includes(pct(v)), ct);
    const tt = storyMetricsText(state.story);
    for (const v of [st.exactMatch, st.metrics.attentionCorrectness, st.metrics.uniformBaseline])
      assert.ok(tt.includes(pct(v)), tt);
  });
});

describe("beyond-translation client model", () => {
  it("a run's snapshots update only the model it trains; other runs' snapshots are ignored", () => {
    const c = read<BeyondCaptionSnapshot>("caption-snapshot");
    const st = read<BeyondStorySnapshot>("story-snapshot");
    const model = beyondModel(c, st);
    const started = model.started(3, { model: "story", config: st.config }, false);
    assert.equal(started.status, "starting");
    const snapshot = {
      status: "training" as const,
      step: 50,
      totalSteps: 300,
      loss: 1.5,
      evaluatedAt: 50,
      exactMatch: 0.5,
      tokenAccuracy: 0.5,
      exactMatchByLength: [],
      metrics: { attentionCorrectness: 0.4 },
      stepsPerSecond: 10,
      elapsedMs: 1000,
      backend: "cpu",
      parameterCount: 10,
    };
    const next = model.reduce(started, 3, { model: "story", snapshot });
    assert.equal(next.status, "training");
    assert.equal(next.story.exactMatch, 0.5);
    assert.equal(next.story.live, true);
    assert.equal(next.caption, started.caption);
    assert.equal(model.reduce(next, 2, { model: "story", snapshot: { ...snapshot, exactMatch: 0.9 } }), next);
  });
});
