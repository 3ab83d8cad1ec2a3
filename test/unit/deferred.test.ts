// Figures built when the browser is idle (ui/deferred.ts): the placeholder gives way to the
// figure, and a figure that fails says so in its place instead of leaving a silent gap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { afterIdle, whenIdle } from "../../src/components/ui/deferred.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

test("whenIdle returns a placeholder at once and puts the figure in its place when idle", async () => {
  const { document } = parseHTML("<!doctype html><html><body><main></main></body></html>");
  let built = 0;
  const placeholder = whenIdle(
    () => {
      built++;
      const figure = document.createElement("figure");
      figure.textContent = "the figure";
      return figure;
    },
    { minHeight: 300, doc: document },
  );
  document.querySelector("main")!.append(placeholder);
  assert.equal(built, 0, "nothing is built in the cell's own task");
  assert.equal(placeholder.style.minHeight, "300px");
  assert.equal(placeholder.getAttribute("aria-busy"), "true");
  await tick();
  assert.equal(built, 1);
  assert.equal(document.querySelector("main")!.innerHTML, "<figure>the figure</figure>");
});

test("a figure that fails to build says so where it would have been, and is reported", async () => {
  const { document } = parseHTML("<!doctype html><html><body><main></main></body></html>");
  const reported: unknown[] = [];
  const original = console.error;
  console.error = (e: unknown) => reported.push(e);
  try {
    const placeholder = whenIdle(
      () => {
        throw new Error("no data");
      },
      { doc: document },
    );
    document.querySelector("main")!.append(placeholder);
    await tick();
    assert.equal(placeholder.textContent, "This figure could not be drawn: no data");
    assert.ok(placeholder.classList.contains("glimpse-error"));
    assert.equal(placeholder.hasAttribute("aria-busy"), false);
    assert.equal((reported[0] as Error).message, "no data");
  } finally {
    console.error = original;
  }
});

test("afterIdle runs its job later, and not at all once cancelled", async () => {
  const ran: string[] = [];
  afterIdle(() => ran.push("kept"));
  const cancel = afterIdle(() => ran.push("cancelled"));
  cancel();
  assert.deepEqual(ran, []);
  await tick();
  assert.deepEqual(ran, ["kept"]);
});
