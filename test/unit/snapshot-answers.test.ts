// A training page answers its probe sentence from the snapshot while the worker loads
// (ui/training-page.ts), and /beyond its probe story (ui/beyond-page.ts): that answer must be the
// one the page's checkpoint gives, as the worker builds and runs it (worker/page-model.ts,
// beyond-worker.ts). Regenerating one file without the other fails here.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useNodeBackend } from "../support/node-backend.ts";
import { answer, modelFromCheckpoint } from "../../src/components/worker/page-model.ts";
import { askReader, loadStoryReader } from "../../src/components/model/story-reader.ts";
import * as tf from "../../src/components/tf.ts";

await useNodeBackend();
const data = (name: string) => JSON.parse(readFileSync(new URL(`../../src/data/${name}`, import.meta.url), "utf8"));

describe("the snapshots' answers are their checkpoints'", () => {
  for (const page of ["attention", "bottleneck"]) {
    it(`${page}: the probe's answer, characters and attention weights`, async () => {
      const snapshot = data(`${page}-snapshot.json`);
      const expected = snapshot.probe;
      assert.ok(expected?.source, `${page}-snapshot.json has a probe answer`);
      const before = tf.memory().numTensors;
      const m = modelFromCheckpoint(data(`${page}-checkpoint.json`), snapshot.config);
      try {
        const got = await answer(m, expected.source);
        assert.equal(got.output, expected.output);
        assert.deepEqual(got.sourceTokens, expected.sourceTokens);
        assert.deepEqual(got.outputTokens, expected.outputTokens);
        assert.equal(got.weights === undefined, expected.weights === undefined, "attention weights on one side only");
        // The snapshot keeps 4 decimals (state/page-snapshot.ts), and so do the checkpoint's weights.
        expected.weights?.forEach((row: number[], t: number) =>
          row.forEach((w, j) =>
            assert.ok(Math.abs(w - got.weights![t][j]) < 2e-3, `weight ${t},${j}: ${w} vs ${got.weights![t][j]}`),
          ),
        );
      } finally {
        m.model.dispose();
      }
      assert.equal(tf.memory().numTensors, before, "no tensor leaks");
    });
  }

  it("beyond: the story reader's answer to its probe story and question", async () => {
    const snapshot = data("beyond-story-snapshot.json");
    const expected = snapshot.probe;
    const before = tf.memory().numTensors;
    const reader = loadStoryReader(data("beyond-story-checkpoint.json"));
    try {
      const got = await askReader(reader, snapshot.config.probeStory, snapshot.config.probeQuestion);
      assert.equal(got.answer, expected.answer);
      assert.equal(got.expected, expected.expected);
      assert.deepEqual(got.sentences, expected.sentences);
      assert.deepEqual(got.answers, expected.answers);
      got.attention.forEach((hop, h) =>
        hop.forEach((p, i) => assert.ok(Math.abs(p - expected.attention[h][i]) < 2e-3, `attention ${h},${i}`)),
      );
      got.probabilities.forEach((p, i) => assert.ok(Math.abs(p - expected.probabilities[i]) < 2e-3, `p ${i}`));
    } finally {
      reader.dispose();
    }
    assert.equal(tf.memory().numTensors, before, "no tensor leaks");
  });
});
