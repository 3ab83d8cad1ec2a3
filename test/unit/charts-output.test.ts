import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { alignOutputs, characters, outputComparison } from "../../src/components/charts/outputComparison.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

const texts = (root: Element, sel: string) => Array.from(root.querySelectorAll(sel), (e) => e.textContent);

describe("alignOutputs", () => {
  it("alignOutputs(expected, actual) pairs a substitution, a dropped and an added character by edit distance", () => {
    const ops = alignOutputs("olleh dlrow", "ollxh drow!").map((p) => p.op);
    assert.deepEqual(
      ops.filter((o) => o !== "match"),
      ["wrong", "missing", "extra"],
    );
    assert.deepEqual(
      alignOutputs("abc", "ac").map((p) => [p.op, p.expected, p.actual]),
      [
        ["match", "a", "a"],
        ["missing", "b", ""],
        ["match", "c", "c"],
      ],
    );
  });

  it("in position mode compares index by index, so a shift makes every later character wrong", () => {
    assert.deepEqual(
      alignOutputs("abc", "ac", "position").map((p) => p.op),
      ["match", "wrong", "missing"],
    );
  });

  it("characters() keeps an emoji with a skin-tone modifier as one character", () => {
    assert.deepEqual(characters("👍🏽a"), ["👍🏽", "a"]);
    assert.deepEqual(characters("e\u0301\r\nb"), ["e\u0301", "\r\n", "b"], "a combining accent and CR LF stay whole");
  });

  it("characters() splits plain ASCII as the segmenter would, without it", () => {
    const ascii = "the cat sat on the mat, ~{odd} [chars]! 0123456789";
    const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    assert.deepEqual(
      characters(ascii),
      Array.from(segmenter.segment(ascii), (x) => x.segment),
    );
  });
});

describe("outputComparison", () => {
  it("outputComparison(expected, actual) marks exactly the wrong characters of the model's row", () => {
    const root = outputComparison("olleh dlrow", "ollxh drow!", { document });
    assert.equal(root.className, "output-comparison");
    assert.deepEqual(texts(root, ".actual .char.wrong"), ["x", "·", "!"]);
    assert.deepEqual(texts(root, ".actual .char.wrong.missing"), ["·"]);
    assert.deepEqual(texts(root, ".actual .char.wrong.extra"), ["!"]);
    assert.equal(root.querySelectorAll(".expected .char.wrong").length, 0);
    assert.deepEqual(texts(root, ".expected .char.differs"), ["e", "l"]);
    assert.equal(root.querySelectorAll(".actual .char").length, root.querySelectorAll(".expected .char").length);
  });

  it("marks errors by decoration as well as colour", () => {
    const root = outputComparison("ab", "xb", { document });
    const wrong = root.querySelector(".actual .char.wrong") as HTMLElement;
    assert.match(wrong.getAttribute("style") ?? "", /text-decoration:\s*underline wavy/);
  });

  it("summarises the errors in text and in the group's aria-label", () => {
    const root = outputComparison("olleh dlrow", "ollxh drow!", { document });
    assert.equal(root.querySelector(".summary")?.textContent, "2 of 11 characters wrong (1 missing), plus 1 extra");
    assert.equal(root.getAttribute("role"), "group");
    assert.equal(
      root.getAttribute("aria-label"),
      "Expected “olleh dlrow”, model wrote “ollxh drow!”: 2 of 11 characters wrong (1 missing), plus 1 extra",
    );
    assert.equal(root.getAttribute("data-errors"), "3");
    const one = outputComparison("abc", "abd", { document });
    assert.equal(one.querySelector(".summary")?.textContent, "1 of 3 characters wrong");
    const longer = outputComparison("ab", "ab<script>", { document });
    assert.equal(longer.querySelector(".summary")?.textContent, "All 2 characters right, plus 8 extra");
    const shorter = outputComparison("abc", "a", { document });
    assert.equal(shorter.querySelector(".summary")?.textContent, "2 of 3 characters wrong (missing)");
  });

  it("says all characters are right, and marks none, when the output matches", () => {
    const root = outputComparison("a b", "a b", { document });
    assert.equal(root.querySelector(".summary")?.textContent, "All 3 characters right");
    assert.equal(root.querySelectorAll(".wrong, .differs").length, 0);
    assert.deepEqual(texts(root, ".expected .char"), ["a", "␣", "b"]);
  });

  it("shows hostile model output as text, never as HTML", () => {
    const root = outputComparison("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", { document });
    document.body.append(root);
    assert.equal(root.querySelectorAll("script, img").length, 0);
    assert.equal(
      texts(root, ".actual .char").join("").replace(/·/g, "").replace(/␣/g, " "),
      "<img src=x onerror=alert(1)>",
    );
    assert.match(root.innerHTML, /&lt;script&gt;|&lt;/);
    assert.ok(!root.innerHTML.includes("<script"));
    root.remove();
  });

  it("counts an emoji as one character", () => {
    const root = outputComparison("👍🏽!", "👍!", { document });
    assert.equal(root.querySelector(".summary")?.textContent, "1 of 2 characters wrong");
    assert.deepEqual(texts(root, ".actual .char.wrong"), ["👍"]);
  });
});
