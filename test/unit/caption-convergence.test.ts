/**
 * The captioning claims, measured on a small budget: from pixels alone, the captioner names the
 * shapes far above chance, and each word's attention falls on the shape it names far more than
 * uniform attention would.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { trainCaptioner, type CaptionSnapshot } from "../../src/components/train/caption.ts";
import { useNodeBackend } from "../support/node-backend.ts";

before(() => useNodeBackend());

test("soft attention captions scenes far above chance and looks at the named shapes", async () => {
  let last: CaptionSnapshot | undefined;
  for await (const s of trainCaptioner({ steps: 500, evalEvery: 500, reportEvery: 100, testSize: 128, seed: 2 }))
    last = s;
  const m = last!.metrics!;
  console.log(
    `caption: ${(last!.exactMatch * 100).toFixed(1)}% exact (chance ${(m.chanceExactMatch * 100).toFixed(2)}%), ` +
      `${(last!.tokenAccuracy * 100).toFixed(1)}% words, attention correctness ${(m.attentionCorrectness * 100).toFixed(1)}% ` +
      `(uniform ${(m.uniformBaseline * 100).toFixed(1)}%) in ${(last!.elapsedMs / 1000).toFixed(0)} s`,
  );
  assert.equal(last!.status, "done");
  assert.ok(last!.exactMatch >= 30 * m.chanceExactMatch && last!.exactMatch >= 0.08, `exact match ${last!.exactMatch}`);
  assert.ok(last!.tokenAccuracy >= 0.7, `word accuracy ${last!.tokenAccuracy}`);
  assert.ok(
    m.attentionCorrectness >= 3 * m.uniformBaseline,
    `attention ${m.attentionCorrectness} vs ${m.uniformBaseline}`,
  );
});
