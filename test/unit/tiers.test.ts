import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";

// Tiers import downward only: pages (specs) → ui → worker → train/compare/cost → model → tasks.
// `state/` is DOM-free state that any tier may use; it imports nothing above train/.
const ROOT = "src/components";
const BELOW: Record<string, string[]> = {
  worker: ["ui", "pages"],
  state: ["ui", "pages", "worker"],
  train: ["ui", "pages", "worker", "state"],
  model: ["ui", "pages", "worker", "state", "train", "compare", "cost"],
  tasks: ["ui", "pages", "worker", "state", "train", "compare", "cost", "model"],
  pages: ["ui"],
};

test("no module imports from a tier above its own", () => {
  const wrong: string[] = [];
  for (const [tier, forbidden] of Object.entries(BELOW)) {
    for (const file of readdirSync(join(ROOT, tier)).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(ROOT, tier, file), "utf8");
      for (const [, spec] of text.matchAll(/from "\.\.\/([a-z-]+)\//g)) {
        if (forbidden.includes(spec)) wrong.push(`${tier}/${file} imports ${spec}/`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

test("ui/ holds no DOM-free page state: the three old clients and the page configs are gone from it", () => {
  const ui = readdirSync(join(ROOT, "ui"));
  for (const gone of [
    "trainer-client.ts",
    "compare-client.ts",
    "cost-client.ts",
    "page-configs.ts",
    "page-snapshot.ts",
    "trainer-state.ts",
  ]) {
    assert.ok(!ui.includes(gone), gone);
  }
});

/** The modules `file` loads when it runs: static imports and re-exports, not `import type`. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [
    ...text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?"([^"]+)"/gms),
    ...text.matchAll(/^import\s+"([^"]+)"/gm),
  ].map((m) => m[1]);
  return specs.map((s) => (s.startsWith(".") ? join(dirname(file), s).replace(/\.js$/, ".ts") : s));
}

test("pages load no tfjs on the main thread: their imports never reach it (the workers do)", () => {
  const pages = readdirSync("src").filter((f) => f.endsWith(".md"));
  const reached = new Map<string, string>(); // module → the module that imported it
  const queue: string[] = [];
  for (const page of pages) {
    const text = readFileSync(join("src", page), "utf8");
    for (const [, spec] of text.matchAll(/from "\.\/(components\/[^"]+)"/g)) {
      const file = join("src", spec).replace(/\.js$/, ".ts");
      if (!reached.has(file)) (reached.set(file, page), queue.push(file));
    }
  }
  assert.ok(queue.length > 20, "the pages' imports were found");
  const tfjs: string[] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const next of runtimeImports(file)) {
      if (next.startsWith("@tensorflow/") || next.endsWith("/tf.ts")) {
        let chain = file;
        for (let at = file; reached.has(at) && !reached.get(at)!.endsWith(".md");)
          chain = `${(at = reached.get(at)!)} → ${chain}`;
        tfjs.push(`${chain} → ${next}`);
      } else if (next.startsWith("src/") && !reached.has(next)) {
        reached.set(next, file);
        queue.push(next);
      }
    }
  }
  assert.deepEqual(tfjs, []);
});
