import { test } from "node:test";
import assert from "node:assert/strict";
import { thousands } from "../../src/components/format.ts";

test("thousands writes integers as toLocaleString('en') does, without Intl", () => {
  for (const n of [0, 7, 999, 1000, 1500, 12345, 999999, 1000000, 1234567.4, -1234, -999, 2 ** 40]) {
    assert.equal(thousands(n), Math.round(n).toLocaleString("en"), String(n));
  }
  assert.equal(thousands(NaN), "NaN");
  assert.equal(thousands(Infinity), "Infinity");
});
