// A page's worker started before the page's client exists (ui/early-worker.ts): nothing the
// worker says in the meantime may be lost, and its first init is the one that counts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { holdUntilHeard, startWorker, type StartedWorker } from "../../src/components/ui/early-worker.ts";
import { workerBackend, type BackendMessage } from "../../src/components/worker/worker-backend.ts";
import type { WorkerLike } from "../../src/components/worker/client.ts";

/** A Worker stand-in: an EventTarget that records what the page posts. */
class FakeWorker extends EventTarget implements StartedWorker {
  posted: unknown[] = [];
  terminated = false;
  constructor(readonly url: string) {
    super();
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  say(data: unknown) {
    this.dispatchEvent(new MessageEvent("message", { data }));
  }
  fail(message: string) {
    const e = new Event("error", { cancelable: true }) as Event & { message: string };
    e.message = message;
    this.dispatchEvent(e);
    return e;
  }
}

test("events from before the client listens are handed to it in order; later ones pass straight through", () => {
  const raw = new FakeWorker("w.js");
  const worker = holdUntilHeard(raw);
  raw.say({ type: "ready", n: 1 });
  raw.say({ type: "reply", n: 2 });
  const early = raw.fail("it failed to load");
  assert.equal(early.defaultPrevented, true, "a held error is not reported as uncaught");
  const heard: unknown[] = [];
  worker.addEventListener("message", (e: MessageEvent) => heard.push(e.data));
  assert.deepEqual(heard, [
    { type: "ready", n: 1 },
    { type: "reply", n: 2 },
  ]);
  raw.say({ type: "snapshot", n: 3 });
  assert.deepEqual(heard.at(-1), { type: "snapshot", n: 3 });
  assert.equal(heard.length, 3, "nothing is handed over twice");
  const errors: string[] = [];
  worker.addEventListener("error", (e: Event & { message: string }) => errors.push(e.message));
  assert.deepEqual(errors, ["it failed to load"]);
  worker.postMessage({ type: "stop" });
  worker.terminate();
  assert.deepEqual(raw.posted.at(-1), { type: "stop" });
  assert.equal(raw.terminated, true);
});

test("startWorker starts the worker at once with its backend init, and gives it to the client once", () => {
  const made: FakeWorker[] = [];
  const source = startWorker("training-worker.js", (url) => {
    const w = new FakeWorker(url);
    made.push(w);
    return w;
  });
  assert.equal(made.length, 1, "started before any client asks");
  const init = made[0].posted[0] as { type: string; wasmPaths: Record<string, string> };
  assert.equal(init.type, "init");
  assert.ok(
    Object.keys(init.wasmPaths).length === 3 && Object.values(init.wasmPaths).every((u) => u.endsWith(".wasm")),
  );
  assert.equal(typeof source, "function");
  const spawn = source as () => WorkerLike;
  const first = spawn();
  first.postMessage("hello");
  assert.deepEqual(made[0].posted.at(-1), "hello", "the first worker is the early one");
  spawn(); // the first one died: a fresh worker from the same URL
  assert.equal(made.length, 2);
  assert.equal(made[1].url, "training-worker.js");
});

test("a worker's first init counts: the client's own init after an early one changes nothing", async () => {
  const said: BackendMessage[] = [];
  const backend = workerBackend((m) => said.push(m));
  backend.init({}, undefined, "cpu");
  backend.init({ "tfjs-backend-wasm.wasm": "elsewhere.wasm" }, undefined, "wasm");
  const choice = await backend.ready;
  assert.equal(choice.name, "cpu");
  assert.equal(said.filter((m) => m.type === "ready").length, 1);
});
