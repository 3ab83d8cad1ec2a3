import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chooseBackend, isSoftwareRenderer, type Trial } from "../../src/components/backend-choice.ts";
import { initBackend, type Engine } from "../../src/components/backend.ts";

describe("chooseBackend", () => {
  it("prefers webgl when nothing is measured", () => {
    const trials: Trial[] = [{ name: "webgl", ok: true }];
    assert.deepEqual(chooseBackend(trials), { name: "webgl", reason: "preferred backend" });
  });

  it("falls back in order and says why", () => {
    const choice = chooseBackend([
      { name: "webgl", ok: false, error: "no context" },
      { name: "wasm", ok: true },
    ]);
    assert.equal(choice?.name, "wasm");
    assert.match(choice?.reason ?? "", /webgl failed: no context/);
  });

  it("isSoftwareRenderer(renderer) names software WebGL, and only that", () => {
    assert.ok(
      isSoftwareRenderer(
        "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)",
      ),
    );
    assert.ok(isSoftwareRenderer("llvmpipe (LLVM 15.0.6, 256 bits)"));
    assert.ok(isSoftwareRenderer("ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11)"));
    assert.ok(!isSoftwareRenderer("ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)"));
    assert.ok(!isSoftwareRenderer("Apple M2"));
    assert.ok(!isSoftwareRenderer(undefined));
  });

  it("picks the fastest measured backend", () => {
    const choice = chooseBackend([
      { name: "webgl", ok: true, ms: 40 },
      { name: "wasm", ok: true, ms: 12.5 },
      { name: "cpu", ok: true, ms: 300 },
    ]);
    assert.equal(choice?.name, "wasm");
    assert.match(choice?.reason ?? "", /webgl 40 ms, wasm 13 ms, cpu 300 ms/);
  });

  it("breaks ties by preference order", () => {
    const trials: Trial[] = [
      { name: "cpu", ok: true, ms: 10 },
      { name: "wasm", ok: true, ms: 10 },
    ];
    assert.equal(chooseBackend(trials)?.name, "wasm");
  });

  it("ignores failed backends even if they were fast", () => {
    const choice = chooseBackend([
      { name: "webgl", ok: false, error: "lost context" },
      { name: "cpu", ok: true, ms: 90 },
    ]);
    assert.equal(choice?.name, "cpu");
  });

  it("follows a custom order", () => {
    const trials: Trial[] = [
      { name: "webgl", ok: true },
      { name: "cpu", ok: true },
    ];
    assert.equal(chooseBackend(trials, ["cpu", "webgl"])?.name, "cpu");
  });

  it("returns null when nothing works", () => {
    assert.equal(chooseBackend([{ name: "cpu", ok: false, error: "x" }]), null);
    assert.equal(chooseBackend([]), null);
  });
});

/** A fake tfjs: `works` lists the backends that initialise; records every call. */
function fakeEngine(works: string[], { checkFails = [] as string[] } = {}) {
  let current = "";
  const calls: string[] = [];
  const flags: Record<string, boolean> = {};
  const engine: Engine = {
    async setBackend(name) {
      calls.push(`set ${name}`);
      if (!works.includes(name)) return false;
      current = name;
      return true;
    },
    async ready() {},
    getBackend: () => current,
    env: () => ({ set: (flag, value) => void (flags[flag] = value) }),
    async check() {
      if (checkFails.includes(current)) throw new Error("wrong result");
    },
  };
  return { engine, calls, flags };
}

describe("initBackend", () => {
  it("stops at the first working backend without a measure", async () => {
    const { engine, calls, flags } = fakeEngine(["webgl", "wasm", "cpu"]);
    const result = await initBackend({ engine });
    assert.equal(result.name, "webgl");
    assert.deepEqual(calls, ["set webgl"]);
    assert.equal(flags.SOFTWARE_WEBGL_ENABLED, true, "software WebGL must be allowed before trying webgl");
  });

  it("falls back when webgl fails to initialise or to compute", async () => {
    assert.equal((await initBackend({ engine: fakeEngine(["wasm", "cpu"]).engine })).name, "wasm");
    const broken = fakeEngine(["webgl", "wasm"], { checkFails: ["webgl"] });
    const result = await initBackend({ engine: broken.engine });
    assert.equal(result.name, "wasm");
    assert.match(result.reason, /webgl failed: wrong result/);
  });

  it("measures every backend and leaves the fastest active", async () => {
    const { engine } = fakeEngine(["webgl", "wasm", "cpu"]);
    const times: Record<string, number> = { webgl: 30, wasm: 8, cpu: 200 };
    const measured: string[] = [];
    const result = await initBackend({
      engine,
      measure: async (name) => {
        measured.push(name);
        assert.equal(engine.getBackend(), name, "measure runs on the backend being measured");
        return times[name];
      },
    });
    assert.deepEqual(measured, ["webgl", "wasm", "cpu"]);
    assert.equal(result.name, "wasm");
    assert.equal(engine.getBackend(), "wasm");
    assert.equal(result.trials.length, 3);
  });

  it("treats a throwing or nonsense measure as a failure", async () => {
    const { engine } = fakeEngine(["webgl", "cpu"]);
    const result = await initBackend({
      engine,
      order: ["webgl", "cpu"],
      measure: async (name) => {
        if (name === "webgl") throw new Error("out of memory");
        return 5;
      },
    });
    assert.equal(result.name, "cpu");
    const nan = await initBackend({ engine, order: ["webgl", "cpu"], measure: async (n) => (n === "webgl" ? NaN : 5) });
    assert.equal(nan.name, "cpu");
  });

  it("rejects with every reason when nothing works", async () => {
    await assert.rejects(
      initBackend({ engine: fakeEngine([]).engine }),
      /No TensorFlow\.js backend works here \(webgl: .*wasm: .*cpu: /,
    );
  });

  it("initialises the real tfjs cpu backend under Node", async () => {
    const result = await initBackend({ order: ["cpu"] });
    assert.equal(result.name, "cpu");
    const tf = await import("../../src/components/tf.ts");
    assert.equal(tf.getBackend(), "cpu");
  });
});
