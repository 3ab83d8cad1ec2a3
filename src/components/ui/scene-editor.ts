// "Draw your own" for the captioner: pick a colour and a shape, then click (or press Enter or
// Space on) a cell of a 4 × 4 board to place it there; the same on a filled cell removes it.
// The board is an SVG of focusable buttons; `scene()` is the Scene the model will read.
import { COLOUR_NAMES, COLOURS, SHAPE_KINDS, type Scene, type SceneShape } from "../tasks/scenes.js";
import { pixelRuns } from "../charts/captionAttention.js";

const SVG = "http://www.w3.org/2000/svg";
const BOARD = 4;

export interface SceneEditor {
  element: HTMLElement;
  scene(): Scene;
  /** Called after every change. */
  onChange(listener: () => void): void;
}

export function sceneEditor(initial: SceneShape[], imageSize: number, doc: Document = document): SceneEditor {
  const cell = imageSize / BOARD;
  const size = Math.round(cell);
  const shapes = new Map<number, SceneShape>();
  for (const s of initial) {
    const k = Math.min(BOARD - 1, Math.floor(s.y / cell)) * BOARD + Math.min(BOARD - 1, Math.floor(s.x / cell));
    shapes.set(k, { ...s, x: (k % BOARD) * cell + cell / 2, y: Math.floor(k / BOARD) * cell + cell / 2, size });
  }
  const listeners: (() => void)[] = [];
  const element = doc.createElement("div");
  element.className = "glimpse-scene-editor";
  const pick = (label: string, options: readonly string[]) => {
    const l = doc.createElement("label");
    l.textContent = `${label} `;
    const select = doc.createElement("select");
    for (const o of options) select.append(new Option(o, o));
    l.append(select);
    return { label: l, select };
  };
  const colour = pick("Colour", COLOUR_NAMES);
  const shape = pick("Shape", SHAPE_KINDS);
  colour.select.value = "red";
  shape.select.value = "circle";
  const tools = doc.createElement("div");
  tools.className = "glimpse-scene-tools";
  tools.append(colour.label, shape.label);

  const px = 40;
  const board = doc.createElementNS(SVG, "svg") as SVGSVGElement;
  board.setAttribute("viewBox", `0 0 ${imageSize} ${imageSize}`);
  board.setAttribute("width", String(BOARD * px));
  board.setAttribute("height", String(BOARD * px));
  board.setAttribute("role", "group");
  board.setAttribute(
    "aria-label",
    "Your picture: a 4 by 4 board; each cell is a button that places or removes a shape",
  );
  const pixels = doc.createElementNS(SVG, "g");
  const cells = doc.createElementNS(SVG, "g");
  const bg = doc.createElementNS(SVG, "rect");
  bg.setAttribute("width", String(imageSize));
  bg.setAttribute("height", String(imageSize));
  bg.setAttribute("fill", "white");
  board.append(bg, pixels, cells);

  const scene = (): Scene => ({ imageSize, shapes: [...shapes.values()] });
  const describe = (k: number) => {
    const s = shapes.get(k);
    const where = `Row ${Math.floor(k / BOARD) + 1}, column ${(k % BOARD) + 1}`;
    return s
      ? `${where}: ${s.colour} ${s.shape} (press to remove)`
      : `${where}: empty (press to place a ${colour.select.value} ${shape.select.value})`;
  };
  const buttons: SVGRectElement[] = [];
  const draw = () => {
    pixels.replaceChildren(
      ...pixelRuns(scene()).map((r) => {
        const rect = doc.createElementNS(SVG, "rect");
        rect.setAttribute("x", String(r.x));
        rect.setAttribute("y", String(r.y));
        rect.setAttribute("width", String(r.width + 0.05));
        rect.setAttribute("height", "1.05");
        rect.setAttribute("fill", r.fill);
        return rect;
      }),
    );
    buttons.forEach((b, k) => b.setAttribute("aria-label", describe(k)));
  };
  const toggle = (k: number) => {
    if (shapes.has(k)) shapes.delete(k);
    else
      shapes.set(k, {
        shape: shape.select.value as SceneShape["shape"],
        colour: colour.select.value as SceneShape["colour"],
        x: (k % BOARD) * cell + cell / 2,
        y: Math.floor(k / BOARD) * cell + cell / 2,
        size,
      });
    draw();
    for (const l of listeners) l();
  };
  for (let k = 0; k < BOARD * BOARD; k++) {
    const r = doc.createElementNS(SVG, "rect") as SVGRectElement;
    r.setAttribute("x", String((k % BOARD) * cell));
    r.setAttribute("y", String(Math.floor(k / BOARD) * cell));
    r.setAttribute("width", String(cell));
    r.setAttribute("height", String(cell));
    r.setAttribute("fill", "transparent");
    r.setAttribute("stroke", "#888");
    r.setAttribute("stroke-width", "0.15");
    r.setAttribute("role", "button");
    r.setAttribute("tabindex", "0");
    r.setAttribute("class", "glimpse-scene-cell");
    r.dataset.cell = String(k);
    r.addEventListener("click", () => toggle(k));
    r.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        toggle(k);
      }
    });
    buttons.push(r);
    cells.append(r);
  }
  for (const s of [colour.select, shape.select]) s.addEventListener("change", draw);
  draw();
  const swatch = doc.createElement("span");
  swatch.className = "glimpse-scene-swatch";
  const paint = () =>
    (swatch.style.background = `rgb(${COLOURS[colour.select.value as SceneShape["colour"]].map((v) => Math.round(v * 255)).join(",")})`);
  colour.select.addEventListener("change", paint);
  paint();
  colour.label.append(swatch);
  element.append(tools, board);
  return { element, scene, onChange: (l) => listeners.push(l) };
}
