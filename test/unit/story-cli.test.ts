import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";
import { trainStoryCli } from "../../scripts/train-story.ts";
import { useNodeBackend } from "../support/node-backend.ts";

before(() => useNodeBackend());

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (s: string) => out.push(s);
  console.error = (s: string) => err.push(s);
  try {
    return { code: await trainStoryCli([...args, "--backend", tf.getBackend()], "USAGE"), out, err };
  } finally {
    Object.assign(console, { log, error });
  }
}

test("train --task story-qa --json ends with a line carrying status, exactMatch, attentionCorrectness and its baselines", async () => {
  const { code, out } = await cli([
    "--task",
    "story-qa",
    "--steps",
    "20",
    "--eval-every",
    "10",
    "--test-size",
    "32",
    "--json",
  ]);
  assert.equal(code, 0);
  assert.equal(out.length, 2, "one line per evaluation");
  const last = JSON.parse(out.at(-1)!);
  assert.equal(last.task, "story-qa");
  assert.equal(last.status, "done");
  assert.equal(last.step, 20);
  for (const k of ["exactMatch", "attentionCorrectness", "uniformBaseline", "chance"]) {
    assert.ok(typeof last[k] === "number" && last[k] >= 0 && last[k] <= 1, `${k}: ${last[k]}`);
  }
  assert.equal(last.attentionCorrectness, last.metrics.attentionCorrectness);
});

test("train --task story-qa refuses bad options with a message and exit code 2", async () => {
  const bad = await cli(["--task", "story-qa", "--hops", "5"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err.join("\n"), /hops must be a whole number from 1 to 3/);
  const unknown = await cli(["--task", "story-qa", "--attention", "dot"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err.join("\n"), /Unknown option '--attention'[\s\S]*USAGE/);
});
