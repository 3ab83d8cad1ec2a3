// Without WebGL (old GPU, blocklisted driver, locked-down classroom machine) the site must
// still compute: the home page falls back to wasm or cpu, with no errors.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backendChosen, browserSkipReason, openPage, settle, siteFixture } from "./harness.ts";

// Chromium's --disable-webgl switches WebGL off for <canvas> but, as of Chromium 150, not
// for OffscreenCanvas, which tfjs prefers; so the page also gets an OffscreenCanvas whose
// WebGL contexts are unavailable, as on a machine without a usable GPU.
function withoutOffscreenWebGL(): void {
  const getContext = OffscreenCanvas.prototype.getContext;
  OffscreenCanvas.prototype.getContext = function (this: OffscreenCanvas, type: string, ...rest: unknown[]) {
    if (/^(webgl|webgl2|experimental-webgl)$/.test(type)) return null;
    return (getContext as (...args: unknown[]) => unknown).call(this, type, ...rest);
  } as typeof getContext;
}

describe("no WebGL", { skip: browserSkipReason() }, () => {
  const site = siteFixture(["--disable-webgl", "--disable-3d-apis"]);

  it("the home page falls back to wasm or cpu without errors", async () => {
    const visit = await openPage(site.browser, `${site.server.url}/`, { initScript: withoutOffscreenWebGL });
    try {
      await settle(visit.page);
      await backendChosen(visit.page);
      assert.deepEqual(visit.problems(), []);
      const badge = visit.page.locator("[data-backend]").first();
      const backend = await badge.getAttribute("data-backend");
      assert.ok(backend === "wasm" || backend === "cpu", `expected wasm or cpu, got ${backend}`);
      // The wasm files come from the site itself, served as application/wasm.
      if (backend === "wasm")
        assert.ok(
          visit.requests.some((u) => u.endsWith(".wasm")),
          "no .wasm requested",
        );
    } finally {
      await visit.close();
    }
  });
});
