// "Why does a one-way encoder look one letter late?": the attention page's default picture
// (bidirectional encoder) beside the same model with a one-way encoder, both from the snapshot,
// with a caption measured from their weights (lesson-text.ts). One call for the page:
//   display(encoderLessonFigure(snapshot))
import { heatmapMultiples } from "./heatmap-multiples.js";
import { encoderLessonText } from "../pages/lesson-text.js";
import { figure } from "./page-figures.js";
import type { PageSnapshot } from "../state/page-snapshot.js";

export function encoderLessonFigure(
  snapshot: PageSnapshot,
  options: { cellSize?: number; document?: Document } = {},
): HTMLElement {
  const doc = options.document ?? document;
  if (!snapshot.probe || !snapshot.oneWay) {
    const p = doc.createElement("p");
    p.textContent = "This snapshot has no one-way picture: run npm run snapshots.";
    return p;
  }
  const multiples = heatmapMultiples({ document: doc, cellSize: options.cellSize ?? 14, defer: (job) => job() });
  multiples.update([
    { id: "bidirectional", label: "bidirectional encoder (the default)", translation: snapshot.probe },
    { id: "one-way", label: "one-way encoder", translation: snapshot.oneWay.probe },
  ]);
  return figure(multiples.element, encoderLessonText(snapshot), doc);
}
