// Build step (npm run build, after Framework's): what a page needs to show its first screen
// before any of its scripts has run. A page's figures otherwise appear only once its modules
// and snapshot have loaded and its cells have run, 1.3–2 s after navigation on a 2-core machine
// (issue 13 asks for 1 s), and its maths was unstyled until maths.ts had added KaTeX's stylesheet.
// - Each placeholder <div class="glimpse-prerendered" data-prerender="NAME"></div> in dist/*.html
//   is filled with an inert copy of figure NAME (prerender-figures.ts), drawn by the page's own
//   code from the same snapshot; the page's cell swaps in the live figure (ui/prerendered.ts).
//   The first label of each copy's first chart carries elementtiming="glimpse-picture": the
//   browser then reports when that chart was first on screen (Element Timing), which
//   bench/pages.ts reads as the page's first picture.
// - A page that typesets maths gets KaTeX's stylesheet in its head (maths.ts then adds none).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inertCopy, installDom } from "./prerender-dom.ts";
// Type only: prerender-figures.ts itself is imported after installDom, below.
import type { Prerendered } from "./prerender-figures.ts";

const PLACEHOLDER = /<div class="glimpse-prerendered" data-prerender="([a-z0-9-]+)"><\/div>/g;

/** Marks the first worded label of `copy`'s first chart for Element Timing (which times text). */
function tagPicture(copy: Element): Element {
  const chart = copy.querySelector("svg[role=img], svg[role=grid]");
  const label = [...(chart?.querySelectorAll("text") ?? [])].find((t) => t.textContent?.trim());
  label?.setAttribute("elementtiming", PICTURE_TIMING);
  return copy;
}

/** The Element Timing name of a prerendered chart's first label. */
export const PICTURE_TIMING = "glimpse-picture";

/**
 * Fills every placeholder in `html` with its figure's inert copy (throws on an unknown name), and
 * links `katexStylesheet` (its path from the page) in the head of a page that imports maths.ts.
 */
export async function prerenderPage(
  html: string,
  figures: Record<string, () => Prerendered>,
  katexStylesheet?: string,
) {
  const names = [...html.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const drawn = new Map<string, string>();
  for (const name of names) {
    const make = figures[name];
    if (!make) throw new Error(`prerender: no figure named "${name}" (scripts/prerender-figures.ts)`);
    const figure = make();
    // Parts of a figure are typeset in a task of their own (attention-view.ts's equations).
    await new Promise((resolve) => setTimeout(resolve, 0));
    drawn.set(name, tagPicture(inertCopy(figure.element)).outerHTML);
    figure.dispose();
  }
  let filled = html.replace(
    PLACEHOLDER,
    (_, name: string) => `<div class="glimpse-prerendered" data-prerender="${name}" inert>${drawn.get(name)}</div>`,
  );
  const maths = katexStylesheet !== undefined && /\/components\/maths\.\w+\.js"/.test(html);
  // data-glimpse-katex: the link maths.ts's ensureKatexStylesheet looks for before adding one.
  if (maths)
    filled = filled.replace("</head>", `<link rel="stylesheet" href="${katexStylesheet}" data-glimpse-katex>\n</head>`);
  return { html: filled, names, maths };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? "dist";
  installDom();
  const { PRERENDERED } = await import("./prerender-figures.ts");
  // Where the build copied KaTeX's stylesheet (maths.ts's import.meta.resolve); pages sit at the root.
  const katex = readdirSync(join(dist, "_node"))
    .filter((d) => d.startsWith("katex@"))
    .map((d) => `_node/${d}/dist/katex.min.css`)
    .find((f) => existsSync(join(dist, f)));
  if (!katex) throw new Error(`prerender: no KaTeX stylesheet under ${dist}/_node`);
  const done: string[] = [];
  for (const entry of readdirSync(dist, { recursive: true, encoding: "utf-8" })) {
    if (!entry.endsWith(".html") || entry.includes("/")) continue;
    const file = join(dist, entry);
    const { html, names, maths } = await prerenderPage(readFileSync(file, "utf-8"), PRERENDERED, `./${katex}`);
    writeFileSync(file, html);
    done.push(`${entry}${names.length ? ` (${names.join(", ")})` : ""}${maths ? " +KaTeX CSS" : ""}`);
  }
  console.log(`prerender: ${done.join("; ")} in ${dist}/`);
  // The page objects' timers (a walker, a debounce) would keep Node alive.
  process.exit(0);
}
