// The build's still copies of the pages' first figures (scripts/prerender.ts): what a copy
// keeps and drops, and that every page placeholder has a figure and a live cell replacing it.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { inertCopy, installDom } from "../../scripts/prerender-dom.ts";
import { PICTURE_TIMING, prerenderPage } from "../../scripts/prerender.ts";

const window = installDom();
const { PRERENDERED } = await import("../../scripts/prerender-figures.ts");
const { replacing } = await import("../../src/components/ui/prerendered.ts");

const pages = readdirSync("src")
  .filter((f) => f.endsWith(".md"))
  .map((f) => ({ file: f, text: readFileSync(`src/${f}`, "utf8") }));
const placeholders = pages.flatMap(({ file, text }) =>
  [...text.matchAll(/<div class="glimpse-prerendered" data-prerender="([a-z0-9-]+)"><\/div>\n\n```js\n(.*)\n```/g)].map(
    (m) => ({ file, name: m[1], cell: m[2] }),
  ),
);

describe("prerendered figures", () => {
  it("a copy keeps the drawing and each chart's text alternative, and nothing live", () => {
    const doc = window.document;
    const figure = doc.createElement("div");
    figure.innerHTML =
      '<svg role="grid" aria-label="Attention matrix" aria-roledescription="attention matrix" data-cell-size="9">' +
      '<rect class="cell" role="gridcell" tabindex="0" aria-label="a to b" data-row="0" fill="#123"></rect></svg>' +
      '<label for="try-1">Your sentence</label><input id="try-1"><button aria-pressed="false">Walk</button>' +
      '<p aria-live="polite" aria-hidden="true">Step 1</p>';
    figure.querySelector("input")!.value = "the cat";
    const copy = inertCopy(figure);
    assert.equal(copy.querySelector("input")!.getAttribute("value"), "the cat", "the box's words are in the markup");
    const svg = copy.querySelector("svg")!;
    assert.equal(svg.getAttribute("role"), "img");
    assert.equal(svg.getAttribute("aria-label"), "Attention matrix");
    assert.equal(svg.getAttribute("aria-roledescription"), null);
    const rect = copy.querySelector("rect")!;
    assert.deepEqual(
      rect.getAttributeNames().sort(),
      ["class", "fill"],
      "a cell keeps its drawing, not its role, tab stop, label or data",
    );
    assert.equal(copy.querySelector("input")!.id, "", "an id would be the live figure's twin");
    assert.equal(copy.querySelector("label")!.getAttribute("for"), null);
    assert.ok(copy.querySelector("input")!.hasAttribute("disabled"));
    assert.ok(copy.querySelector("button")!.hasAttribute("disabled"));
    assert.equal(copy.querySelector("button")!.getAttribute("aria-pressed"), null);
    assert.equal(copy.querySelector("p")!.getAttribute("aria-live"), null);
    assert.equal(copy.querySelector("p")!.getAttribute("aria-hidden"), "true", "aria-hidden stays");
    assert.equal(figure.querySelector("rect")!.getAttribute("tabindex"), "0", "the original is left as it was");
  });

  it("every placeholder in a page names a figure, and the cell after it replaces that copy", () => {
    assert.ok(placeholders.length >= 7, `placeholders found: ${placeholders.length}`);
    for (const { file, name, cell } of placeholders) {
      assert.ok(PRERENDERED[name], `${file}: no figure "${name}" in scripts/prerender-figures.ts`);
      assert.match(cell, new RegExp(`^display\\(replacing\\("${name}", `), `${file}: the cell after "${name}"`);
    }
    const used = new Set(placeholders.map((p) => p.name));
    for (const name of Object.keys(PRERENDERED)) assert.ok(used.has(name), `figure "${name}" is in no page`);
  });

  it("fills each placeholder with its figure's copy, drawn from the page's snapshot", async () => {
    const page = `<main><div class="glimpse-prerendered" data-prerender="attention-matrix"></div><p>text</p></main>`;
    const { html, names } = await prerenderPage(page, PRERENDERED);
    assert.deepEqual(names, ["attention-matrix"]);
    const doc = window.document;
    const main = doc.createElement("main");
    main.innerHTML = html.slice("<main>".length, -"</main>".length);
    const copy = main.querySelector('.glimpse-prerendered[data-prerender="attention-matrix"][inert]')!;
    const svg = copy.querySelector("svg.attention-heatmap")!;
    assert.equal(svg.getAttribute("role"), "img");
    const snapshot = JSON.parse(readFileSync("src/data/attention-snapshot.json", "utf8"));
    assert.match(
      svg.getAttribute("aria-label")!,
      new RegExp(`Pretrained model, attention for “${snapshot.config.probe}”`),
    );
    const cells = copy.querySelectorAll("rect.cell");
    assert.equal(cells.length, snapshot.probe.weights.length * snapshot.probe.weights[0].length, "one cell per weight");
    assert.match(
      copy.textContent!,
      new RegExp(`Output: “${snapshot.probe.output}”`),
      "the caption quotes the snapshot",
    );
    assert.equal(main.lastElementChild!.outerHTML, "<p>text</p>", "the rest of the page is left as it was");
    const timed = copy.querySelectorAll("[elementtiming]");
    assert.equal(timed.length, 1, "one label per copy is timed");
    assert.equal(timed[0].tagName.toLowerCase(), "text", "Element Timing times text, not an svg");
    assert.ok(svg.contains(timed[0]) && timed[0].textContent!.trim(), "a worded label of the copy's first chart");
    assert.equal(timed[0].getAttribute("elementtiming"), PICTURE_TIMING);
  });

  it("links KaTeX's stylesheet in the head of a page that typesets maths, and only there", async () => {
    const css = "./_node/katex@0.0.0/dist/katex.min.css";
    const maths =
      '<html><head><link rel="modulepreload" href="./_import/components/maths.0a1b2c3d.js">\n</head><body></body></html>';
    const { html } = await prerenderPage(maths, PRERENDERED, css);
    assert.match(
      html,
      /<link rel="stylesheet" href="\.\/_node\/katex@0\.0\.0\/dist\/katex\.min\.css" data-glimpse-katex>\n<\/head>/,
    );
    const plain = "<html><head></head><body></body></html>";
    assert.equal((await prerenderPage(plain, PRERENDERED, css)).html, plain);
  });

  it("an unknown figure name stops the build", async () => {
    await assert.rejects(
      prerenderPage('<div class="glimpse-prerendered" data-prerender="no-such-figure"></div>', PRERENDERED),
      /no figure named "no-such-figure"/,
    );
  });

  it("the live figure takes the copy's place in the same call", () => {
    const doc = window.document;
    doc.body.innerHTML = '<div class="glimpse-prerendered" data-prerender="x"><svg></svg></div><p></p>';
    const live = doc.createElement("div");
    assert.equal(replacing("x", live, doc), live);
    assert.equal(doc.querySelectorAll(".glimpse-prerendered").length, 0);
    assert.equal(replacing("x", live, doc), live, "no copy (the dev server): nothing to remove");
  });
});
