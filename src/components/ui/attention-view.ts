// The attention page's main picture: the probe's attention matrix, a decoder-step walker and
// the equations of the step in focus with the model's own numbers in them. Made once per page;
// update() redraws the matrix in place (redrawAttentionHeatmap: new weights, new output
// characters, rows added or removed; training redraws it at every evaluation), so a redraw
// costs attributes and a few rows, not a new DOM tree.
import { redrawAttentionHeatmap, updateAttentionHeatmap, type HeatmapCell } from "../charts/attentionHeatmap.js";
import { displayChar } from "../charts/common.js";
import { displayMath } from "../maths.js";
import type { Translation } from "../model/index.js";

export interface AttentionView {
  element: HTMLElement;
  /** The current chart (for export). */
  svg(): SVGSVGElement | null;
  /** Shows a new translation of the probe (undefined: nothing measured yet). */
  update(t: Translation | undefined, label: string): void;
  /** Moves the decoder-step walker; wraps around. */
  step(delta: number): void;
  /** Starts or stops walking the steps. */
  toggleWalk(): void;
  dispose(): void;
}

/** The decoder's end-of-sentence token (inference.ts). */
const END = "</s>";
const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "?");

/** A positive number for TeX, in scientific notation when it is large or small (2.76 × 10⁶). */
export function texNumber(x: number): string {
  if (!Number.isFinite(x)) return "\\infty";
  if (x !== 0 && (Math.abs(x) >= 1e4 || Math.abs(x) < 1e-2)) {
    const [mantissa, exponent] = x.toExponential(2).split("e");
    return `${mantissa} \\times 10^{${Number(exponent)}}`;
  }
  return fmt(x);
}

/** Indices of row's largest entries, largest first. */
function top(row: readonly number[], k: number): number[] {
  return row
    .map((_, j) => j)
    .sort((a, b) => row[b] - row[a])
    .slice(0, k);
}

/** c_t = 0.91·h_3 + 0.05·h_2 + … with the row's largest weights (1-based positions). */
export function contextEquation(weights: readonly number[], t: number, terms = 3): string {
  const best = top(weights, terms);
  const rest = weights.reduce((a, w, j) => (best.includes(j) ? a : a + w), 0);
  const parts = best.map((j) => `${fmt(weights[j])}\\,h_{${j + 1}}`);
  const tail = best.length < weights.length ? ` + \\underbrace{\\cdots}_{${fmt(rest)}\\text{ in all}}` : "";
  return `c_{${t + 1}} = \\sum_j \\alpha_{${t + 1},j}\\, h_j = ${parts.join(" + ")}${tail}`;
}

/** α_tj = exp(e_tj) / Σ_k exp(e_tk) with the cell's numbers. */
export function weightEquation(cell: HeatmapCell, scores: readonly number[] | undefined): string {
  const t = cell.row + 1;
  const j = cell.col + 1;
  const e = cell.score ?? scores?.[cell.col];
  if (e === undefined || !scores) return `\\alpha_{${t},${j}} = ${fmt(cell.weight)}`;
  const m = Math.max(...scores);
  const denom = scores.reduce((a, s) => a + Math.exp(s - m), 0);
  return `e_{${t},${j}} = ${fmt(e)}, \\qquad \\alpha_{${t},${j}} = \\frac{\\exp e_{${t},${j}}}{\\sum_k \\exp e_{${t},k}} = \\frac{\\exp(${fmt(e)})}{${texNumber(denom * Math.exp(m))}} = ${fmt(cell.weight)}`;
}

