import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
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
