import { test } from "node:test";
import assert from "node:assert/strict";
import { DOMParser, parseHTML } from "linkedom";
import { attentionHeatmap } from "../../src/components/charts/attentionHeatmap.ts";
import { fileName, resolveVars, standaloneSvg, type ExportTheme } from "../../src/components/export/svg-export.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");
const theme: ExportTheme = {
  foreground: "rgb(20, 20, 20)",
  background: "rgb(255, 255, 255)",
  fontFamily: "sans-serif",
  resolveVar: (name) => (name === "--theme-foreground" ? "rgb(20, 20, 20)" : ""),
};

test("resolveVars uses the theme's value, else the fallback, also when nested", () => {
  assert.equal(resolveVars("color: var(--theme-foreground, red)", theme), "color: rgb(20, 20, 20)");
  assert.equal(resolveVars("fill: var(--unset, blue)", theme), "fill: blue");
  assert.equal(resolveVars("fill: var(--a, var(--theme-foreground, red))", theme), "fill: rgb(20, 20, 20)");
});

test("a heatmap exports as standalone SVG that parses, keeps every cell and needs no stylesheet", () => {
  const weights = [
    [0.9, 0.1],
    [0.2, 0.8],
    [0.5, 0.5],
  ];
  const svg = attentionHeatmap(weights, { sources: ["a", "b"], targets: ["b", "a", "</s>"], document });
  const text = standaloneSvg(svg, theme);
  assert.ok(text.startsWith("<?xml"));
  assert.ok(!text.includes("var("), "no theme variables left");
  assert.ok(!text.includes("tabindex"));
  const parsed = new DOMParser().parseFromString(text.replace(/^<\?xml[^>]*>\n/, ""), "image/svg+xml");
  const root = parsed.querySelector("svg")!;
  assert.equal(root.getAttribute("xmlns"), "http://www.w3.org/2000/svg");
  assert.equal(parsed.querySelectorAll("rect.cell").length, 6);
  assert.match(root.getAttribute("style")!, /background:rgb\(255, 255, 255\)/);
  assert.equal(svg.querySelectorAll("rect.cell").length, 6, "the page's chart is untouched");
});

test("file names are safe and readable", () => {
  assert.equal(fileName("Attention matrix: “the cat”", "png"), "attention-matrix-the-cat.png");
  assert.equal(fileName("../../etc/passwd", "svg"), "etc-passwd.svg");
  assert.equal(fileName("😀", "svg"), "glimpse-chart.svg");
});
