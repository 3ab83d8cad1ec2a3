// Prettier for the pages' JavaScript: formats every ```js block of src/**/*.md with the
// repository's prettier config, leaving the Markdown around it as written (prettier's own
// Markdown printer would rewrite the pages' ${...} expressions and HTML, so .prettierignore
// keeps it off src/**/*.md).
//
//   node --import tsx scripts/format-pages.ts --check   (lists pages whose JS is not formatted; exit 1)
//   node --import tsx scripts/format-pages.ts --write   (formats them in place)
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as prettier from "prettier";

const ROOT = new URL("..", import.meta.url).pathname;

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith(".") ? [] : pages(path);
    return e.name.endsWith(".md") ? [path] : [];
  });
}

/** The page with each ```js block's code formatted; throws with the page and line on a syntax error. */
export async function formatPage(text: string, file: string): Promise<string> {
  const options = { ...((await prettier.resolveConfig(file)) ?? {}), parser: "babel" };
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    if (!/^```js\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const code = lines.slice(start, end).join("\n");
    try {
      const formatted = await prettier.format(code, options);
      out.push(
        ...formatted
          .replace(/\n$/, "")
          .split("\n")
          .filter((line, k, all) => all.length > 1 || line),
      );
    } catch (e) {
      throw new Error(`${file}:${start + 1}: ${e instanceof Error ? e.message.split("\n")[0] : e}`);
    }
    i = end - 1;
  }
  return out.join("\n");
}

const write = process.argv.includes("--write");
let unformatted = 0;
for (const file of pages(join(ROOT, "src"))) {
  const text = readFileSync(file, "utf8");
  const formatted = await formatPage(text, file);
  if (formatted === text) continue;
  if (write) writeFileSync(file, formatted);
  else unformatted++;
  console.log(`${write ? "formatted" : "[warn]"} ${relative(ROOT, file)}`);
}
if (unformatted > 0) {
  console.log(`Page JavaScript not formatted in ${unformatted} file(s): npm run format fixes it.`);
  process.exitCode = 1;
}
