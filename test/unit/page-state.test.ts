import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { checkSentence, MAX_SENTENCE } from "../../src/components/ui/sentence.ts";
import { roundCheckpoint, roundTo, contextPicture } from "../../src/components/state/page-snapshot.ts";
import { startedState, withSnapshot } from "../../src/components/state/trainer-state.ts";
import { statusText } from "../../src/components/ui/trainer-controls.ts";
import type { TrainSnapshot } from "../../src/components/train/index.ts";

const snap = (o: Partial<TrainSnapshot>): TrainSnapshot => ({
  status: "training",
  step: 10,
  totalSteps: 100,
  loss: 2,
  evaluatedAt: 0,
  tokenAccuracy: 0,
  exactMatch: 0,
  exactMatchByLength: [],
  stepsPerSecond: 10,
  elapsedMs: 1000,
  backend: "wasm",
  parameterCount: 1,
  ...o,
});

describe("checkSentence", () => {
  it("checkSentence(ok) gives the text and the expected answer", () => {
    assert.deepEqual(checkSentence("  the  cat ", "reverse-words"), { ok: true, text: "the cat", expected: "eht tac" });
  });
  it("checkSentence(odd characters) names them instead of throwing", () => {
    for (const text of ["héllo 🙂", "<script>x</script>"]) {
      const r = checkSentence(text, "reverse-words");
      assert.equal(r.ok, false);
      assert.match((r as { message: string }).message, /not in this task's vocabulary/);
    }
  });
  it("checkSentence(too long, empty) explains", () => {
    const long = checkSentence("a".repeat(2000), "reverse-words");
    assert.equal(long.ok, false);
    assert.match((long as { message: string }).message, new RegExp(`at most ${MAX_SENTENCE}`));
    assert.equal(checkSentence("   ", "reverse-words").ok, false);
  });
});

describe("trainer state", () => {
  it("withSnapshot() ignores older runs and keeps a diverged loss out of the curve", () => {
    let s = startedState(2, 100);
    assert.equal(withSnapshot(s, 1, snap({})), s);
    s = withSnapshot(s, 2, snap({ loss: 2 }));
    assert.equal(s.status, "training");
    assert.deepEqual(s.lossHistory, [{ step: 10, loss: 2 }]);
    s = withSnapshot(s, 2, snap({ step: 20, loss: NaN, status: "diverged", reason: "Training diverged: lower it" }));
    assert.equal(s.status, "diverged");
    assert.equal(s.loss, 2);
    assert.equal(s.lossHistory.length, 1);
    assert.match(statusText(s), /diverged/);
  });
  it("withSnapshot() keeps the accuracy array until a new evaluation", () => {
    let s = withSnapshot(
      startedState(1, 100),
      1,
      snap({ evaluatedAt: 50, exactMatchByLength: [{ length: 3, accuracy: 1, count: 1 }] }),
    );
    const before = s.exactMatchByLength;
    s = withSnapshot(
      s,
      1,
      snap({ step: 60, evaluatedAt: 50, exactMatchByLength: [{ length: 3, accuracy: 1, count: 1 }] }),
    );
    assert.equal(s.exactMatchByLength, before);
  });
});

describe("snapshot helpers", () => {
  it("roundTo() keeps 4 significant digits", () => {
    assert.equal(roundTo(0.123456), 0.1235);
    assert.equal(roundTo(-12345.6), -12350);
  });
  it("roundCheckpoint() rounds every weight", () => {
    const c = roundCheckpoint({
      format: "glimpse-seq2seq@1",
      config: {} as never,
      weights: { w: { shape: [2], values: [1.23456, 2] } },
    });
    assert.deepEqual(c.weights.w.values, [1.235, 2]);
  });
  it("contextPicture() refuses NaN vectors", () => {
    assert.equal(contextPicture(["a"], [[NaN, 1]], [0, 1]), undefined);
    assert.equal(
      contextPicture(
        ["ab", "abc"],
        [
          [0, 1],
          [1, 0],
        ],
        [0, 1],
      )?.points.length,
      2,
    );
  });
});
