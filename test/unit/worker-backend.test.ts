import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "../../src/components/tf.ts";
import { chooseWorkerBackend } from "../../src/components/worker/worker-backend.ts";

const dist = dirname(
  createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"),
);
const paths = Object.fromEntries(
  ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"].map((f) => [
    f,
    join(dist, f),
  ]),
);

test("the worker's backend is chosen by timing real training steps, and a missing one is reported", async () => {
  await tf.setBackend("cpu"); // a known start, so the choice below is what sets wasm
  const before = tf.memory().numTensors;
  const choice = await chooseWorkerBackend(paths);
  // Node has no WebGL: wasm is the one measured backend that works.
  assert.equal(choice.name, "wasm");
  assert.equal(tf.getBackend(), "wasm");
  const wasm = choice.trials.find((t) => t.name === "wasm");
  assert.ok(wasm?.ok && typeof wasm.ms === "number" && wasm.ms > 0, JSON.stringify(choice.trials));
  assert.ok(choice.trials.some((t) => t.name === "webgl" && !t.ok));
  assert.match(choice.reason, /fastest when measured \(wasm \d/);
  assert.equal(tf.memory().numTensors, before, "the timing runs free their tensors");
});

test("without the wasm files and WebGL it falls back to plain JavaScript and says why", async () => {
  const choice = await chooseWorkerBackend({}, { measure: false });
  assert.equal(choice.name, "cpu");
  assert.match(choice.reason, /wasm failed: the page sent no wasm paths/);
});
