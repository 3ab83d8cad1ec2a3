import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { copiedPositions, rowsOnCopiedLetters } from "../../src/components/analysis/alignment.ts";

const tokens = (s: string) => [...s];
const oneHot = (n: number, at: number) => Array.from({ length: n }, (_, j) => (j === at ? 0.9 : 0.1 / (n - 1)));

describe("alignment", () => {
  it("copiedPositions: each output letter of the reversal copies its mirror in the same word", () => {
    // "ab cd" -> "ba dc": b(1) a(0) space(2) d(4) c(3)
    assert.deepEqual(copiedPositions(tokens("ab cd")), [1, 0, 2, 4, 3]);
    assert.deepEqual(copiedPositions(tokens("a")), [0]);
  });

  it("rowsOnCopiedLetters counts letter rows whose largest weight is on the copied letter", () => {
    const src = tokens("ab cd");
    const perfect = copiedPositions(src).map((j) => oneHot(5, j));
    assert.deepEqual(rowsOnCopiedLetters(src, perfect), { onCopied: 4, letters: 4 });
    // One letter late on every row (the one-way encoder's signature) is on none of them.
    const late = copiedPositions(src).map((j) => oneHot(5, (j + 1) % 5));
    assert.equal(rowsOnCopiedLetters(src, late).onCopied, 0);
    // The space row does not count, right or wrong; missing rows count as off.
    const spaceOff = perfect.map((r, t) => (t === 2 ? oneHot(5, 0) : r));
    assert.deepEqual(rowsOnCopiedLetters(src, spaceOff), { onCopied: 4, letters: 4 });
    assert.deepEqual(rowsOnCopiedLetters(src, perfect.slice(0, 2)), { onCopied: 2, letters: 4 });
  });
});
