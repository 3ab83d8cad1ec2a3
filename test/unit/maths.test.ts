import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseHTML } from "linkedom";
import {
  KATEX_FONTS,
  KATEX_STYLESHEET,
  displayMath,
  renderTex,
  texSource,
  texToHtml,
} from "../../src/components/maths.ts";

const tag = (strings: TemplateStringsArray, ...values: unknown[]) => texSource(strings, values);

function shimDocument(): Document {
  return parseHTML("<!doctype html><html><head></head><body></body></html>").document as unknown as Document;
}

describe("texSource", () => {
  it("keeps backslashes as written", () => assert.equal(tag`\alpha_{t,j}`, "\\alpha_{t,j}"));
  it("splices interpolated values", () => assert.equal(tag`h_{${3}} + ${"x"}`, "h_{3} + x"));
  it("accepts plain string arrays", () => assert.equal(texSource(["a", "c"], ["b"]), "abc"));
});

describe("texToHtml", () => {
  it("renders inline maths with MathML for screen readers", () => {
    const html = texToHtml("c_t = \\sum_j \\alpha_{t,j} h_j");
    assert.match(html, /class="katex"/);
    assert.match(html, /<math/);
    assert.doesNotMatch(html, /katex-display/);
  });
  it("renders display maths", () => assert.match(texToHtml("x", true), /katex-display/));
  it("marks a typo instead of throwing", () => assert.match(texToHtml("\\frac{1}{"), /katex-error/));
});

describe("renderTex", () => {
  it("returns a span inline and a block div in display mode", () => {
    const document = shimDocument();
    const inline = renderTex("x", { document });
    assert.equal(inline.tagName, "SPAN");
    assert.ok(inline.querySelector(".katex"));
    const block = displayMath("x", { document });
    assert.equal(block.tagName, "DIV");
    assert.equal(block.className, "glimpse-math-block");
  });
  it("adds KaTeX's stylesheet to the page once", () => {
    const document = shimDocument();
    renderTex("x", { document });
    renderTex("y", { document });
    const links = document.querySelectorAll("link[data-glimpse-katex]");
    assert.equal(links.length, 1);
    assert.equal(links[0].getAttribute("href"), KATEX_STYLESHEET);
  });
});

describe("self-hosted KaTeX assets", () => {
  it("names the stylesheet and every woff2 font in node_modules", async () => {
    const { readdirSync } = await import("node:fs");
    const { dirname } = await import("node:path");
    const { fileURLToPath } = await import("node:url");
    const fontsDir = dirname(fileURLToPath(KATEX_FONTS[0]));
    const shipped = readdirSync(fontsDir)
      .filter((f) => f.endsWith(".woff2"))
      .sort();
    const listed = KATEX_FONTS.map((u) => u.split("/").pop()).sort();
    assert.deepEqual(listed, shipped, "maths.ts must import.meta.resolve every KaTeX .woff2 so the build copies it");
    assert.match(KATEX_STYLESHEET, /katex\.min\.css$/);
  });
});
