// The toy translation's picture from the attention snapshot: the same page model trained on the
// invented language, reading a probe that merges two words into one ("the sun" → "sol"), with a
// caption measured from its weights (lesson-text.ts). One call for the page:
//   display(translationLessonFigure(snapshot))
import { attentionHeatmap } from "../charts/attentionHeatmap.js";
import { translationLessonText } from "../pages/lesson-text.js";
import type { PageSnapshot } from "../state/page-snapshot.js";
import { figure } from "./page-figures.js";

export function translationLessonFigure(
  snapshot: PageSnapshot,
  options: { width?: number; document?: Document } = {},
): HTMLElement {
  const doc = options.document ?? document;
  const t = snapshot.translation;
  if (!t?.probe.weights) {
    const p = doc.createElement("p");
    p.textContent = "This snapshot has no toy-translation picture: run npm run snapshots.";
    return p;
  }
  const chart = attentionHeatmap(t.probe.weights as number[][], {
    sources: t.probe.sourceTokens,
    targets: t.probe.outputTokens.map((c) => (c === "</s>" ? "end" : c)),
    width: options.width ?? 560,
    label: `Attention of the pretrained toy-translation model for “${t.probe.source}”`,
    document: doc,
  });
  return figure(chart, translationLessonText(t), doc);
}
