// Small helpers the bottleneck and attention pages share: data for their charts and a
// figure wrapper whose caption is the chart's text alternative.
import type { LineSeries } from "../charts/lineChart.js";
import type { LengthAccuracy } from "../train/index.js";
import type { PageSnapshot } from "../state/page-snapshot.js";
import type { TrainerState } from "../state/trainer-state.js";
import type { TrainingPage } from "./training-page.js";

/** The live loss curve, or the pretrained one before any training. */
export function lossSeries(state: TrainerState, snapshot: PageSnapshot): LineSeries[] {
  const history = state.status === "pretrained" ? snapshot.lossHistory : state.lossHistory;
  const name = state.status === "pretrained" ? "pretrained model" : "live model";
  return [{ name, points: history.map((p) => ({ x: p.step, y: p.loss })) }];
}

/** One sentence describing an accuracy-by-length curve, for screen readers and captions. */
export function lengthSummary(byLength: readonly LengthAccuracy[]): string {
  if (byLength.length === 0) return "No accuracy measured yet.";
  const sorted = [...byLength].sort((a, b) => a.length - b.length);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return `Exact match is ${pct(first.accuracy)} for ${first.length}-character inputs and ${pct(last.accuracy)} for ${last.length}-character inputs.`;
}

/**
 * How wide a figure is shown: Framework's stylesheet caps `figure` at 640 px, so a chart drawn
 * wider is scaled down, its 11 px labels with it (to 6–8 px).
 */
export const FIGURE_WIDTH = 640;

/** Wraps a chart in <figure> with a caption that says in words what the chart shows. */
export function figure(chart: Node, caption: string, doc: Document = document): HTMLElement {
  const f = doc.createElement("figure");
  f.className = "glimpse-figure";
  const c = doc.createElement("figcaption");
  c.textContent = caption;
  f.append(chart, c);
  return f;
}

/** What the attention page says about the two pretrained models on the longest held-out inputs. */
export function comparisonCaption(comparison: PageSnapshot["comparison"]): string {
  const longest = (xs: readonly LengthAccuracy[]) => xs.reduce((a, b) => (b.length > a.length ? b : a));
  const a = longest(comparison.attention);
  const n = longest(comparison.none);
  return `On the longest held-out inputs (${a.length} characters) the pretrained attention model is exactly right ${Math.round(a.accuracy * 100)}% of the time, the bottleneck model ${Math.round(n.accuracy * 100)}%.`;
}

/** The attention page's exact match by length: the live model over both pretrained ones. */
export function withAndWithoutAttention(page: Pick<TrainingPage, "lengthFigure" | "client">, snapshot: PageSnapshot) {
  return page.lengthFigure({
    compare: [
      { name: "attention, pretrained", values: snapshot.comparison.attention },
      { name: "no attention (bottleneck), pretrained", values: snapshot.comparison.none },
    ],
    liveName: "attention, live model",
    live: () => page.client.lastStart?.config.task === "reverse-words",
    caption: comparisonCaption(snapshot.comparison),
    label: "Exact match by input length, with and without attention",
    exportName: "Exact match by length, attention vs bottleneck",
  });
}
