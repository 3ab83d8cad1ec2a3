// KaTeX for the pages, self-hosted. Framework's built-in `tex` loads KaTeX from a CDN,
// which breaks the offline build (shared/STACK.md), so pages import these instead:
//
//   import {tex} from "./components/maths.js";
//   The context vector ${tex`c_t`} ...      (inline)
//   ${tex.block`c_t = \sum_j \alpha_{t,j} h_j`}   (display)
import katex from "katex";

// Framework copies a file into dist/ only when it sees import.meta.resolve with a string
// literal. katex.min.css is copied to _node/katex@<version>/dist/ and finds its fonts
// through url(fonts/...), so each font must land at _node/katex@<version>/dist/fonts/.
// Only .woff2 is listed: the stylesheet names it first and every browser we support
// reads it, so the .woff and .ttf fallbacks are never requested.
export const KATEX_STYLESHEET = import.meta.resolve("katex/dist/katex.min.css");
export const KATEX_FONTS = [
  import.meta.resolve("katex/dist/fonts/KaTeX_AMS-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Caligraphic-Bold.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Caligraphic-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Fraktur-Bold.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Fraktur-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Main-Bold.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Main-BoldItalic.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Main-Italic.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Main-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Math-BoldItalic.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Math-Italic.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_SansSerif-Bold.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_SansSerif-Italic.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_SansSerif-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Script-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Size1-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Size2-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Size3-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Size4-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Typewriter-Regular.woff2"),
];

export interface TexOptions {
  /** Display (centred, own line) rather than inline. */
  displayMode?: boolean;
  /** Document to build elements with; lets Node tests pass a DOM shim. */
  document?: Document;
}

/** Joins a tagged template's raw strings and values into TeX source. Raw strings keep
 * backslashes as written, so `\alpha` needs no escaping. */
export function texSource(strings: TemplateStringsArray | readonly string[], values: readonly unknown[]): string {
  const raw = "raw" in strings ? (strings as TemplateStringsArray).raw : strings;
  let source = raw[0] ?? "";
  for (let i = 0; i < values.length; i++) source += String(values[i]) + (raw[i + 1] ?? "");
  return source;
}

/** TeX source to KaTeX HTML (with MathML for screen readers). A typo renders in red
 * (class katex-error) instead of breaking the page; browser tests look for it. */
export function texToHtml(source: string, displayMode = false): string {
  return katex.renderToString(source, { displayMode, throwOnError: false, output: "htmlAndMathml" });
}

/** Adds KaTeX's stylesheet to the page once. */
export function ensureKatexStylesheet(doc: Document = document): void {
  if (doc.querySelector("link[data-glimpse-katex]")) return;
  const link = doc.createElement("link");
  link.rel = "stylesheet";
  link.href = KATEX_STYLESHEET;
  link.setAttribute("data-glimpse-katex", "");
  doc.head.append(link);
}

/** The element holding a formula: a span inline, a scrollable div in display mode. */
const holder = (displayMode: boolean) =>
  displayMode ? { tag: "div", className: "glimpse-math-block" } : { tag: "span", className: "glimpse-math" };

/** Renders TeX source to an element: a span inline, a scrollable div in display mode. */
export function renderTex(
  source: string,
  { displayMode = false, document: doc = document }: TexOptions = {},
): HTMLElement {
  ensureKatexStylesheet(doc);
  const { tag, className } = holder(displayMode);
  const element = doc.createElement(tag);
  element.className = className;
  element.innerHTML = texToHtml(source, displayMode);
  return element;
}

/** renderTex's element as markup, for formulas typeset when a page is built (scripts/static-tex.ts). */
export function texMarkup(source: string, displayMode = false): string {
  const { tag, className } = holder(displayMode);
  return `<${tag} class="${className}">${texToHtml(source, displayMode)}</${tag}>`;
}

type TexTag = (strings: TemplateStringsArray, ...values: unknown[]) => HTMLElement;

/** Inline maths as a tagged template; `tex.block` gives display maths. */
export const tex: TexTag & { block: TexTag } = Object.assign(
  (strings: TemplateStringsArray, ...values: unknown[]) => renderTex(texSource(strings, values)),
  {
    block: (strings: TemplateStringsArray, ...values: unknown[]) =>
      renderTex(texSource(strings, values), { displayMode: true }),
  },
);

/** Display maths from a plain string, for formulas assembled in code. */
export function displayMath(source: string, options: Omit<TexOptions, "displayMode"> = {}): HTMLElement {
  return renderTex(source, { ...options, displayMode: true });
}
