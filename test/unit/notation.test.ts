// The notation box (ui/notation.ts): typeset one entry per idle moment, all of it when opened.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { NOTATION, notationBox } from "../../src/components/ui/notation.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

test("the notation box typesets one entry per idle moment, in order, and all at once when opened", (t) => {
  // Idle moments on demand: requestIdleCallback queues, idle() runs what is queued.
  const queued: (() => void)[] = [];
  const g = globalThis as { requestIdleCallback?: unknown; cancelIdleCallback?: unknown };
  g.requestIdleCallback = (job: () => void) => queued.push(job);
  g.cancelIdleCallback = () => undefined;
  t.after(() => (delete g.requestIdleCallback, delete g.cancelIdleCallback));
  const idle = () => queued.splice(0).forEach((job) => job());

  const box = notationBox(document as unknown as Document);
  const terms = () => box.querySelectorAll("dt").length;
  assert.equal(terms(), 0, "nothing typeset before the page is idle");
  idle();
  assert.equal(terms(), 1, "one entry per idle moment");
  idle();
  assert.equal(terms(), 2);
  box.dispatchEvent(new (document as unknown as Document).defaultView!.Event("toggle"));
  assert.equal(terms(), NOTATION.length, "opened: the rest at once");
  assert.deepEqual(
    [...box.querySelectorAll("dd")].map((d) => d.textContent),
    NOTATION.map((e) => e.meaning),
  );
  idle();
  idle();
  assert.equal(terms(), NOTATION.length, "and nothing twice");
});
