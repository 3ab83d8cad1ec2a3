import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WorkerClient, covers, type ClientModel, type WorkerLike } from "../../src/components/worker/client.ts";
import type { ToWorker } from "../../src/components/worker/messages.ts";
import { RunLoop } from "../../src/components/worker/run-loop.ts";
import { serveWorker, type WorkerHandlers } from "../../src/components/worker/serve.ts";

interface S {
  runId: number;
  status: string;
  n: number;
  reason?: string;
}
const model: ClientModel<S, number, number> = {
  initial: { runId: 0, status: "idle", n: 0 },
  started: (runId, _start, paused) => ({ runId, status: paused ? "paused" : "starting", n: 0 }),
  reduce: (s, runId, n) => (runId === s.runId ? { ...s, status: s.status === "paused" ? "paused" : "training", n } : s),
  ended: (s) => ({ ...s, status: "done" }),
  failed: (s, reason) => ({ ...s, status: "error", reason }),
};

/** A Worker stand-in: records what the page posts, and lets the test reply or crash it. */
class FakeWorker implements WorkerLike {
  posted: ToWorker[] = [];
  terminated = false;
  private listeners: Record<string, ((e: any) => void)[]> = {};
  postMessage(m: unknown) {
    this.posted.push(m as ToWorker);
  }
  addEventListener(type: string, l: (e: any) => void) {
    (this.listeners[type] ??= []).push(l);
  }
  terminate() {
    this.terminated = true;
  }
  emit(type: string, event: unknown) {
    for (const l of this.listeners[type] ?? []) l(event);
  }
  reply(data: unknown) {
    this.emit("message", { data });
  }
}

function fake() {
  const workers: FakeWorker[] = [];
  const client = new WorkerClient<S, number, number>(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  }, model);
  return { client, workers };
}

describe("WorkerClient", () => {
  it("resolves a request with the worker's reply and rejects with its error message", async () => {
    const { client, workers } = fake();
    const ok = client.request<string>("echo", "hi");
    const bad = client.request("echo", "x");
    const [a, b] = workers[0].posted.filter((m) => m.type === "request") as Extract<ToWorker, { type: "request" }>[];
    workers[0].reply({ type: "reply", requestId: a.requestId, ok: true, value: "HI" });
    workers[0].reply({ type: "reply", requestId: b.requestId, ok: false, message: "no such sentence" });
    assert.equal(await ok, "HI");
    await assert.rejects(bad, /no such sentence/);
  });

  it("rejects pending requests and the backend when the worker dies, and shows the run as failed", async () => {
    const { client, workers } = fake();
    client.start(7);
    const pending = client.request("translate", "abc");
    workers[0].emit("error", { message: "boom", preventDefault() {} });
    await assert.rejects(pending, /worker stopped: boom/);
    await assert.rejects(client.backend, /boom/);
    assert.equal(client.state.status, "error");
    assert.match(client.state.reason ?? "", /Reset/);
    assert.equal(workers[0].terminated, true);
  });

  it("rejects pending requests when the page terminates the worker", async () => {
    const { client } = fake();
    const pending = client.request("translate", "abc");
    client.terminate();
    await assert.rejects(pending, /closed its worker/);
  });

  it("makes a fresh worker on reset after the old one died", () => {
    const { client, workers } = fake();
    workers[0].emit("error", { message: "boom" });
    client.reset();
    assert.equal(workers.length, 2);
    assert.equal(workers[1].posted[0].type, "init");
    assert.equal(client.state.status, "idle");
  });

  it("every() draws at once, then at most every ms, each later draw in a task of its own", async () => {
    const { client, workers } = fake();
    const seen: number[] = [];
    client.every(30, (s) => seen.push(s.n));
    assert.deepEqual(seen, [0], "drawn at once");
    client.start(1);
    const runId = client.state.runId;
    workers[0].reply({ type: "snapshot", runId, snapshot: 1 });
    workers[0].reply({ type: "snapshot", runId, snapshot: 2 });
    assert.deepEqual(seen, [0], "not inside the snapshot's task");
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(seen, [0, 2], "once, with the latest state");
  });

  it("folds snapshots of the current run only, and toggles between pause and resume", () => {
    const { client, workers } = fake();
    client.start(3);
    const start = workers[0].posted.find((m) => m.type === "start") as Extract<ToWorker, { type: "start" }>;
    workers[0].reply({ type: "snapshot", runId: start.runId + 100, snapshot: 99 });
    workers[0].reply({ type: "snapshot", runId: start.runId, snapshot: 5 });
    assert.equal(client.state.n, 5);
    assert.equal(client.running, true);
    client.toggle();
    assert.equal(client.state.status, "paused");
    client.toggle();
    assert.deepEqual(
      workers[0].posted.slice(-2).map((m) => m.type),
      ["pause", "resume"],
    );
  });

  it("configure starts nothing for the settings the figures already show", () => {
    const { client, workers } = fake();
    client.start(4);
    const starts = () => workers[0].posted.filter((m) => m.type === "start").length;
    client.configure(4);
    assert.equal(starts(), 1);
    client.configure(5);
    assert.equal(starts(), 2);
    assert.equal(covers({ a: 1, b: [1, 2] }, { b: [1, 2] }), true);
    assert.equal(covers({ a: 1 }, { a: 2 }), false);
  });
});

