// One notation for every page (s for decoder states, h for encoder states), and a small box that
// shows it: `display(notationBox())` on a page. Where a paper writes it differently (Luong's
// h̃_t), the page says so next to the formula.
import { renderTex } from "../maths.js";
import { afterIdle } from "./deferred.js";

export interface NotationEntry {
  /** TeX source. */
  symbol: string;
  meaning: string;
}

export const NOTATION: readonly NotationEntry[] = [
  { symbol: "x_1, \\dots, x_n", meaning: "the input characters (n of them)" },
  { symbol: "y_1, \\dots, y_m", meaning: "the output characters (m of them)" },
  { symbol: "h_j", meaning: "encoder state at input position j" },
  { symbol: "s_t", meaning: "decoder state after writing output character t" },
  { symbol: "e_{t,j}", meaning: "score: how relevant position j is to output step t" },
  { symbol: "\\alpha_{t,j}", meaning: "attention weight, softmax of the scores of step t (a row sums to 1)" },
  { symbol: "c_t", meaning: "context vector of step t: the weighted average of the h_j" },
  { symbol: "q", meaning: "the decoder state a score compares with h_j (s_{t-1} for Bahdanau, s_t for Luong)" },
];

/**
 * A collapsible box listing the notation, with KaTeX symbols. Closed at first, so its formulas
 * are typeset when the browser is idle or the reader opens it, not before the page's first picture.
 */
export function notationBox(doc: Document = document): HTMLElement {
  const details = doc.createElement("details");
  details.className = "glimpse-notation";
  const summary = doc.createElement("summary");
  summary.textContent = "Notation used on every page";
  const list = doc.createElement("dl");
  let next = 0;
  const typesetNext = () => {
    const entry = NOTATION[next++];
    const dt = doc.createElement("dt");
    dt.append(renderTex(entry.symbol, { document: doc }));
    const dd = doc.createElement("dd");
    dd.textContent = entry.meaning;
    list.append(dt, dd);
  };
  // One entry per idle moment: all eight in one task took up to 71 ms, a long task on a page
  // whose run a shared link starts as it loads (issue 13). A reader who opens the box gets the rest at once.
  const fillWhenIdle = () => {
    if (next >= NOTATION.length) return;
    typesetNext();
    afterIdle(fillWhenIdle);
  };
  details.addEventListener("toggle", () => {
    while (next < NOTATION.length) typesetNext();
  });
  afterIdle(fillWhenIdle);
  details.append(summary, list);
  return details;
}
