// The side-by-side table of a comparison page (rows from compare-figures.ts tableRows) and
// a block of generated sentences. Plain DOM, so Node tests can render them with linkedom.
import type { TableRow } from "../compare/compare-figures.js";
import type { CompareState } from "../compare/compare-state.js";

const COLUMNS: [keyof TableRow, string][] = [
  ["parameters", "parameters"],
  ["msPerStep", "ms per step"],
  ["stepsToLearn", "steps to learn"],
  ["exactMatch", "exact match"],
  ["longest", "longest inputs"],
];

export interface CompareTableOptions {
  /** Short: it spans the table, which scrolls sideways on a phone. */
  caption: string;
  /** Longer explanation, below the scrolling part so it wraps to the screen. */
  note?: string;
  /** Header of the first column (e.g. "score", "model"). */
  rowHeader: string;
  /** Header text of "steps to learn", e.g. "steps to 95%". */
  stepsHeader?: string;
  document?: Document;
}

export function compareTable(rows: TableRow[], o: CompareTableOptions): HTMLElement {
  const doc = o.document ?? document;
  const el = (tag: string, text?: string, attrs: Record<string, string> = {}) => {
    const e = doc.createElement(tag);
    if (text !== undefined) e.textContent = text;
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  };
  // On a phone the table scrolls sideways: the scroller takes focus so keyboards can scroll it.
  const wrap = el("div", undefined, {
    class: "glimpse-table-wrap",
    tabindex: "0",
    role: "region",
    "aria-label": o.caption,
  });
  const table = el("table", undefined, { class: "glimpse-compare-table" });
  table.append(el("caption", o.caption));
  const head = el("tr");
  head.append(el("th", o.rowHeader, { scope: "col" }));
  for (const [key, name] of COLUMNS)
    head.append(el("th", key === "stepsToLearn" && o.stepsHeader ? o.stepsHeader : name, { scope: "col" }));
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  for (const r of rows) {
    const tr = el("tr", undefined, { "data-model": r.id });
    tr.append(el("th", r.label, { scope: "row" }));
    for (const [key] of COLUMNS) tr.append(el("td", String(r[key]), { "data-column": key }));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  wrap.append(table);
  if (!o.note) return wrap;
  const outer = el("div", undefined, { class: "glimpse-compare" });
  outer.append(wrap, el("p", o.note, { class: "glimpse-table-note" }));
  return outer;
}

/** Sentences as paragraphs in one block (class for styling, role="status" off: pages redraw it). */
export function paragraphs(texts: string[], className: string, doc: Document = document): HTMLElement {
  const div = doc.createElement("div");
  div.className = className;
  for (const t of texts) {
    const p = doc.createElement("p");
    p.textContent = t;
    div.append(p);
  }
  return div;
}

/** The race table's caption and the first sentence of its note, the same on both compare pages. */
export function raceTableText(s: CompareState): { caption: string; stepsNote: string } {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return {
    caption:
      s.status === "pretrained"
        ? `Trained beforehand, ${s.step} steps each`
        : `Live: measured at step ${s.step} of ${s.totalSteps}`,
    stepsNote: `Steps to ${pct(s.race.threshold)}: the first evaluation (every ${s.race.base.evalEvery} steps) at or above it.`,
  };
}
