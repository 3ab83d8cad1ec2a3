/** Browser side of export: read the page's theme, rasterise SVG to PNG, save files. */
import { standaloneSvg, fileName, type ExportTheme } from "./svg-export.js";

export function themeOf(el: Element): ExportTheme {
  const style = getComputedStyle(el);
  const root = getComputedStyle(document.documentElement);
  let bg = style.backgroundColor;
  // Walk up to the first painted ancestor: the chart itself is usually transparent.
  for (let node: Element | null = el; node && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); node = node.parentElement) {
    bg = getComputedStyle(node).backgroundColor;
  }
  if (/rgba\(0, 0, 0, 0\)|transparent/.test(bg)) bg = root.backgroundColor || "white";
  return {
    foreground: style.color,
    background: bg,
    fontFamily: style.fontFamily,
    resolveVar: (name) => style.getPropertyValue(name) || root.getPropertyValue(name),
  };
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function svgBlob(svg: SVGSVGElement): Blob {
  return new Blob([standaloneSvg(svg, themeOf(svg))], { type: "image/svg+xml" });
}

/** Draws the standalone SVG onto a canvas at `scale` (2 = sharp on projectors and slides). */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const box = svg.viewBox.baseVal;
  const width = box?.width || svg.clientWidth || Number(svg.getAttribute("width")) || 640;
  const height = box?.height || svg.clientHeight || Number(svg.getAttribute("height")) || 400;
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const img = new Image();
    img.width = width;
    img.height = height;
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("The chart could not be drawn as an image."));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("This browser cannot draw to a canvas.");
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed."))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * "SVG" and "PNG" buttons for a chart; `chart()` returns the chart as it is now. `label`
 * names the chart beside the buttons, for figures that show several charts at once.
 */
export function exportButtons(
  chart: () => SVGSVGElement | null | undefined,
  title: string,
  { label, document: doc = document }: { label?: string; document?: Document } = {},
): HTMLElement {
  const bar = doc.createElement("div");
  bar.className = "export-buttons";
  if (label) {
    const name = doc.createElement("span");
    name.className = "export-label";
    name.textContent = `${label}:`;
    bar.append(name);
  }
  const button = (label: string, action: (svg: SVGSVGElement) => Promise<void> | void) => {
    const b = doc.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.setAttribute("aria-label", `Download “${title}” as ${label}`);
    b.addEventListener("click", async () => {
      const svg = chart();
      if (!svg) return;
      b.disabled = true;
      try {
        await action(svg);
      } catch (e) {
        b.title = (e as Error).message;
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };
  bar.append(
    button("SVG", (svg) => saveBlob(svgBlob(svg), fileName(title, "svg"))),
    button("PNG", async (svg) => saveBlob(await pngBlob(svg), fileName(title, "png"))),
  );
  return bar;
}
