// The DOM the build draws the prerendered figures in (scripts/prerender.ts), and the inert copy
// of a figure that goes into the built page. jsdom rather than the tests' linkedom: the page
// objects build their controls with Observable Inputs, which needs forms as browsers have them.
import { JSDOM } from "jsdom";

/**
 * Makes a jsdom window the global one (document, window, location, the DOM classes), as the
 * page modules expect in a browser. Call before importing them; returns the window.
 */
export function installDom(url = "http://localhost/"): Window {
  const { window } = new JSDOM("<!doctype html><html><head></head><body><main></main></body></html>", {
    url,
    pretendToBeVisual: true,
  });
  const g = globalThis as Record<string, unknown>;
  const w = window as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(window)) {
    // DOM classes (Node, HTMLElement, NodeList…) and the few globals the modules read.
    if (key in g) continue;
    if (/^[A-Z]/.test(key) || ["document", "location", "history", "localStorage", "matchMedia"].includes(key)) {
      g[key] = w[key];
    }
  }
  g.window = window;
  return window as unknown as Window;
}

/** Attributes a live figure needs and its still copy must not carry. */
const LIVE_ONLY = /^(id|for|tabindex|role|contenteditable|aria-(?!hidden$).*|data-.*)$/;

/**
 * A still copy of a figure for the built HTML: the same drawing, nothing focusable or
 * announced twice (no ids, tab stops, grid roles or per-cell labels, controls disabled).
 * Each chart stays an image with its text alternative: `role="img"` and its `aria-label`.
 */
export function inertCopy(figure: Element): Element {
  const copy = figure.cloneNode(true) as Element;
  const originals = [figure, ...figure.querySelectorAll("*")];
  for (const [i, node] of [copy, ...copy.querySelectorAll("*")].entries()) {
    // A text box's words are its value, which markup holds only as the value attribute.
    const original = originals[i];
    if (original instanceof HTMLInputElement && original.type === "text") node.setAttribute("value", original.value);
    const chart = node.tagName.toLowerCase() === "svg" && node.hasAttribute("aria-label");
    const label = chart ? node.getAttribute("aria-label") : null;
    for (const { name } of [...node.attributes]) if (LIVE_ONLY.test(name)) node.removeAttribute(name);
    if (chart) (node.setAttribute("role", "img"), node.setAttribute("aria-label", label!));
    if (/^(button|input|select|textarea)$/i.test(node.tagName)) node.setAttribute("disabled", "");
  }
  return copy;
}
