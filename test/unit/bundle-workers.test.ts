// The build's one-file workers (scripts/bundle-workers.ts): local modules inlined, packages left
// as shared files imported from the bundle's own place, and only worker entries bundled.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { bundleWorker, WORKER_ENTRY } from "../../scripts/bundle-workers.ts";

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe("bundle-workers", () => {
  it("inlines the worker's own modules and imports packages from the entry's directory", async () => {
    const dist = mkdtempSync(join(tmpdir(), "glimpse-bundle-"));
    write(dist, "_node/pkg@1.0.0/index.22222222.js", "export const packaged = 'from the package';\n");
    write(dist, "_import/components/tf.33333333.js", 'export * from "../../_node/pkg@1.0.0/index.22222222.js";\n');
    write(
      dist,
      "_import/components/model/deep.44444444.js",
      'import { packaged } from "../../../_node/pkg@1.0.0/index.22222222.js";\n' +
        "export const deep = () => 'DEEP-MODULE-BODY ' + packaged;\n",
    );
    write(
      dist,
      "_import/components/worker/demo-worker.0123abcd.js",
      'import * as tf from "../tf.33333333.js";\nimport { deep } from "../model/deep.44444444.js";\n' +
        "self.onmessage = () => postMessage([deep(), tf.packaged]);\n",
    );
    const code = await bundleWorker(join(dist, "_import/components/worker/demo-worker.0123abcd.js"), dist);
    assert.match(code, /DEEP-MODULE-BODY/, "the local module's code is in the bundle");
    assert.doesNotMatch(code, /deep\.44444444|tf\.33333333/, "no local module is fetched separately");
    const imports = [...code.matchAll(/from\s*"([^"]+)"/g)].map((m) => m[1]);
    assert.ok(imports.length > 0);
    assert.deepEqual([...new Set(imports)], ["../../../_node/pkg@1.0.0/index.22222222.js"]);
    assert.doesNotMatch(code, /from the package/, "the package stays its own (shared, cached) file");
  });

  it("bundles worker entries only, not the modules that help them", () => {
    const built = [
      "training-worker.875858ef.js",
      "compare-worker.948eadda.js",
      "worker-backend.19592447.js",
      "race-pool.c1d48f1e.js",
      "client.f0de0228.js",
    ];
    assert.deepEqual(
      built.filter((f) => WORKER_ENTRY.test(f)),
      ["training-worker.875858ef.js", "compare-worker.948eadda.js"],
    );
    // Every worker a page starts is an entry by that name.
    const sources = readdirSync("src/components/worker").filter((f) => /-worker\.ts$/.test(f));
    assert.ok(sources.length >= 6);
    for (const f of sources) assert.match(f.replace(/\.ts$/, ".0123abcd.js"), WORKER_ENTRY);
  });
});
