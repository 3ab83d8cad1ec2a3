// The cost page's figures: lengths, series per variant, growth in words, table rows, and the
// committed snapshot (measured by scripts/make-cost-snapshot.ts) is well formed and grows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  costLengths,
  costRows,
  costSeries,
  costVariants,
  formatBytes,
  growthSummary,
  scoreExample,
  type CostSnapshot,
} from "../../src/components/cost/cost-figures.ts";
import type { CostPoint } from "../../src/components/cost/measure-cost.ts";

const point = (variant: string, length: number, ms: number): CostPoint => ({
  variant,
  length,
  msPerStep: ms,
  msPerDecode: ms / 2,
  scoresPerSentence: length * (length + 1),
  attentionBytes: length * (length + 1) * 4,
  kernelsPerStep: 10 * length,
});

test("costLengths: five lengths up to the longest, no duplicates, at least 2", () => {
  assert.deepEqual(costLengths(80), [10, 20, 40, 60, 80]);
  assert.deepEqual(costLengths(16), [2, 4, 8, 12, 16]);
  assert.deepEqual(costLengths(4), [2, 3, 4]);
});

test("costVariants: the local radius is the one asked for, the others untouched", () => {
  const [none, global, local] = costVariants(7);
  assert.equal(none.attention, "none");
  assert.equal(global.window, 0);
  assert.equal(local.window, 7);
  assert.equal(local.name, "local attention (D = 7)");
});

test("costSeries sorts by length per variant; growthSummary states the measured ratio", () => {
  const pts = [point("global attention", 40, 80), point("no attention", 10, 5), point("global attention", 10, 10)];
  const series = costSeries(pts, "msPerStep");
  assert.deepEqual(
    series.map((s) => s.name),
    ["global attention", "no attention"],
  );
  assert.deepEqual(series[0].points, [
    { x: 10, y: 10 },
    { x: 40, y: 80 },
  ]);
  const s = growthSummary(pts, "msPerStep");
  assert.match(s, /global attention: 10\.0 ms at 10 characters, 80\.0 ms at 40 \(8\.0×\)/);
  assert.match(s, /no attention: 5\.00 ms at 10 characters/);
  assert.equal(growthSummary([], "msPerStep"), "Nothing measured yet.");
  assert.equal(costRows(pts)[0].scores, 40 * 41);
});

test("formatBytes and the narration's 50 × 50 example", () => {
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(10_000), "10.0 kB");
  assert.equal(formatBytes(2_500_000), "2.5 MB");
  assert.deepEqual(scoreExample(50, 50, 4), { global: 2500, local: 450 });
});

test("cost-snapshot.json: every variant at every length, global attention's work grows with length", () => {
  const s: CostSnapshot = JSON.parse(
    readFileSync(new URL("../../src/data/cost-snapshot.json", import.meta.url), "utf-8"),
  );
  assert.equal(s.format, "glimpse-cost-snapshot@1");
  assert.ok(s.backend && s.machine && s.command);
  assert.equal(s.points.length, s.config.lengths.length * 3);
  const global = costSeries(s.points, "msPerStep").find((x) => x.name === "global attention")!;
  const first = global.points[0];
  const last = global.points[global.points.length - 1];
  assert.ok(last.y > first.y, "a longer input takes longer to train on");
  const scores = costSeries(s.points, "scoresPerSentence").find((x) => x.name === "global attention")!;
  assert.equal(scores.points[scores.points.length - 1].y, last.x * (last.x + 1));
  for (const row of s.selfAttention.weights) assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-3);
  assert.equal(s.selfAttention.tokens.length, s.selfAttention.weights.length);
});

test("the cost spec's URL: a quick classroom link decodes; hostile values are dropped with a notice", async () => {
  const { costSpec } = await import("../../src/components/pages/cost.ts");
  const { decodeSettings } = await import("../../src/components/pages/spec.ts");
  const ok = decodeSettings(costSpec, "?longest=16&batch=4&repeats=1");
  assert.deepEqual([ok.settings.longest, ok.settings.batch, ok.settings.repeats, ok.settings.radius], [16, 4, 1, 4]);
  assert.deepEqual(ok.notices, []);
  const bad = decodeSettings(costSpec, "?longest=1e9&batch=<script>&text=" + "x".repeat(80));
  assert.equal(bad.settings.longest, 80);
  assert.equal(bad.settings.batch, 16);
  assert.equal(bad.settings.text, "the cat sat on the mat");
  assert.equal(bad.notices.length, 3);
});

test("localVersusGlobal says which was faster; sameCharacterShare counts rows whose runner-up is the same character", async () => {
  const { localVersusGlobal, sameCharacterShare } = await import("../../src/components/cost/cost-figures.ts");
  const g = point("global attention", 80, 100);
  const slow = { ...point("local attention (D = 4)", 80, 150), scoresPerSentence: 729 };
  assert.match(localVersusGlobal([g, slow]), /729 scores .* instead of 6,480, yet its training step took 50% longer/);
  const fast = { ...slow, msPerStep: 50 };
  assert.match(localVersusGlobal([g, fast]), /took 50% less time/);
  assert.equal(localVersusGlobal([g]), "");
  const w = [
    [0.5, 0.1, 0.4],
    [0.3, 0.4, 0.3],
    [0.4, 0.1, 0.5],
  ];
  assert.deepEqual(sameCharacterShare(["a", "b", "a"], w), { same: 2, total: 3 });
});

test("attentionShare says how much of a step attention took at the longest length, and no more", async () => {
  const { attentionShare } = await import("../../src/components/cost/cost-figures.ts");
  assert.match(
    attentionShare([point("no attention", 80, 120), point("global attention", 80, 150)]),
    /added 30(\.0)? ms to a training step of 150 ms \(20% of it\); the recurrent network took the rest/,
  );
  assert.match(
    attentionShare([point("no attention", 80, 150), point("global attention", 80, 140)]),
    /took no longer than one without/,
  );
  assert.equal(attentionShare([point("global attention", 80, 150)]), "");
});
