// The build's move of Framework's modulepreload hints from the head to the end of the body
// (scripts/defer-preloads.ts): every hint survives, in order, and is added only once the script runs.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { deferModulePreloads } from "../../scripts/defer-preloads.ts";

const PAGE =
  '<html><head>\n<link rel="stylesheet" type="text/css" href="./_import/style.css">\n' +
  '<link rel="modulepreload" href="./_observablehq/client.js">\n' +
  '<link rel="modulepreload" href="./_import/components/maths.0a1b2c3d.js">\n' +
  '<script type="module">import "./_observablehq/client.js";</script>\n</head>\n' +
  "<body><main><p>text</p></main>\n</body>\n</html>";

describe("deferred module preloads", () => {
  it("moves every hint out of the head into one script that adds them in order", () => {
    const { html, count } = deferModulePreloads(PAGE);
    assert.equal(count, 2);
    assert.doesNotMatch(html, /<link rel="modulepreload"/, "no hint left for the preload scanner");
    assert.match(html, /<link rel="stylesheet"[^>]*>\n<script type="module">/, "the rest of the head stays");
    const script = html.match(/<\/main>\n<script>(.*)<\/script>\n<\/body>/)?.[1];
    assert.ok(script, "the script comes after the page's content, last in the body");
    const added: { rel: string; href: string }[] = [];
    const fakeDocument = { createElement: () => ({}), head: { append: (link: any) => added.push(link) } };
    new Function("document", script)(fakeDocument);
    assert.deepEqual(added, [
      { rel: "modulepreload", href: "./_observablehq/client.js" },
      { rel: "modulepreload", href: "./_import/components/maths.0a1b2c3d.js" },
    ]);
  });

  it("leaves a page without hints as it was", () => {
    const plain = "<html><head></head><body><p>text</p></body></html>";
    assert.deepEqual(deferModulePreloads(plain), { html: plain, count: 0 });
  });
});
