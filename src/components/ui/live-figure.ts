// A figure that redraws itself: a chart, its caption (the chart's text alternative) and its
// export buttons, rebuilt when its data changes or its width does (or the chart redrawn in
// place and the caption's text changed, where the chart allows it). Pages display it once; the
// data comes from a client subscription (watch / every) and the width from the figure's own
// box, so no page cell re-runs while a model trains.
import { exportButtons } from "../export/download.js";
import { FIGURE_WIDTH, figure } from "./page-figures.js";

export interface LiveFigureOptions<T> {
  /** Calls `redraw(value)` now and whenever the data changes; returns the unsubscribe. */
  subscribe(redraw: (value: T) => void): () => void;
  /**
   * The chart for `value` at `width` px, and its caption. `previous` is the chart shown now
   * (null at first): return it, redrawn in place, to keep the figure and only change its
   * caption's text (a chart that redraws while a model trains).
   */
  draw(value: T, width: number, previous: Element | null): { chart: Element; caption: string };
  /** The exported file's title. */
  exportName: string;
  document?: Document;
}

export interface LiveFigure {
  element: HTMLElement;
  dispose(): void;
}

/**
 * An empty full-width line whose width a ResizeObserver reports: figures read their width from
 * it instead of clientWidth after their own DOM writes (a forced layout at every redraw while
 * training), and it is not the figure itself, whose height changes at a redraw (a caption
 * wrapping differently), so no script runs during rendering. `width()`: the last width
 * reported, else the line's clientWidth; `onResize` runs after each report.
 */
export function widthRuler(
  doc: Document = document,
  onResize?: () => void,
): { element: HTMLElement; width(): number; dispose(): void } {
  const element = doc.createElement("div");
  element.setAttribute("aria-hidden", "true");
  let observed = 0;
  const resize =
    typeof ResizeObserver === "undefined"
      ? undefined
      : new ResizeObserver((entries) => {
          observed = Math.round(entries[entries.length - 1].contentRect.width);
          onResize?.();
        });
  resize?.observe(element);
  return { element, width: () => observed || element.clientWidth, dispose: () => resize?.disconnect() };
}

/** The width to draw a figure's chart at: its column's, never wider than the figure shows it. */
export const chartWidth = (ruler: { width(): number }) => Math.min(FIGURE_WIDTH, ruler.width() || FIGURE_WIDTH);

export function liveFigure<T>(o: LiveFigureOptions<T>): LiveFigure {
  const doc = o.document ?? document;
  const element = doc.createElement("div");
  element.className = "glimpse-live-figure";
  let chart: Element | null = null;
  let caption: HTMLElement | null = null;
  let value: T | undefined;
  let has = false;
  let drawnWidth = 0;
  const ruler = widthRuler(doc, () => width() !== drawnWidth && redraw());
  const width = () => chartWidth(ruler);
  const slot = doc.createElement("div");
  const buttons = exportButtons(
    () => {
      const svg = chart?.tagName.toLowerCase() === "svg" ? chart : chart?.querySelector("svg");
      return (svg ?? null) as SVGSVGElement | null;
    },
    o.exportName,
    { document: doc },
  );
  element.append(ruler.element, slot, buttons);
  const redraw = () => {
    if (!has) return;
    drawnWidth = width();
    const drawn = o.draw(value as T, drawnWidth, chart);
    if (drawn.chart === chart && caption) {
      if (caption.textContent !== drawn.caption) caption.textContent = drawn.caption;
      return;
    }
    chart = drawn.chart;
    const shown = figure(drawn.chart, drawn.caption, doc);
    caption = shown.querySelector("figcaption");
    slot.replaceChildren(shown);
  };
  const stop = o.subscribe((v) => {
    value = v;
    has = true;
    redraw();
  });
  return {
    element,
    dispose: () => {
      stop();
      ruler.dispose();
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
