// Constant formulas typeset at build time (scripts/static-tex.ts), through Framework's own
// Markdown parser: KaTeX's markup in the page instead of a cell, the same markup the page's
// maths.ts would make, and formulas with a value in them left as cells.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { createMarkdownIt, parseMarkdown } from "@observablehq/framework/dist/markdown.js";
import { staticTex } from "../../scripts/static-tex.ts";
import { renderTex } from "../../src/components/maths.ts";

const parse = (markdown: string, plugin = true) =>
  parseMarkdown(markdown, { md: createMarkdownIt(plugin ? { markdownIt: staticTex } : {}), path: "/page.md" });
const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");

describe("formulas typeset at build time", () => {
  it("an inline formula is KaTeX's markup, as maths.ts renders it, and no cell", () => {
    const page = parse("The weight ${tex`\\alpha_{t,j}`} is positive.");
    const live = renderTex("\\alpha_{t,j}", { document }).outerHTML;
    assert.ok(page.body.includes(live), page.body);
    assert.match(page.body, /^<p>The weight <span class="glimpse-math"><span class="katex">/);
    assert.deepEqual(page.code, []);
    assert.equal(parse("The weight ${tex`\\alpha_{t,j}`} is positive.", false).code.length, 1, "without it: a cell");
  });

  it("a display formula on its own is the formula's block, not inside a paragraph", () => {
    const page = parse("Before:\n\n${tex.block`c_t = \\sum_j \\alpha_{t,j} h_j`}\n\nAfter.");
    const live = renderTex("c_t = \\sum_j \\alpha_{t,j} h_j", { displayMode: true, document }).outerHTML;
    assert.ok(page.body.includes(live));
    assert.doesNotMatch(page.body, /<p><div/);
    assert.match(page.body, /<p>Before:<\/p>\n<div class="glimpse-math-block">.*<\/div>\n<p>After\.<\/p>/s);
    assert.deepEqual(page.code, []);
  });

  it("a formula with a value in it stays a cell, and so does other inline code", () => {
    const page = parse("With ${tex`D = ${settings.radius}`} and ${thousands(n)} scores.");
    assert.equal(page.code.length, 2);
    assert.equal(
      page.code.every((c) => c.mode === "inline"),
      true,
    );
    assert.doesNotMatch(page.body, /katex/);
  });

  it("a TeX typo shows as KaTeX's error mark, as it does in the browser", () => {
    assert.match(parse("Bad ${tex`\\frac{1}`}.").body, /katex-error/);
  });
});