async function* count(n: number, log: string[]): AsyncGenerator<number> {
  try {
    for (let i = 1; i <= n; i++) yield i;
  } finally {
    log.push("freed");
  }
}

describe("RunLoop", () => {
  it("runs a new run only after the stopped one's finally", async () => {
    const log: string[] = [];
    const loop = new RunLoop<number>({
      snapshot: (id, s) => log.push(`${id}:${s}`),
      end: (id, cancelled) => log.push(`end ${id}${cancelled ? " cancelled" : ""}`),
      error: (id, e) => log.push(`error ${id} ${e}`),
    });
    void loop.start(1, () => count(1000, log), { paused: true });
    loop.step();
    await new Promise((r) => setTimeout(r, 20)); // run 1 pulls its one step, then waits
    const second = loop.start(2, () => count(2, log));
    await second;
    assert.deepEqual(log, ["1:1", "freed", "end 1 cancelled", "2:1", "2:2", "freed", "end 2"]);
  });

  it("reports a generator's error as the run's error", async () => {
    const log: string[] = [];
    const loop = new RunLoop<number>({
      snapshot: () => undefined,
      end: () => log.push("end"),
      error: (id, e) => log.push(`error ${id} ${(e as Error).message}`),
    });
    await loop.start(3, async function* () {
      yield 1;
      throw new Error("diverged badly");
    });
    assert.deepEqual(log, ["error 3 diverged badly"]);
  });
});

describe("serveWorker", () => {
  it("answers a request with an error reply when the backend failed", async () => {
    const posted: any[] = [];
    const failed = Promise.reject(new Error("no backend works here"));
    failed.catch(() => undefined);
    const handlers: WorkerHandlers = { requests: { translate: () => "never" } };
    const dispatch = serveWorker(
      handlers,
      { postMessage: (m) => posted.push(m), addEventListener: () => undefined },
      {
        init: () => undefined,
        ready: failed as never,
      },
    );
    dispatch({ type: "request", requestId: 4, name: "translate", payload: "abc" });
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(posted, [{ type: "reply", requestId: 4, ok: false, message: "no backend works here" }]);
  });
});

describe("serveWorker and runs", () => {
  it("a request that replaces the run stops only the runs started before it", async () => {
    const posted: any[] = [];
    let release!: () => void;
    const ready = new Promise<void>((r) => (release = r));
    const handlers: WorkerHandlers<number, number> = {
      run: async function* (n) {
        for (let i = 0; i < n; i++) yield i;
      },
      requests: { load: { mode: "replaces-run", handle: () => "loaded" } },
    };
    const dispatch = serveWorker(
      handlers,
      { postMessage: (m) => posted.push(m), addEventListener: () => undefined },
      {
        init: () => undefined,
        ready: ready as never,
      },
    );
    dispatch({ type: "request", requestId: 1, name: "load", payload: undefined });
    dispatch({ type: "start", runId: 2, payload: 2 });
    release();
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      posted.map((m) => m.type),
      ["reply", "snapshot", "snapshot", "end"],
    );
    assert.equal(posted[3].cancelled, false);
  });
});
