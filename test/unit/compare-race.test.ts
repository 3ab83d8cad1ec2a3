// The side-by-side trainer (race.ts) and the pure figures the comparison pages print.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import { laneConfigs, race, type LaneSnapshot, type RaceConfig } from "../../src/components/compare/race.ts";
import {
  scoringRace,
  softHardRace,
  SCORING_DEFAULTS,
  SOFT_HARD_DEFAULTS,
} from "../../src/components/compare/compare-configs.ts";
import {
  pretrainedCompareState,
  startedCompareState,
  withRaceSnapshot,
  type CompareSnapshot,
} from "../../src/components/compare/compare-state.ts";
import {
  laneSeries,
  longestExactMatch,
  meanAndSpread,
  seedBand,
  seedSpread,
  tableRows,
} from "../../src/components/compare/compare-figures.ts";
import {
  compareShares,
  ranked,
  scoringFindings,
  softHardFindings,
  summariseMode,
  verdictText,
} from "../../src/components/compare/findings.ts";
import { meanEntropyBits, meanPeak, softmaxRows } from "../../src/components/compare/temperature.ts";
import { useNodeBackend } from "../support/node-backend.ts";
import { SMALL_RACE } from "../support/small-race.ts";

before(() => useNodeBackend());

const small = SMALL_RACE;

async function all(spec: RaceConfig) {
  const out = [];
  for await (const s of race(spec)) out.push(s);
  return out;
}

