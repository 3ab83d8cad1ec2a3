// Words and table rows of the Transformer page, generated from measured numbers (the snapshot
// or the live state), never typed. DOM-free: tested in Node against the committed snapshot.
import type { TransformerTranslation } from "../model/transformer/index.js";
import type { RunnerView, TransformerPageSnapshot, TransformerPageState } from "./transformer-live.js";

const pct = (x: number) => `${Math.round(x * 100)}%`;

export interface FocusedQuery {
  /** The output character the query chose. */
  query: string;
  keys: string[];
  weights: number[];
  /** e_j − max_k e_k = ln(α_j / α_max): the scores up to the constant softmax ignores. */
  relativeScores: number[];
  /** Index of the largest weight. */
  top: number;
}

/** One row of one encoder–decoder head: the query of output `row` against every source key. */
export function focusedQuery(p: TransformerTranslation, layer: number, head: number, row: number): FocusedQuery {
  const weights = p.attention.cross[layer][head][row];
  const top = weights.indexOf(Math.max(...weights));
  return {
    query: p.outputTokens[row],
    keys: p.sourceTokens,
    weights,
    relativeScores: weights.map((w) => Math.log(Math.max(w, 1e-12) / weights[top])),
    top,
  };
}

/** The bag-of-characters failure, measured: the snapshot's two runs on the same seed and steps. */
export function positionsSentence(s: TransformerPageSnapshot): string {
  const n = s.noPositions;
  return (
    `Trained for ${s.step} steps on the same data and seed, the Transformer with ${s.config.positions} positions ` +
    `reversed ${pct(s.exactMatch)} of the held-out sentences exactly; without positions, ${pct(n.exactMatch)}. ` +
    `Asked to reverse "${n.probe.source}", the model without positions answered "${n.probe.output}".`
  );
}

export interface RaceRow {
  label: string;
  transformer: string;
  gru: string;
}

const cell = (v: RunnerView | undefined, f: (v: RunnerView) => string) => (v && v.status !== "waiting" ? f(v) : "–");

/** The race table: steps to 95%, ms and kernels per step, exact match, steps trained. */
export function raceRows(s: Pick<TransformerPageState, "runners">): RaceRow[] {
  const { transformer: t, gru: g } = s.runners;
  const row = (label: string, f: (v: RunnerView) => string): RaceRow => ({
    label,
    transformer: cell(t, f),
    gru: cell(g, f),
  });
  return [
    row("steps to 95% exact match", (v) => (v.stepsTo95 === null ? `not within ${v.step}` : String(v.stepsTo95))),
    row("exact match now", (v) => pct(v.exactMatch)),
    row("ms per training step", (v) => (v.msPerStep > 0 ? v.msPerStep.toFixed(1) : "–")),
    row("kernels per training step", (v) => (v.kernelsPerStep > 0 ? String(v.kernelsPerStep) : "–")),
    row("steps trained", (v) => `${v.step}${v.capped ? " (time cap)" : ""}`),
  ];
}
