// A figure that redraws itself: a chart, its caption (the chart's text alternative) and its
// export buttons, rebuilt when its data changes or its width does. Pages display it once; the
// data comes from a client subscription (watch / every) and the width from the figure's own
// box, so no page cell re-runs while a model trains.
import { exportButtons } from "../export/download.js";
import { figure } from "./page-figures.js";

export interface LiveFigureOptions<T> {
  /** Calls `redraw(value)` now and whenever the data changes; returns the unsubscribe. */
  subscribe(redraw: (value: T) => void): () => void;
  /** The chart for `value` at `width` px, and its caption. */
  draw(value: T, width: number): { chart: Element; caption: string };
  /** The exported file's title. */
  exportName: string;
  /** Widest the chart gets (px). */
  maxWidth?: number;
  document?: Document;
}

export interface LiveFigure {
  element: HTMLElement;
  dispose(): void;
}

export function liveFigure<T>(o: LiveFigureOptions<T>): LiveFigure {
  const doc = o.document ?? document;
  const element = doc.createElement("div");
  element.className = "glimpse-live-figure";
  let chart: Element | null = null;
  let value: T | undefined;
  let has = false;
  let drawnWidth = 0;
  // The box's width as the ResizeObserver last reported it: reading clientWidth after the last
  // redraw's DOM writes forced a layout at every redraw while training (bench: cpu profile).
  let observed = 0;
  const width = () => Math.min(o.maxWidth ?? Infinity, observed || element.clientWidth || 640);
  const slot = doc.createElement("div");
  const buttons = exportButtons(() => {
    const svg = chart?.tagName.toLowerCase() === "svg" ? chart : chart?.querySelector("svg");
    return (svg ?? null) as SVGSVGElement | null;
  }, o.exportName);
  // The ResizeObserver watches an empty full-width line, not the figure: a redraw that changes
  // the figure's height (a caption wrapping differently) then calls no script during rendering.
  const ruler = doc.createElement("div");
  ruler.setAttribute("aria-hidden", "true");
  element.append(ruler, slot, buttons);
  const redraw = () => {
    if (!has) return;
    drawnWidth = width();
    const drawn = o.draw(value as T, drawnWidth);
    chart = drawn.chart;
    slot.replaceChildren(figure(drawn.chart, drawn.caption, doc));
  };
  const stop = o.subscribe((v) => {
    value = v;
    has = true;
    redraw();
  });
  const resize =
    typeof ResizeObserver === "undefined"
      ? undefined
      : new ResizeObserver((entries) => {
          observed = Math.round(entries[entries.length - 1].contentRect.width);
          if (width() !== drawnWidth) redraw();
        });
  resize?.observe(ruler);
  return {
    element,
    dispose: () => {
      stop();
      resize?.disconnect();
    },
  };
}

/** An element whose content `render` rebuilds whenever `subscribe` calls back (tables, findings). */
export function liveElement<T>(
  subscribe: (redraw: (value: T) => void) => () => void,
  render: (value: T) => Node,
  doc: Document = document,
): LiveFigure {
  const element = doc.createElement("div");
  element.className = "glimpse-live";
  const stop = subscribe((value) => element.replaceChildren(render(value)));
  return { element, dispose: stop };
}