describe("race(config)", () => {
  it("trains every lane the same number of steps and reports plain numbers", async () => {
    const snaps = await all(small);
    assert.deepEqual(
      snaps.map((s) => s.step),
      [5, 10, 15, 20],
    );
    const last = snaps.at(-1)!;
    assert.equal(last.finished, true);
    assert.deepEqual(
      last.lanes.map((l) => l.id),
      ["soft", "hard", "dot"],
    );
    for (const l of last.lanes) {
      assert.equal(l.status, "done");
      assert.ok(Number.isFinite(l.loss) && l.loss > 0);
      assert.ok(l.msPerStep > 0 && l.parameterCount > 0);
      assert.equal(l.evaluatedAt, 20);
      assert.ok(l.probe?.weights?.every((row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4));
    }
    // Hard attention's probe carries its sampled one-hot picks.
    const hard = last.lanes[1].probe!;
    assert.ok(hard.picks?.every((row) => row.filter((v) => v === 1).length === 1));
    assert.ok(!JSON.stringify(snaps).includes("dataId"), "no tensor in a snapshot");
  });

  it("frees every tensor, after a full race and when stopped early", async () => {
    const start = tf.memory().numTensors;
    await all(small);
    assert.equal(tf.memory().numTensors, start);
    for await (const s of race({ ...small, steps: 1000 })) if (s.step >= 5) break;
    assert.equal(tf.memory().numTensors, start);
  });

  it("is deterministic, and a lane's result does not depend on which other lanes run", async () => {
    const a = (await all(small)).at(-1)!.lanes.find((l) => l.id === "dot")!;
    const b = (await all({ ...small, lanes: [small.lanes[2]] })).at(-1)!.lanes[0];
    assert.ok(Math.abs(a.loss - b.loss) < 1e-5, `${a.loss} vs ${b.loss}`);
    assert.equal(a.exactMatch, b.exactMatch);
  });

  it("stops a diverging lane and lets the others finish", async () => {
    const spec: RaceConfig = {
      ...small,
      lanes: [small.lanes[0], { id: "wild", label: "wild", config: { learningRate: 10, clipNorm: 1e9 } }],
      steps: 30,
    };
    const last = (await all(spec)).at(-1)!;
    const wild = last.lanes[1];
    if (wild.status === "diverged") assert.match(wild.reason ?? "", /wild diverged at step \d+/);
    assert.equal(last.lanes[0].status, "done");
  });

  it("laneConfigs shares the data settings and rejects bad races with a clear message", () => {
    const configs = laneConfigs({ ...small, lanes: [{ id: "x", label: "x", config: { maxLength: 40, seed: 5 } }] });
    assert.equal(configs[0].maxLength, 6, "a lane cannot change the data");
    assert.equal(configs[0].seed, 5, "but it may change its model's seed");
    assert.throws(() => laneConfigs({ ...small, lanes: [] }), /at least one model/);
    assert.throws(() => laneConfigs({ ...small, lanes: [small.lanes[0], small.lanes[0]] }), /own id/);
  });
});

describe("page races", () => {
  it("softHardRace: soft and hard lanes per seed, temperature only on soft", () => {
    const r = softHardRace({ ...SOFT_HARD_DEFAULTS, temperature: 0.5 });
    assert.deepEqual(
      r.lanes.map((l) => l.id),
      ["soft-1", "soft-2", "soft-3", "hard-1", "hard-2", "hard-3"],
    );
    assert.deepEqual(
      r.lanes.map((l) => l.config.temperature),
      [0.5, 0.5, 0.5, 1, 1, 1],
    );
  });
  it("scoringRace keeps the canonical order whatever order the reader ticked", () => {
    const r = scoringRace({ ...SCORING_DEFAULTS, kinds: ["concat", "additive"] });
    assert.deepEqual(
      r.lanes.map((l) => l.id),
      ["additive", "concat"],
    );
  });
});

const laneOf = (id: string, over: Partial<LaneSnapshot> = {}): LaneSnapshot => ({
  id,
  status: "training",
  loss: 1,
  tokenAccuracy: 0.5,
  exactMatch: 0.5,
  exactMatchByLength: [
    { length: 3, accuracy: 1, count: 4 },
    { length: 12, accuracy: 0.25, count: 4 },
  ],
  evaluatedAt: 50,
  parameterCount: 1234,
  msPerStep: 20,
  ...over,
});

describe("compare state", () => {
  it("folds snapshots into per-lane histories and ignores older runs", () => {
    let s = startedCompareState(3, small);
    assert.equal(s.status, "starting");
    s = withRaceSnapshot(s, 3, {
      step: 10,
      totalSteps: 20,
      finished: false,
      backend: "wasm",
      lanes: [
        lane("soft", { evaluatedAt: 10, exactMatch: 0.2 }),
        lane("hard", { evaluatedAt: 0 }),
        lane("dot", { status: "diverged" }),
      ],
    });
    assert.deepEqual(s.history.soft, [{ step: 10, loss: 1, exactMatch: 0.2 }]);
    assert.deepEqual(s.history.hard, [{ step: 10, loss: 1 }]);
    assert.deepEqual(s.history.dot, [], "a diverged lane adds nothing");
    assert.equal(s.status, "training");
    const same = withRaceSnapshot(s, 2, { step: 20, totalSteps: 20, finished: true, backend: "wasm", lanes: [] });
    assert.equal(same, s, "a stale run's snapshot is ignored");
    s = withRaceSnapshot(s, 3, { step: 20, totalSteps: 20, finished: true, backend: "wasm", lanes: [lane("soft")] });
    assert.equal(s.status, "done");
  });

  it("starts from a committed snapshot", () => {
    const snap: CompareSnapshot = {
      format: "glimpse-compare-snapshot@1",
      command: "x",
      race: small,
      final: { step: 20, totalSteps: 20, finished: true, backend: "wasm", lanes: [lane("soft")] },
      history: { soft: [] },
    };
    const s = pretrainedCompareState(snap);
    assert.equal(s.status, "pretrained");
    assert.equal(s.runId, 0);
    assert.equal(s.step, 20);
  });
});

describe("compare figures", () => {
  const history = {
    a: [
      { step: 10, loss: 2 },
      { step: 20, loss: 1, exactMatch: 0.5 },
    ],
    b: [
      { step: 10, loss: 4 },
      { step: 20, loss: 3, exactMatch: 0.1 },
    ],
    c: [{ step: 10, loss: 6 }],
  };

  it("seedBand: mean line, min–max band, only at steps every seed reached", () => {
    const s = seedBand(history, ["a", "b"], "soft", "loss");
    assert.deepEqual(s.points, [
      { x: 10, y: 3 },
      { x: 20, y: 2 },
    ]);
    assert.deepEqual(s.band, [
      { x: 10, lo: 2, hi: 4 },
      { x: 20, lo: 1, hi: 3 },
    ]);
    assert.deepEqual(seedBand(history, ["a", "c"], "x", "loss").points, [{ x: 10, y: 4 }]);
    assert.deepEqual(seedBand(history, ["a", "b"], "x", "exactMatch").points, [{ x: 20, y: 0.3 }]);
    assert.equal(seedBand(history, ["a"], "x", "loss").band, undefined, "one seed has no spread");
  });

  it("laneSeries keeps only points that have the metric", () => {
    const [a] = laneSeries(history, [{ id: "a", label: "A" }], "exactMatch");
    assert.deepEqual(a, { name: "A", points: [{ x: 20, y: 0.5 }] });
  });

  it("seedSpread: the mean width of the exact-match band", () => {
    const h = {
      a: [
        { step: 50, loss: 1, exactMatch: 0.2 },
        { step: 100, loss: 1, exactMatch: 0.9 },
      ],
      b: [
        { step: 50, loss: 1, exactMatch: 0.4 },
        { step: 100, loss: 1, exactMatch: 0.5 },
      ],
    };
    assert.ok(Math.abs(seedSpread(h, ["a", "b"]) - 0.3) < 1e-12);
    assert.ok(Number.isNaN(seedSpread(h, ["a"])), "one seed has no spread");
    assert.deepEqual(meanAndSpread([1, 3]), { mean: 2, sd: 1 });
  });

  it("tableRows writes each column as text, and says when a model has not learned yet", () => {
    const [r1, r2, r3] = tableRows(
      [lane("a", { reachedAt: 300, exactMatch: 0.97 }), lane("b"), lane("c", { status: "diverged" })],
      { a: "A" },
      0.95,
    );
    assert.deepEqual(r1, {
      id: "a",
      label: "A",
      parameters: "1,234",
      msPerStep: "20",
      stepsToLearn: "300",
      exactMatch: "97%",
      longest: "25% (12 chars)",
    });
    assert.equal(r2.stepsToLearn, "not yet (95%)");
    assert.equal(r3.stepsToLearn, "diverged");
    assert.deepEqual(longestExactMatch(lane("a")), { length: 12, accuracy: 0.25 });
  });
});

const lane = laneOf;

describe("findings", () => {
  it("soft vs hard sentences carry the measured numbers", () => {
    const h = {
      s1: [{ step: 50, loss: 1, exactMatch: 0.5 }],
      s2: [{ step: 50, loss: 1, exactMatch: 0.55 }],
      h1: [{ step: 50, loss: 2, exactMatch: 0.1 }],
      h2: [{ step: 50, loss: 2, exactMatch: 0.4 }],
    };
    const soft = summariseMode(
      [
        lane("s1", { reachedAt: 300, exactMatch: 0.96, msPerStep: 50 }),
        lane("s2", { reachedAt: 300, exactMatch: 0.96, msPerStep: 50 }),
      ],
      h,
    );
    const hard = summariseMode(
      [lane("h1", { exactMatch: 0.4, msPerStep: 60 }), lane("h2", { exactMatch: 0.4, msPerStep: 60 })],
      h,
    );
    const text = softHardFindings(soft, hard, 0.95, 600).join(" ");
    assert.match(text, /soft attention reached 95% exact match after 300 steps on average \(all 2 seeds\)/);
    assert.match(text, /hard attention did not reach 95% exact match with any of its 2 seeds within 600 steps/);
    assert.match(text, /soft 96% ± 0\.0 points, hard 40% ± 0\.0 points/);
    assert.match(text, /50 ms for soft and 60 ms for hard attention \(1\.20×\)/);
    assert.match(
      text,
      /hard attention's seeds were 30 points apart .* soft attention's 5\.0 points\. Hard attention is the less predictable/,
    );
  });

  it("scoring sentences set the papers beside the run and say when they disagree", () => {
    const labels = { dot: "dot", concat: "concat", additive: "additive" };
    // 128 held-out sentences, as in the races.
    const lane = (id: string, over: Partial<LaneSnapshot> = {}) =>
      laneOf(id, {
        exactMatchByLength: [
          { length: 3, accuracy: 1, count: 64 },
          { length: 12, accuracy: 0.25, count: 64 },
        ],
        ...over,
      });
    const agree = scoringFindings(
      [lane("dot", { exactMatch: 0.9 }), lane("concat", { exactMatch: 0.5 }), lane("additive", { exactMatch: 0.7 })],
      labels,
    ).join(" ");
    assert.match(agree, /Luong et al\. \(2015\)/);
    assert.match(agree, /dot got 90% and concat 50%: dot ahead, as in the paper/);
    const disagree = scoringFindings(
      [lane("dot", { exactMatch: 0.4 }), lane("concat", { exactMatch: 0.8 })],
      labels,
    ).join(" ");
    assert.match(disagree, /concat ahead, unlike the paper/);
    const tie = scoringFindings([lane("dot", { exactMatch: 0.96 }), lane("concat", { exactMatch: 0.95 })], labels).join(
      " ",
    );
    assert.match(tie, /about the same, so this run neither confirms nor contradicts/);
    assert.match(tie, /How these sentences decide/);
    assert.doesNotMatch(
      agree,
      /falls behind|holds up here too/,
      "additive is not ranked against scores Bahdanau never compared",
    );
    assert.match(scoringFindings([lane("dot")], labels)[0], /at least two/);
    assert.deepEqual(
      ranked([lane("x", { exactMatch: 0.5, reachedAt: 200 }), lane("y", { exactMatch: 0.5, reachedAt: 100 })]).map(
        (l) => l.id,
      ),
      ["y", "x"],
    );
  });
});

describe("the comparison rule", () => {
  it("with 3 seeds a gap counts only beyond twice the larger spread, in both directions", () => {
    assert.equal(compareShares([0.9, 0.92, 0.94], [0.5, 0.6, 0.55], 128).verdict, "ahead");
    assert.equal(compareShares([0.5, 0.6, 0.55], [0.9, 0.92, 0.94], 128).verdict, "behind");
    // A 10-point gap with seeds 20 points apart is noise.
    assert.equal(compareShares([0.6, 0.8, 0.7], [0.5, 0.7, 0.6], 128).verdict, "about the same");
  });
  it("with one seed a gap counts only beyond 5 points and twice the sampling error", () => {
    assert.equal(compareShares([0.98], [0.9], 128).verdict, "ahead");
    assert.equal(compareShares([0.9], [0.98], 128).verdict, "behind");
    assert.equal(
      compareShares([0.984], [0.961], 128).verdict,
      "about the same",
      "3 sentences of 128 is not a difference",
    );
    // Near 50% the sampling error of 128 sentences is about 6 points each: 12 points is not enough.
    assert.equal(compareShares([0.56], [0.44], 128).verdict, "about the same");
    assert.equal(compareShares([0.56], [0.44], 10000).verdict, "ahead");
  });
  it("the verdict sentence names the winner and the noise", () => {
    assert.match(
      verdictText("A", "B", [0.5], [0.9], 128),
      /^B is ahead of A by 40 points, more than the noise of \d+ points\.$/,
    );
    assert.match(verdictText("A", "B", [0.9], [0.92], 128), /about the same here/);
  });
});

describe("temperature", () => {
  const scores = [
    [2, 1, 0],
    [0, 0, 3],
  ];
  it("rows sum to 1; high τ tends to uniform, low τ to one-hot", () => {
    for (const t of [0.05, 1, 50])
      for (const row of softmaxRows(scores, t)) assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok(meanEntropyBits(softmaxRows(scores, 100)) > Math.log2(3) - 0.01);
    assert.ok(meanPeak(softmaxRows(scores, 0.05)) > 0.999);
    assert.ok(meanEntropyBits(softmaxRows(scores, 0.05)) < 0.01);
    assert.throws(() => softmaxRows(scores, 0), /above 0/);
  });
  it("stays finite for huge scores (masked padding)", () => {
    assert.ok(softmaxRows([[1, -1e9, 2]], 0.1)[0].every(Number.isFinite));
  });
});
