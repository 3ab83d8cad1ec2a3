import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseHTML } from "linkedom";
import { workerBackendBadge } from "../../src/components/ui/backend-badge.ts";
import type { WorkerLike } from "../../src/components/worker/client.ts";
import type { ToWorker } from "../../src/components/worker/messages.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

/** A Worker stand-in that records what the page posts and lets the test answer. */
class FakeWorker implements WorkerLike {
  posted: ToWorker[] = [];
  terminated = false;
  private listeners: ((e: { data: unknown }) => void)[] = [];
  postMessage(m: unknown) {
    this.posted.push(m as ToWorker);
  }
  addEventListener(type: string, l: (e: any) => void) {
    if (type === "message") this.listeners.push(l);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: unknown) {
    for (const l of this.listeners) l({ data });
  }
}

function homeBadge() {
  const worker = new FakeWorker();
  const { badge, dispose } = workerBackendBadge(() => worker, {
    document: document as unknown as Document,
    label: "The live pages compute on",
  });
  return { worker, badge, dispose };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the home page's backend badge", () => {
  it("shows the backend its worker chose, then closes the worker", async () => {
    const { worker, badge } = homeBadge();
    assert.equal(badge.dataset.backend, "pending");
    const init = worker.posted.find((m) => m.type === "init") as Extract<ToWorker, { type: "init" }>;
    assert.ok(Object.keys(init.wasmPaths).length > 0, "the worker is told where the wasm binaries are");
    worker.reply({ type: "ready", backend: { name: "wasm", reason: "fastest", renderer: "none", measured: false } });
    await settled();
    assert.equal(badge.dataset.backend, "wasm");
    assert.match(badge.textContent ?? "", /^The live pages compute on: wasm/);
    assert.equal(worker.terminated, true);
  });

  it("says the live models are unavailable when the worker finds no backend", async () => {
    const { worker, badge } = homeBadge();
    worker.reply({ type: "backend-error", message: "No TensorFlow.js backend works here" });
    await settled();
    assert.equal(badge.dataset.backend, "error");
    assert.equal(worker.terminated, true);
  });

  it("closes a worker that has not answered when the page goes", () => {
    const { worker, dispose } = homeBadge();
    dispose();
    assert.equal(worker.terminated, true);
  });
});
