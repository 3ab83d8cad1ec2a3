/**
 * The page's claims about the story reader, measured on a small budget: it answers far above
 * chance, its attention falls on the supporting sentence far more than uniform or "always the
 * last sentence" would, and it needs time as an input (no hand-written recency rule) to do so.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import {
  trainStoryReader,
  type StorySnapshot,
  type StoryTrainConfig,
} from "../../src/components/train/story-learner.ts";
import { useNodeBackend } from "../support/node-backend.ts";

before(() => useNodeBackend());

async function final(config: Partial<StoryTrainConfig>): Promise<StorySnapshot> {
  let last: StorySnapshot | undefined;
  for await (const s of trainStoryReader({ steps: 200, evalEvery: 100, testSize: 256, ...config })) last = s;
  const m = last!.metrics!;
  console.log(
    `${JSON.stringify(config)}: answers ${last!.exactMatch.toFixed(3)} (chance ${m.chance.toFixed(3)}), ` +
      `attention on support ${m.attentionCorrectness.toFixed(3)} (uniform ${m.uniformBaseline.toFixed(3)}, ` +
      `last sentence ${m.lastSentenceBaseline.toFixed(3)}) in ${(last!.elapsedMs / 1000).toFixed(1)} s`,
  );
  return last!;
}

function assertReads(s: StorySnapshot, minAnswers: number, minAttention: number) {
  const m = s.metrics!;
  assert.equal(s.status, "done");
  assert.ok(s.exactMatch >= minAnswers, `answers ${s.exactMatch}`);
  assert.ok(s.exactMatch > 4 * m.chance, `answers ${s.exactMatch} vs chance ${m.chance}`);
  assert.ok(m.attentionCorrectness >= minAttention, `attention on the supporting sentence ${m.attentionCorrectness}`);
  assert.ok(m.attentionCorrectness > m.uniformBaseline + 0.4, `uniform ${m.uniformBaseline}`);
  assert.ok(m.attentionCorrectness > m.lastSentenceBaseline + 0.3, `last sentence ${m.lastSentenceBaseline}`);
}

for (const seed of [21, 22]) {
  test(`one hop, bag of words (seed ${seed}): answers above 90% with attention on the supporting sentence`, async () => {
    assertReads(await final({ seed }), 0.9, 0.8);
  });
}

test("two hops with position encoding also learn to answer and to look at the supporting sentence", async () => {
  assertReads(await final({ seed: 23, hops: 2, encoding: "position" }), 0.85, 0.7);
});

test("without the temporal encoding the same budget cannot tell the latest fact from an outdated one", async () => {
  const withTime = await final({ seed: 24 });
  const without = await final({ seed: 24, temporal: false });
  assert.ok(
    without.exactMatch < withTime.exactMatch - 0.3,
    `with ${withTime.exactMatch}, without ${without.exactMatch}`,
  );
});
