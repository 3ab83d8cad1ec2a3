import { test } from "node:test";
import assert from "node:assert/strict";
import { shortcutFor } from "../../src/components/ui/presenter.ts";

test("space, → and r map to play/pause, step and reset; p toggles presenter mode", () => {
  assert.equal(shortcutFor({ key: " " }), "play-pause");
  assert.equal(shortcutFor({ key: "ArrowRight" }), "step");
  assert.equal(shortcutFor({ key: "r" }), "reset");
  assert.equal(shortcutFor({ key: "P" }), "toggle-presenter");
  assert.equal(shortcutFor({ key: "x" }), undefined);
});

test("shortcuts never steal typing, modified keys, or a focused button's own space", () => {
  assert.equal(shortcutFor({ key: "r", targetTag: "INPUT" }), undefined);
  assert.equal(shortcutFor({ key: " ", targetTag: "textarea" }), undefined);
  assert.equal(shortcutFor({ key: "ArrowRight", targetTag: "SELECT" }), undefined);
  assert.equal(shortcutFor({ key: "r", targetEditable: true }), undefined);
  assert.equal(shortcutFor({ key: "r", ctrlKey: true }), undefined, "Ctrl+R still reloads");
  assert.equal(shortcutFor({ key: " ", targetTag: "BUTTON" }), undefined);
  assert.equal(shortcutFor({ key: "ArrowRight", targetTag: "BUTTON" }), "step");
});
