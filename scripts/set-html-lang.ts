// Framework 1.13 writes <html> with no lang attribute. Screen readers pick a voice from it,
// so the build stamps lang="en" into every built page (observablehq.config.ts also sets it
// at run time, which covers the dev server).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dist = process.argv[2] ?? "dist";
let count = 0;
for (const entry of readdirSync(dist, { recursive: true, encoding: "utf-8" })) {
  if (!entry.endsWith(".html")) continue;
  const file = join(dist, entry);
  const html = readFileSync(file, "utf-8");
  const stamped = html.replace(/<html(?![^>]*\blang=)>/, '<html lang="en">');
  if (stamped !== html) (writeFileSync(file, stamped), count++);
}
console.log(`set-html-lang: lang="en" on ${count} page(s) in ${dist}/`);
