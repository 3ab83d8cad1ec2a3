// Pointer and keyboard behaviour of the attention heatmap: hovering or focusing a cell lights
// up its row and column labels and reports the cell; arrow keys move a single tab stop.
// Listeners sit on the <svg> (event delegation), so recolouring cells never rebinds anything.

export interface HeatmapCell {
  row: number;
  col: number;
  weight: number;
  score?: number;
  source: string;
  target: string;
}

export interface HeatmapInteraction {
  /** cells[row][col], the rect.cell elements (the same array as rows are added or removed). */
  cells: SVGRectElement[][];
  /** Arrow-key navigation with a roving tabindex (the WAI-ARIA grid pattern). */
  keyboard: boolean;
  /** The cell's current numbers, read at event time so updates are seen. */
  cellAt: (row: number, col: number) => HeatmapCell;
  onFocusCell?: (cell: HeatmapCell) => void;
}

export function bindHeatmapInteraction(svg: SVGSVGElement, o: HeatmapInteraction): void {
  const clear = () => svg.querySelectorAll(".is-active").forEach((el) => el.classList.remove("is-active"));
  const activate = (rect: Element) => {
    const row = Number(rect.getAttribute("data-row"));
    const col = Number(rect.getAttribute("data-col"));
    clear();
    svg.querySelector(`.row-label[data-row="${row}"]`)?.classList.add("is-active");
    svg.querySelector(`.col-label[data-col="${col}"]`)?.classList.add("is-active");
    rect.classList.add("is-active");
    o.onFocusCell?.(o.cellAt(row, col));
  };
  // Duck-typed rather than `instanceof Element`: the element may come from another document
  // (a test's DOM shim) whose classes are not the global ones.
  const cellOf = (e: Event) => {
    const t = e.target as Element | null;
    return typeof t?.closest === "function" ? t.closest("rect.cell") : null;
  };
  const onCell = (e: Event) => {
    const c = cellOf(e);
    if (c) activate(c);
  };
  svg.addEventListener("pointerover", onCell);
  svg.addEventListener("focusin", onCell);
  svg.addEventListener("pointerleave", clear);
  svg.addEventListener("focusout", clear);
  if (!o.keyboard) return;
  svg.addEventListener("keydown", (e) => {
    const c = cellOf(e);
    if (!c) return;
    let t = Number(c.getAttribute("data-row"));
    let j = Number(c.getAttribute("data-col"));
    // Read at event time: a chart redrawn in place may have gained or lost rows.
    const nRows = o.cells.length;
    const nCols = o.cells[0]?.length ?? 0;
    const moves: Record<string, () => void> = {
      ArrowUp: () => (t = Math.max(0, t - 1)),
      ArrowDown: () => (t = Math.min(nRows - 1, t + 1)),
      ArrowLeft: () => (j = Math.max(0, j - 1)),
      ArrowRight: () => (j = Math.min(nCols - 1, j + 1)),
      Home: () => (j = 0),
      End: () => (j = nCols - 1),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    move();
    const next = o.cells[t][j];
    c.setAttribute("tabindex", "-1");
    next.setAttribute("tabindex", "0");
    next.focus?.();
  });
}
