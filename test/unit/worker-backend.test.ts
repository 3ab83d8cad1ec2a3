import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "../../src/components/tf.ts";
import { chooseWorkerBackend } from "../../src/components/worker/worker-backend.ts";
import { resolveWeights } from "../../src/components/worker/weights-source.ts";
import { BACKEND_MEMORY_KEY, recallBackend, rememberBackend } from "../../src/components/worker/backend-memory.ts";

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

test("a choice measured on an earlier visit is reused without timing, but only with the same WebGL renderer", async () => {
  const remembered = { name: "wasm" as const, renderer: "none", reason: "fastest when measured (wasm 40 ms)" };
  const again = await chooseWorkerBackend(paths, { remembered });
  assert.equal(again.name, "wasm");
  assert.equal(again.measured, false, "nothing was timed, so there is nothing new to remember");
  assert.deepEqual(
    again.trials.map((t) => t.name),
    ["wasm"],
  );
  assert.match(again.reason, /remembered by this browser/);
  // Another GPU (here: the one Node does not have) means the old timing says nothing: measure.
  const other = await chooseWorkerBackend(paths, { remembered: { ...remembered, renderer: "Some GPU" } });
  assert.equal(other.measured, true);
  assert.ok(other.trials.some((t) => t.name === "webgl"));
});

test("the remembered choice survives a round trip through storage and ignores anything else stored there", () => {
  const map = new Map<string, string>();
  const store = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
  assert.equal(recallBackend(store), undefined);
  const choice = { name: "webgl" as const, renderer: "ANGLE (NVIDIA)", reason: "fastest when measured (webgl 9 ms)" };
  rememberBackend(choice, store);
  assert.deepEqual(recallBackend(store), choice);
  for (const junk of ["{", "null", '{"name":"tpu","renderer":"x","reason":"y"}', '{"name":"wasm"}']) {
    map.set(BACKEND_MEMORY_KEY, junk);
    assert.equal(recallBackend(store), undefined, junk);
  }
  const full = {
    getItem: () => null,
    setItem: () => {
      throw new Error("QuotaExceededError");
    },
  };
  assert.doesNotThrow(() => rememberBackend(choice, full));
});

test("pretrained weights by URL: fetched and parsed, or a message that says what went wrong", async () => {
  const checkpoint = { config: { vocabSize: 3 }, weights: {} };
  assert.equal(await resolveWeights(checkpoint as never), checkpoint, "a checkpoint passes through");
  const url = `data:application/json,${encodeURIComponent(JSON.stringify(checkpoint))}`;
  assert.deepEqual(await resolveWeights(url), checkpoint);
  await assert.rejects(resolveWeights("data:application/json,{oops"), /damaged \(it is not JSON\)/);
  await assert.rejects(resolveWeights("http://127.0.0.1:9/nothing-listens-here.json"), /could not be fetched/);
});
