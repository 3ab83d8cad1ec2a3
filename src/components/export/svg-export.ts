/**
 * A chart as a file that stands alone: outside the page there is no stylesheet, so theme
 * variables and currentColor are resolved to the colours the reader sees now, and the
 * background is painted. DOM-only (no canvas), so Node tests can run it with linkedom.
 */
import { SVG_NS } from "../charts/common.js";

export interface ExportTheme {
  foreground: string;
  background: string;
  fontFamily: string;
  /** The value of a CSS custom property (e.g. "--theme-foreground"), or "" if unset. */
  resolveVar(name: string): string;
}

const VAR = /var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\)[^()]*)*))?\)/g;

/** Replaces var(--x, fallback) with the theme's value (or the fallback). */
export function resolveVars(text: string, theme: ExportTheme): string {
  let out = text;
  // Fallbacks can themselves hold var(); a few passes resolve any realistic nesting.
  for (let i = 0; i < 4 && out.includes("var("); i++) {
    out = out.replace(
      VAR,
      (_, name: string, fallback?: string) => theme.resolveVar(name).trim() || (fallback ?? "").trim(),
    );
  }
  return out;
}

/** Serialises a chart to standalone SVG text. */
export function standaloneSvg(svg: SVGSVGElement, theme: ExportTheme): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", SVG_NS);
  copy.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  const width = svg.getAttribute("width") ?? "";
  const height = svg.getAttribute("height") ?? "";
  if (!copy.getAttribute("viewBox") && width && height) copy.setAttribute("viewBox", `0 0 ${width} ${height}`);
  for (const el of [copy, ...Array.from(copy.querySelectorAll("*"))]) {
    for (const attr of Array.from(el.attributes)) {
      if (attr.value.includes("var(")) el.setAttribute(attr.name, resolveVars(attr.value, theme));
    }
    // Interactive state does not belong in a picture.
    el.removeAttribute("tabindex");
  }
  copy.setAttribute(
    "style",
    `color:${theme.foreground};font-family:${theme.fontFamily};background:${theme.background}`,
  );
  const doc = svg.ownerDocument;
  const bg = doc.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", theme.background);
  copy.insertBefore(bg, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${copy.outerHTML}`;
}

/** File names from chart titles: lowercase words joined by dashes, nothing a filesystem dislikes. */
export function fileName(title: string, extension: string): string {
  const base =
    title
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "glimpse-chart";
  return `${base}.${extension}`;
}
