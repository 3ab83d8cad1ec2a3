// The built page carries still copies of its first figures (scripts/prerender.ts), so the
// pretrained picture shows with the first paint, before any script has run. A cell hands its
// live figure through `replacing`, which removes the copy in the same task as the live figure
// is displayed, so the two never show together. The copy is drawn 640 px wide and scales down;
// on a narrower screen the live figure, drawn for its width, can be a little shorter.

/** Removes the still copy of figure `name` (if the build made one) and returns `live`. */
export function replacing<T extends Node>(name: string, live: T, doc: Document = document): T {
  for (const still of doc.querySelectorAll(`.glimpse-prerendered[data-prerender="${name}"]`)) still.remove();
  return live;
}

/**
 * `value`, once the browser has painted a frame. Framework's runtime runs a page's cells in an
 * animation-frame callback, so their work comes before that frame's paint: a page whose
 * figures wait for this paints its still copies first, then builds the live ones.
 */
export function afterPaint<T>(value: T | PromiseLike<T>): Promise<T> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(value), 0)));
}
