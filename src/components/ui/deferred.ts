// Figures below the fold, built when the browser is idle instead of in the page's first task.
// A page's cells run one after another as its data arrive: every figure built there delays the
// ones after it, the first answer of "try your own sentence" (a cell near the end) and the first
// paint (issue 13). A deferred figure's cell returns a placeholder at once; the figure takes its
// place a moment later, or as soon as the reader scrolls near it.

/** Runs `job` once the browser is idle (at most `timeout` ms later); returns a cancel function. */
export function afterIdle(job: () => void, { timeout = 1000 } = {}): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(job, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(job, 1);
  return () => clearTimeout(id);
}

/**
 * A placeholder that `build()` replaces when the browser is idle or the placeholder comes
 * within a screen of the viewport, whichever is first. `minHeight` (px) holds the figure's
 * place so the text below does not jump. A failure is shown in its place and reported.
 */
export function whenIdle(build: () => Node, { minHeight = 200, doc = document } = {}): HTMLElement {
  const placeholder = doc.createElement("div");
  placeholder.className = "glimpse-deferred";
  placeholder.style.minHeight = `${minHeight}px`;
  placeholder.setAttribute("aria-busy", "true");
  let done = false;
  let cancel = () => {};
  let observer: IntersectionObserver | undefined;
  const run = () => {
    if (done) return;
    done = true;
    cancel();
    observer?.disconnect();
    try {
      placeholder.replaceWith(build());
    } catch (e) {
      placeholder.removeAttribute("aria-busy");
      placeholder.textContent = `This figure could not be drawn: ${e instanceof Error ? e.message : String(e)}`;
      placeholder.classList.add("glimpse-error");
      // The console (and the browser tests) see it too, as an uncaught error.
      (typeof reportError === "function" ? reportError : console.error)(e);
    }
  };
  cancel = afterIdle(run);
  if (typeof IntersectionObserver === "function") {
    observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && run(), {
      rootMargin: "100% 0px",
    });
    observer.observe(placeholder);
  }
  return placeholder;
}
