// Expected output above the model's output, aligned character by character. Errors are marked
// by shape as well as colour (wavy underline, strike-through, dotted box), and every string is
// set with textContent, so model output such as "<script>" shows as text.
import { displayChar, resolveDocument } from "./common.js";

export type AlignOp = "match" | "wrong" | "missing" | "extra";

export interface AlignedPair {
  op: AlignOp;
  /** Character of the expected output ("" when the model added one). */
  expected: string;
  /** Character of the model's output ("" when the model left one out). */
  actual: string;
}

export interface OutputComparisonOptions {
  /** "edit" (default): minimum-edit alignment, so one dropped letter costs one error, not the
   * rest of the word. "position": compare position by position. */
  align?: "edit" | "position";
  expectedLabel?: string;
  actualLabel?: string;
  document?: Document;
}

/**
 * User-perceived characters (an emoji with modifiers is one), where Intl.Segmenter exists.
 * Plain ASCII needs no segmenter: its first use loads the browser's ICU data, 46 ms of a
 * page's first picture in headless Chromium here, for the pretrained model's answers alone.
 */
export function characters(s: string): string[] {
  if (/^[\x20-\x7e]*$/.test(s)) return s.split("");
  const Seg = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Seg) return Array.from(new Seg(undefined, { granularity: "grapheme" }).segment(s), (x) => x.segment);
  return Array.from(s);
}

/** Align two strings by Levenshtein distance; ties prefer a substitution, then a deletion. */
export function alignOutputs(expected: string, actual: string, mode: "edit" | "position" = "edit"): AlignedPair[] {
  const a = characters(expected);
  const b = characters(actual);
  if (mode === "position") {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => {
      const e = a[i] ?? "";
      const x = b[i] ?? "";
      const op: AlignOp = i >= b.length ? "missing" : i >= a.length ? "extra" : e === x ? "match" : "wrong";
      return { op, expected: e, actual: x };
    });
  }
  const n = a.length;
  const m = b.length;
  const d: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = 0; i <= n; i++) d[i][0] = i;
  for (let j = 0; j <= m; j++) d[0][j] = j;
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++)
      d[i][j] = Math.min(d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), d[i - 1][j] + 1, d[i][j - 1] + 1);
  const out: AlignedPair[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i][j] === d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)) {
      out.push({ op: a[i - 1] === b[j - 1] ? "match" : "wrong", expected: a[i - 1], actual: b[j - 1] });
      i--;
      j--;
    } else if (i > 0 && d[i][j] === d[i - 1][j] + 1) {
      out.push({ op: "missing", expected: a[i - 1], actual: "" });
      i--;
    } else {
      out.push({ op: "extra", expected: "", actual: b[j - 1] });
      j--;
    }
  }
  return out.reverse();
}

const MARK: Record<Exclude<AlignOp, "match">, Partial<CSSStyleDeclaration>> = {
  wrong: { textDecoration: "underline wavy", color: "#D55E00", fontWeight: "bold" },
  extra: { textDecoration: "line-through", color: "#D55E00" },
  missing: { outline: "1px dotted currentColor", opacity: "0.75" },
};

export function outputComparison(expected: string, actual: string, options: OutputComparisonOptions = {}): HTMLElement {
  const doc = resolveDocument(options.document);
  const pairs = alignOutputs(expected, actual, options.align ?? "edit");
  const errors = pairs.filter((p) => p.op !== "match").length;
  const total = characters(expected).length;
  const count = (op: AlignOp) => pairs.filter((p) => p.op === op).length;
  const [wrong, missing, extra] = [count("wrong"), count("missing"), count("extra")];
  // Wrong and missing characters are counted against the expected output; extra ones the model
  // added are reported apart, or "11 of 11 wrong" could mean two errors and nine extras.
  const main =
    wrong + missing === 0 ? `All ${total} characters right` : `${wrong + missing} of ${total} characters wrong`;
  const text =
    main +
    (missing && wrong ? ` (${missing} missing)` : missing ? " (missing)" : "") +
    (extra ? `, plus ${extra} extra` : "");

  const el = (tag: string, cls?: string, content?: string) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined) e.textContent = content;
    return e;
  };
  const root = el("div", "output-comparison");
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", `Expected “${expected}”, model wrote “${actual}”: ${text}`);
  root.setAttribute("data-errors", String(errors));
  root.style.fontFamily = "var(--monospace, ui-monospace, monospace)";

  const row = (cls: string, label: string, side: "expected" | "actual") => {
    const r = el("div", `row ${cls}`);
    // The group's aria-label reads both strings whole; spelled-out spans would be noise.
    r.setAttribute("aria-hidden", "true");
    r.style.display = "flex";
    r.style.alignItems = "baseline";
    r.style.gap = "0.5em";
    const name = el("span", "row-label", label);
    name.style.minWidth = "5.5em";
    name.style.fontFamily = "var(--sans-serif, system-ui, sans-serif)";
    name.style.opacity = "0.75";
    const chars = el("span", "chars");
    for (const p of pairs) {
      const c = p[side];
      // A missing character is an empty slot in the model's row; an extra one an empty slot above it.
      const span = el("span", "char", c === "" ? "·" : displayChar(c));
      span.style.display = "inline-block";
      span.style.minWidth = "1ch";
      span.style.textAlign = "center";
      if (p.op !== "match" && side === "actual") {
        span.classList.add("wrong", p.op);
        Object.assign(span.style, MARK[p.op]);
      } else if (p.op === "extra") {
        span.classList.add("gap");
        span.style.opacity = "0.35";
      } else if (p.op !== "match") {
        span.classList.add("differs");
        span.style.textDecoration = "underline dotted";
      }
      chars.append(span);
    }
    r.append(name, chars);
    return r;
  };
  root.append(
    row("expected", options.expectedLabel ?? "expected", "expected"),
    row("actual", options.actualLabel ?? "model", "actual"),
  );
  const summary = el("p", "summary", text);
  summary.style.margin = "0.25em 0 0";
  summary.style.fontFamily = "var(--sans-serif, system-ui, sans-serif)";
  root.append(summary);
  return root;
}