export function attentionView(options: { width: () => number; document?: Document }): AttentionView {
  const doc = options.document ?? document;
  const element = doc.createElement("div");
  element.className = "glimpse-attention-view";
  const chart = doc.createElement("div");
  chart.className = "glimpse-attention-chart";
  const walker = doc.createElement("div");
  walker.className = "glimpse-walker";
  const button = (text: string, label: string, onClick: () => void) => {
    const b = doc.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    walker.append(b);
    return b;
  };
  button("◀", "Previous decoder step", () => view.step(-1));
  const walk = button("Walk the steps", "Walk through the decoder steps", () => view.toggleWalk());
  walk.className = "glimpse-walk";
  // Its visible words are its name (axe: label-content-name-mismatch); aria-pressed says whether it walks.
  walk.removeAttribute("aria-label");
  walk.title = "Walk through the decoder steps";
  button("▶", "Next decoder step", () => view.step(1));
  const detail = doc.createElement("div");
  detail.className = "glimpse-step-detail";
  detail.setAttribute("aria-live", "polite");
  const caption = doc.createElement("p");
  caption.className = "glimpse-attention-caption";
  element.append(chart, walker, detail, caption);

  let svg: SVGSVGElement | null = null;
  let current: Translation | undefined;
  let row = 0;
  let focused: HeatmapCell | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;

  // The last equations typeset, by TeX source: late in training an evaluation often leaves the
  // two-decimal weights as they were, and KaTeX need not typeset the same equation again.
  let typesetCache = new Map<string, HTMLElement>();
  function typeset(source: string): HTMLElement {
    const element = typesetCache.get(source) ?? displayMath(source, { document: doc });
    typesetCache.set(source, element);
    return element;
  }

  function explain(): void {
    const t = current;
    if (!t?.weights?.length) {
      detail.replaceChildren();
      return;
    }
    row = Math.min(row, t.weights.length - 1);
    const weights = t.weights[row];
    const out = t.outputTokens[row] ?? "";
    const best = top(weights, 2);
    const p = doc.createElement("p");
    const where = best
      .map((j) => `“${displayChar(t.sourceTokens[j] ?? "")}” at position ${j + 1} (α = ${fmt(weights[j])})`)
      .join(" and ");
    p.textContent = `Step ${row + 1}: the decoder looks mostly at ${where}, and writes ${out === END ? "the end-of-sentence mark" : `“${displayChar(out)}”`}.`;
    const nodes: Node[] = [p, typeset(contextEquation(weights, row))];
    if (focused && focused.row === row) nodes.push(typeset(weightEquation(focused, t.scores?.[row])));
    detail.replaceChildren(...nodes);
    typesetCache = new Map([...typesetCache].filter(([, e]) => nodes.includes(e)));
    if (svg) updateAttentionHeatmap(svg, t.weights, { highlight: { row } });
  }

  function draw(t: Translation | undefined, label: string): void {
    if (!t?.weights?.length) {
      chart.replaceChildren();
      svg = null;
      caption.textContent = "No attention measured yet: the first picture appears at the first evaluation.";
      return;
    }
    const next = redrawAttentionHeatmap(svg, t.weights, {
      sources: t.sourceTokens,
      targets: t.outputTokens.map((c) => (c === END ? "end" : c)),
      scores: t.scores,
      width: options.width(),
      label,
      highlight: { row },
      onFocusCell: (cell) => {
        focused = cell;
        row = cell.row;
        explain();
      },
      document: doc,
    });
    if (next !== svg) chart.replaceChildren(next);
    svg = next;
    caption.textContent = `${label}: rows are the output characters, columns the input characters; a dark cell means the decoder weighted that input heavily when writing that output. Output: “${t.output}”.`;
  }

  const view: AttentionView = {
    element,
    svg: () => svg,
    update(t, label) {
      current = t;
      draw(t, label);
      // The equations (KaTeX) are typeset in a task of their own, so a redraw while training
      // never adds their cost to the matrix's in one long main-thread task.
      clearTimeout(pending);
      pending = setTimeout(explain, 0);
    },
    step(delta) {
      const n = current?.weights?.length ?? 0;
      if (n === 0) return;
      row = (row + delta + n) % n;
      focused = undefined;
      explain();
    },
    toggleWalk() {
      if (timer) {
        clearInterval(timer);
        timer = undefined;
      } else {
        timer = setInterval(() => view.step(1), 900);
      }
      walk.textContent = timer ? "Stop walking" : "Walk the steps";
      walk.setAttribute("aria-pressed", String(Boolean(timer)));
    },
    dispose() {
      clearInterval(timer);
      clearTimeout(pending);
    },
  };
  walk.setAttribute("aria-pressed", "false");
  return view;
}
