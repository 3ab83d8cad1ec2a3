// A race split across several workers: which models go where, and the one race snapshot the
// page sees again. Every group trains on the same seeded data stream (race.ts draws one batch
// per step whatever the lanes), and each model's seeds are its own, so a model learns exactly
// what it would have learned in a single worker; only the wall-clock time changes. Pure, so
// Node tests can check the split and the merge without workers.
import type { LaneSpec, RaceConfig, RaceSnapshot } from "./race.js";

/** At most this many workers per race: beyond it the page's own thread starts to starve. */
export const MAX_RACE_WORKERS = 4;

/**
 * How many workers share a race: one per core up to the cap, never more than its models, and
 * one on WebGL (every worker would share the one GPU). A helper's own group never splits again.
 */
export function workersForRace(
  start: { helper?: boolean; lanes: readonly unknown[] },
  backend: string,
  cores: number,
): number {
  if (start.helper || backend === "webgl") return 1;
  return Math.max(1, Math.min(MAX_RACE_WORKERS, Math.floor(cores), start.lanes.length));
}

/** A hard-attention model costs about twice a soft one per step (sampling and REINFORCE). */
const laneCost = (lane: LaneSpec) => (lane.config.mode === "hard" ? 2 : 1);

/**
 * At most `groups` races with every lane in exactly one, balanced by cost: each lane, dearest
 * first, joins the group with the least work so far (ties: the earlier group).
 */
export function splitRace(race: RaceConfig, groups: number): RaceConfig[] {
  const n = Math.max(1, Math.min(Math.floor(groups), race.lanes.length));
  const buckets = Array.from({ length: n }, () => ({ cost: 0, lanes: [] as LaneSpec[] }));
  const order = race.lanes
    .map((lane, i) => ({ lane, i }))
    .sort((a, b) => laneCost(b.lane) - laneCost(a.lane) || a.i - b.i);
  for (const { lane } of order) {
    const lightest = buckets.reduce((best, b) => (b.cost < best.cost ? b : best));
    lightest.cost += laneCost(lane);
    lightest.lanes.push(lane);
  }
  const position = new Map(race.lanes.map((l, i) => [l.id, i]));
  return buckets
    .filter((b) => b.lanes.length > 0)
    .map((b) => ({ ...race, lanes: b.lanes.sort((x, y) => position.get(x.id)! - position.get(y.id)!) }));
}

/** The whole race's snapshot from each group's latest one: lanes in the race's order. */
export function mergeRaceSnapshots(race: RaceConfig, parts: readonly RaceSnapshot[]): RaceSnapshot {
  const lanes = new Map(parts.flatMap((p) => p.lanes.map((l) => [l.id, l] as const)));
  return {
    step: Math.max(...parts.map((p) => p.step)),
    totalSteps: race.steps,
    finished: parts.every((p) => p.finished),
    lanes: race.lanes.flatMap((l) => {
      const lane = lanes.get(l.id);
      return lane ? [lane] : [];
    }),
    backend: parts[0]?.backend ?? "",
    workers: parts.length,
  };
}
