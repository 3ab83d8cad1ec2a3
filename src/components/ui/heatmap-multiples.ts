// Small multiples of attention matrices, one per model, for the same probe sentence. Built
// once; `update` redraws each matrix in place (redrawAttentionHeatmap: new weights, new output
// characters, rows added or removed) and draws a new one only when its columns changed, so
// redrawing while several models train touches attributes and a few rows, not the DOM tree.
// Each matrix is redrawn in a task of its own, never in the caller's (a worker's message, where
// the state is folded): six of them in that task took 50–92 ms on a 2-core machine busy with
// the race.
import { redrawAttentionHeatmap, type AttentionHeatmapOptions } from "../charts/attentionHeatmap.js";
import type { Translation } from "../model/index.js";

export interface Multiple {
  id: string;
  /** Title above the matrix, e.g. "dot (Luong)". */
  label: string;
  translation?: Translation;
  /** Which matrix of the translation to draw: α (default) or hard attention's picks. */
  show?: "weights" | "picks";
  /** Shown instead of a matrix when there is nothing to draw yet. */
  empty?: string;
}

interface Slot {
  figure: HTMLElement;
  title: HTMLElement;
  body: HTMLElement;
  /** The chart shown. */
  svg?: SVGSVGElement;
  /**
   * The last chart, taken off the page while there is nothing to show (a run just started):
   * the first evaluation redraws it in place instead of building it anew, which was the
   * longest task of a race's start.
   */
  spare?: SVGSVGElement;
}

export interface HeatmapMultiples {
  element: HTMLElement;
  update(multiples: Multiple[]): void;
  /** The current chart of one model (for export buttons). */
  chart(id: string): SVGSVGElement | undefined;
}

export interface HeatmapMultiplesOptions {
  cellSize?: number;
  /**
   * Runs deferred drawing: each matrix that changed (all of them at every evaluation of a race)
   * is drawn in a later task of its own, one after the other. Default: a timer task about a
   * frame later (never a requestAnimationFrame callback, which would run inside the frame's
   * rendering task); at once where there is no window.
   */
  defer?: (job: () => void) => void;
  document?: Document;
}

export function heatmapMultiples(options: HeatmapMultiplesOptions = {}): HeatmapMultiples {
  const doc = options.document ?? document;
  const browser = typeof (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame === "function";
  const defer = options.defer ?? (browser ? (job: () => void) => void setTimeout(job, 20) : (job: () => void) => job());
  // At most one deferred draw per matrix (the latest data), run one per deferral, in order,
  // chained so each gets a task (a frame) of its own.
  const pending = new Map<string, () => void>();
  let pumping = false;
  const pump = () => {
    const next = pending.entries().next();
    if (next.done) {
      pumping = false;
      return;
    }
    const [id, job] = next.value;
    pending.delete(id);
    job();
    defer(pump);
  };
  const later = (id: string, job: () => void) => {
    pending.set(id, job);
    if (!pumping) {
      pumping = true;
      defer(pump);
    }
  };
  const element = doc.createElement("div");
  element.className = "glimpse-multiples";
  const slots = new Map<string, Slot>();

  function slotFor(m: Multiple): Slot {
    let slot = slots.get(m.id);
    if (!slot) {
      const figure = doc.createElement("figure");
      figure.className = "glimpse-multiple";
      figure.dataset.model = m.id;
      const title = doc.createElement("figcaption");
      const body = doc.createElement("div");
      figure.append(title, body);
      slot = { figure, title, body };
      slots.set(m.id, slot);
    }
    return slot;
  }

  function update(multiples: Multiple[]): void {
    const wanted = new Set(multiples.map((m) => m.id));
    for (const [id, slot] of slots) {
      if (!wanted.has(id)) {
        slot.figure.remove();
        slots.delete(id);
        pending.delete(id);
      }
    }
    multiples.forEach((m, i) => {
      const slot = slotFor(m);
      if (element.children[i] !== slot.figure) element.insertBefore(slot.figure, element.children[i] ?? null);
      if (slot.title.textContent !== m.label) slot.title.textContent = m.label;
      const t = m.translation;
      const matrix = m.show === "picks" ? t?.picks : t?.weights;
      if (!t || !matrix || matrix.length === 0) {
        pending.delete(m.id);
        slot.spare = slot.svg ?? slot.spare;
        slot.svg = undefined;
        slot.body.replaceChildren(doc.createTextNode(m.empty ?? "No attention to show yet."));
        return;
      }
      const o = chartOptions(m, t);
      later(m.id, () => draw(slot, matrix, o));
    });
  }

  function chartOptions(m: Multiple, t: Translation): AttentionHeatmapOptions {
    return {
      sources: t.sourceTokens,
      targets: t.outputTokens,
      scores: m.show === "picks" ? undefined : t.scores,
      mode: m.show === "picks" ? "hard" : "soft",
      cellSize: options.cellSize ?? 14,
      label: `${m.label}: ${m.show === "picks" ? "sampled picks" : "attention weights"} for "${t.source}"`,
      document: doc,
    };
  }

  function draw(slot: Slot, matrix: number[][], o: AttentionHeatmapOptions): void {
    const svg = redrawAttentionHeatmap(slot.svg ?? slot.spare, matrix, o);
    if (svg.parentNode !== slot.body) slot.body.replaceChildren(svg);
    slot.svg = svg;
    slot.spare = undefined;
  }

  return { element, update, chart: (id) => slots.get(id)?.svg };
}
