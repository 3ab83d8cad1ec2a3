// The committed comparison snapshots (scripts/make-compare-snapshots.ts) state what their
// models achieve: reload each checkpoint, decode the held-out set, and check the stated figures.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { useNodeBackend } from "../support/node-backend.ts";
import { loadCheckpoint } from "../../src/components/model/index.ts";
import { makeDataset } from "../../src/components/tasks/index.ts";
import { evaluate } from "../../src/components/train/index.ts";
import { laneConfigs } from "../../src/components/compare/race.ts";
import {
  scoringRace,
  softHardRace,
  SCORING_DEFAULTS,
  SOFT_HARD_DEFAULTS,
} from "../../src/components/compare/compare-configs.ts";
import type { CompareCheckpoints, CompareSnapshot } from "../../src/components/compare/compare-state.ts";

const url = (name: string) => new URL(`../../src/data/${name}.json`, import.meta.url);
const load = <T>(name: string): T => JSON.parse(readFileSync(url(name), "utf-8"));

describe("comparison snapshots", () => {
  before(async () => {
    await useNodeBackend();
  });

  for (const [name, race] of [
    ["scoring", scoringRace(SCORING_DEFAULTS)],
    ["soft-vs-hard", softHardRace(SOFT_HARD_DEFAULTS)],
  ] as const) {
    it(
      `${name}-snapshot.json: made from the page's default race; each checkpoint reaches its stated exact match`,
      { skip: !existsSync(url(`${name}-snapshot`)) && `${name} snapshot not made yet` },
      async () => {
        const s = load<CompareSnapshot>(`${name}-snapshot`);
        const { checkpoints } = load<CompareCheckpoints>(`${name}-checkpoints`);
        assert.equal(s.format, "glimpse-compare-snapshot@1");
        assert.deepEqual(s.race, race, "the page shows the snapshot only while its settings are the defaults");
        const configs = laneConfigs(s.race);
        const data = makeDataset(configs[0]);
        for (const [i, lane] of s.final.lanes.entries()) {
          const model = loadCheckpoint(checkpoints[lane.id]);
          try {
            const measured = await evaluate(model, data, configs[i]);
            assert.ok(
              Math.abs(measured.exactMatch - lane.exactMatch) <= 0.02,
              `${lane.id}: measured ${measured.exactMatch}, stated ${lane.exactMatch}`,
            );
          } finally {
            model.dispose();
          }
          assert.ok(
            lane.probe?.weights?.every((row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-3),
            `${lane.id}: rows sum to 1`,
          );
          assert.ok((s.history[lane.id]?.length ?? 0) >= 10, `${lane.id}: a learning curve`);
        }
      },
    );
  }
});
