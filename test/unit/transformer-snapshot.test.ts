/**
 * The Transformer page's committed snapshot tells the truth: its checkpoint reproduces the
 * exact match it states, the page's defaults are the settings it was trained with, the model
 * without positions is far below, and the page's words and race table come from its numbers.
 * Also the race run itself: both runners report, kernels are counted, nothing leaks.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tf from "../../src/components/tf.ts";
import { loadTransformer, type TransformerCheckpoint } from "../../src/components/model/transformer/index.ts";
import { makeDataset } from "../../src/components/tasks/index.ts";
import { evaluateTransformer, resolveTransformerTrainConfig } from "../../src/components/train/transformer.ts";
import { stepsTo, transformerRace, type RaceReport } from "../../src/components/train/transformer-race.ts";
import { defaultSettings } from "../../src/components/pages/spec.ts";
import { transformerSpec } from "../../src/components/pages/transformers.ts";
import {
  pretrainedTransformerState,
  startedTransformerState,
  withRaceReport,
  type TransformerPageSnapshot,
} from "../../src/components/pages/transformer-live.ts";
import { focusedQuery, positionsSentence, raceRows } from "../../src/components/pages/transformer-text.ts";
import { useNodeBackend } from "../support/node-backend.ts";

before(() => useNodeBackend());

const data = (name: string) => JSON.parse(readFileSync(new URL(`../../src/data/${name}`, import.meta.url), "utf8"));
const snapshot: TransformerPageSnapshot = data("transformer-snapshot.json");

test("the page's default settings are the snapshot's configuration, the race's GRU included", () => {
  const start = transformerSpec.config(defaultSettings(transformerSpec));
  assert.deepEqual(start.config, snapshot.config);
  assert.deepEqual(start.gru, snapshot.gruConfig);
  assert.ok([...snapshot.probe.source].length <= (snapshot.config.maxLength ?? 0), "the probe fits the page's inputs");
});

test("the committed checkpoint reproduces the snapshot's exact match on the held-out set", async () => {
  const checkpoint: TransformerCheckpoint = data("transformer-checkpoint.json");
  const model = loadTransformer(checkpoint);
  const config = resolveTransformerTrainConfig(snapshot.config);
  const d = makeDataset(config);
  const evaluation = await evaluateTransformer(model, d, config.probe!);
  model.dispose();
  // One sentence of slack: greedy argmax ties may break differently on another backend.
  assert.ok(
    Math.abs(evaluation.exactMatch - snapshot.exactMatch) <= 1 / d.test.length + 1e-9,
    `${evaluation.exactMatch} vs ${snapshot.exactMatch}`,
  );
  assert.ok(snapshot.exactMatch >= 0.9, `the page's Transformer learned the task: ${snapshot.exactMatch}`);
  assert.equal(evaluation.probe?.output, snapshot.probe.output);
});

test("without positions the same Transformer stays far below, and the page says so from its numbers", () => {
  assert.ok(
    snapshot.noPositions.exactMatch < snapshot.exactMatch / 2,
    `${snapshot.noPositions.exactMatch} vs ${snapshot.exactMatch}`,
  );
  const sentence = positionsSentence(snapshot);
  assert.match(
    sentence,
    new RegExp(`${Math.round(snapshot.exactMatch * 100)}%.*${Math.round(snapshot.noPositions.exactMatch * 100)}%`),
  );
  assert.ok(sentence.includes(snapshot.noPositions.probe.output));
});

test("the race table and steps to 95% are the snapshot's figures", () => {
  const state = pretrainedTransformerState(snapshot);
  const rows = raceRows(state);
  const g = snapshot.race.gru;
  assert.equal(g.stepsTo95, stepsTo(g.history, 0.95) ?? null);
  assert.equal(rows[0].gru, g.stepsTo95 === null ? `not within ${g.step}` : String(g.stepsTo95));
  assert.equal(rows[3].transformer, String(snapshot.race.transformer.kernelsPerStep));
  assert.equal(rows[1].transformer, `${Math.round(snapshot.race.transformer.exactMatch * 100)}%`);
});

test("the focused query's weights are one row of an encoder–decoder head, summing to 1", () => {
  const q = focusedQuery(snapshot.probe, 0, 0, 0);
  assert.equal(q.weights.length, snapshot.probe.sourceTokens.length);
  assert.ok(Math.abs(q.weights.reduce((a, b) => a + b, 0) - 1) < 0.01);
  assert.equal(q.relativeScores[q.top], 0);
  assert.ok(q.relativeScores.every((r) => r <= 0));
});

test("a report without a new evaluation keeps the probe the figures show, and unchanged encodings keep theirs (they redraw only when they change)", () => {
  const start = transformerSpec.config(defaultSettings(transformerSpec));
  const report = (step: number, evaluatedAt: number): RaceReport => ({
    runner: "transformer",
    snapshot: {
      status: "training",
      step,
      totalSteps: 100,
      loss: 1,
      tokenAccuracy: 0.5,
      exactMatch: 0.25,
      exactMatchByLength: [],
      evaluatedAt,
      probe: structuredClone(snapshot.probe),
      stepsPerSecond: 10,
      elapsedMs: 1,
      backend: "cpu",
      parameterCount: 1,
    } as RaceReport["snapshot"],
    msPerStep: 100,
    kernelsPerStep: 1,
    capped: false,
  });
  const evaluated = withRaceReport(startedTransformerState(1, start, false), 1, report(20, 20));
  assert.deepEqual(evaluated.probe, snapshot.probe);
  const later = withRaceReport(evaluated, 1, report(30, 20));
  assert.equal(later.step, 30);
  assert.equal(later.probe, evaluated.probe, "the same object: watchers of s.probe do not fire");
  const next = withRaceReport(later, 1, report(40, 40));
  assert.notEqual(next.probe, later.probe, "a new evaluation brings its probe");
  const table = [
    [0, 1],
    [0.84, 0.54],
  ];
  const withTable = (r: RaceReport, encodings: number[][]) => ({ ...r, encodings: structuredClone(encodings) });
  const first = withRaceReport(next, 1, withTable(report(50, 50), table));
  const same = withRaceReport(first, 1, withTable(report(60, 60), table));
  assert.equal(same.encodings, first.encodings, "unchanged (sinusoidal) encodings: the same object");
  const learned = withRaceReport(
    same,
    1,
    withTable(report(70, 70), [
      [0, 1],
      [0.8, 0.5],
    ]),
  );
  assert.deepEqual(
    learned.encodings,
    [
      [0, 1],
      [0.8, 0.5],
    ],
    "changed (learned) encodings come through",
  );
});

test("a short race: both runners report in turn, kernels are counted, the state folds them, no tensors leak", async () => {
  const start = transformerSpec.config(defaultSettings(transformerSpec));
  const small = { steps: 4, reportEvery: 2, evalEvery: 2, testSize: 4, maxLength: 6 };
  const race = { config: { ...start.config, ...small }, gru: { ...start.gru, ...small }, capMs: 60_000 };
  const before = tf.memory().numTensors;
  const reports: RaceReport[] = [];
  for await (const r of transformerRace(race)) reports.push(r);
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual([...new Set(reports.map((r) => r.runner))].sort(), ["gru", "transformer"]);
  assert.equal(reports[0].runner, "transformer");
  assert.equal(reports[1].runner, "gru");
  assert.ok(reports.every((r) => r.kernelsPerStep > 0));
  assert.ok(reports.some((r) => r.runner === "transformer" && r.encodings?.length === [...race.config.probe!].length));
  let state = startedTransformerState(1, race, false);
  for (const r of reports) state = withRaceReport(state, 1, r);
  assert.equal(state.status, "done");
  assert.equal(state.step, 4);
  assert.equal(state.runners.gru?.step, 4);
  assert.equal(withRaceReport(state, 2, reports[0]), state, "reports of another run are ignored");
});
