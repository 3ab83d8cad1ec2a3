// Build step (npm run build, after prerender.ts): Framework lists every module a page imports as
// <link rel="modulepreload"> in its head (33–74 a page). The browser then fetches and compiles
// them while it parses and lays out the page: on the 2-core build machine the prerendered picture
// came 1.10–1.19 s after navigation with them in the head, 0.64–0.98 s with them moved here
// (interleaved first visits, docs/architecture.md "The first paint comes from the build").
// The hints move into one script at the end of <body>, which adds them once the HTML is parsed:
// the modules still load in parallel rather than one import level at a time (which a distant
// host would pay a round trip each for), but after the first screen is laid out.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PRELOAD = /<link rel="modulepreload" href="([^"]+)">\n?/g;

/** `html` with its modulepreload links moved into a script before </body>; `count` links moved. */
export function deferModulePreloads(html: string): { html: string; count: number } {
  const hrefs = [...html.matchAll(PRELOAD)].map((m) => m[1]);
  if (!hrefs.length || !html.includes("</body>")) return { html, count: 0 };
  const script =
    `<script>for (const href of ${JSON.stringify(hrefs)}) ` +
    `document.head.append(Object.assign(document.createElement("link"), { rel: "modulepreload", href }));</script>\n`;
  return { html: html.replace(PRELOAD, "").replace("</body>", `${script}</body>`), count: hrefs.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? "dist";
  const done: string[] = [];
  for (const entry of readdirSync(dist, { recursive: true, encoding: "utf-8" })) {
    if (!entry.endsWith(".html")) continue;
    const file = join(dist, entry);
    const { html, count } = deferModulePreloads(readFileSync(file, "utf-8"));
    if (count) (writeFileSync(file, html), done.push(`${entry} (${count})`));
  }
  console.log(`defer-preloads: ${done.join(", ")} in ${dist}/`);
}
