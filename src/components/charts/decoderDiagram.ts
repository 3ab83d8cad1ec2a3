// One decoder step of Bahdanau et al. (2015) and of Luong et al. (2015), drawn as the order in
// which things are computed (top to bottom), so the one architectural difference is visible:
// Bahdanau scores with the PREVIOUS state and feeds the context INTO the recurrence; Luong runs
// the recurrence first, scores with the CURRENT state, and combines context and state AFTER it
// into h̃_t (src/components/model/decoder.ts implements both).
import { FAINT, INK, MUTED, OKABE_ITO, createSvg, resolveDocument, type Selection } from "./common.js";

export type DecoderStyle = "bahdanau" | "luong";

export interface DiagramNode {
  /** Text with subscripts as _{…}: "s_{t−1}". */
  text: string;
  kind: "state" | "rnn" | "attention" | "combine" | "output";
  /** An input arriving from the side (encoder states, the previous output). */
  side?: string;
}

/** The computation order of one decoder step, the data the picture is drawn from. */
export function decoderSteps(style: DecoderStyle): DiagramNode[] {
  if (style === "bahdanau") {
    return [
      { text: "s_{t−1}  previous state", kind: "state" },
      { text: "e_{tj} = score(s_{t−1}, h_{j})", kind: "attention", side: "h_{1} … h_{n}" },
      { text: "c_{t} = Σ α_{tj} h_{j}", kind: "attention" },
      { text: "s_{t} = GRU(s_{t−1}, [y_{t−1}; c_{t}])", kind: "rnn", side: "y_{t−1}" },
      { text: "p(y_{t}) from [s_{t}; c_{t}]", kind: "output" },
    ];
  }
  return [
    { text: "h_{t−1}  previous state", kind: "state" },
    { text: "h_{t} = GRU(h_{t−1}, y_{t−1})", kind: "rnn", side: "y_{t−1}" },
    { text: "e_{tj} = score(h_{t}, h̄_{j})", kind: "attention", side: "h̄_{1} … h̄_{n}" },
    { text: "c_{t} = Σ α_{tj} h̄_{j}", kind: "attention" },
    { text: "h̃_{t} = tanh(W_{c}[c_{t}; h_{t}])", kind: "combine" },
    { text: "p(y_{t}) from h̃_{t}", kind: "output" },
  ];
}

/** Plain reading of a label: "s_{t−1}" → "s t−1", for text alternatives. */
export function plainText(text: string): string {
  return text
    .replace(/_\{([^}]*)\}/g, " $1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Writes `text` into a <text>, subscripts as lowered, smaller tspans. */
function richText(el: Selection<SVGTextElement>, text: string): void {
  const parts = text.split(/(_\{[^}]*\})/);
  for (const part of parts) {
    if (!part) continue;
    const sub = /^_\{(.*)\}$/.exec(part);
    if (sub) {
      el.append("tspan").attr("baseline-shift", "sub").attr("font-size", "0.75em").text(sub[1]);
    } else el.append("tspan").text(part);
  }
}

const COLOURS: Record<DiagramNode["kind"], string> = {
  state: INK,
  rnn: OKABE_ITO[0],
  attention: OKABE_ITO[1],
  combine: OKABE_ITO[2],
  output: INK,
};

export interface DecoderDiagramOptions {
  width?: number;
  document?: Document;
}

export function decoderDiagram(style: DecoderStyle, options: DecoderDiagramOptions = {}): SVGSVGElement {
  const doc = resolveDocument(options.document);
  const nodes = decoderSteps(style);
  const width = Math.max(260, Math.min(options.width ?? 340, 420));
  const rowH = 46;
  const boxH = 30;
  const top = 28;
  const sideW = 62;
  const boxX = sideW;
  const boxW = width - sideW - 4;
  const height = top + nodes.length * rowH + 4;
  const name = style === "bahdanau" ? "Bahdanau (2015)" : "Luong (2015)";
  const order = nodes
    .map((n, i) => `${i + 1}. ${plainText(n.text)}${n.side ? ` (input: ${plainText(n.side)})` : ""}`)
    .join("; ");
  const svg = createSvg(doc, width, height, {
    className: `glimpse-decoder-diagram glimpse-decoder-${style}`,
    label: `One decoder step of ${name}, in the order it is computed: ${order}.`,
    title: `${name}: one decoder step`,
  });
  const defs = svg.append("defs");
  const markerId = `glimpse-arrow-${style}`;
  defs
    .append("marker")
    .attr("id", markerId)
    .attr("viewBox", "0 0 10 10")
    .attr("refX", 9)
    .attr("refY", 5)
    .attr("markerWidth", 7)
    .attr("markerHeight", 7)
    .attr("orient", "auto-start-reverse")
    .append("path")
    .attr("d", "M0,0L10,5L0,10z")
    .attr("fill", INK);

  svg
    .append("text")
    .attr("x", boxX + boxW / 2)
    .attr("y", 16)
    .attr("text-anchor", "middle")
    .attr("font-weight", 600)
    .text(name);

  const y = (i: number) => top + i * rowH;
  const g = svg.append("g").attr("class", "nodes");
  nodes.forEach((n, i) => {
    const row = g.append("g").attr("class", `node node-${n.kind}`).attr("data-kind", n.kind);
    const colour = COLOURS[n.kind];
    row
      .append("rect")
      .attr("x", boxX)
      .attr("y", y(i))
      .attr("width", boxW)
      .attr("height", boxH)
      .attr("rx", n.kind === "state" || n.kind === "output" ? boxH / 2 : 4)
      .attr("fill", colour)
      .attr("fill-opacity", n.kind === "state" || n.kind === "output" ? 0.06 : 0.16)
      .attr("stroke", colour)
      .attr("stroke-width", n.kind === "attention" ? 2 : 1.2);
    richText(
      row
        .append("text")
        .attr("x", boxX + boxW / 2)
        .attr("y", y(i) + boxH / 2)
        .attr("dy", "0.35em")
        .attr("text-anchor", "middle"),
      n.text,
    );
    if (i > 0) {
      svg
        .append("line")
        .attr("class", "flow")
        .attr("x1", boxX + boxW / 2)
        .attr("x2", boxX + boxW / 2)
        .attr("y1", y(i - 1) + boxH)
        .attr("y2", y(i) - 1)
        .attr("stroke", INK)
        .attr("stroke-opacity", MUTED)
        .attr("marker-end", `url(#${markerId})`);
    }
    if (n.side) {
      const sy = y(i) + boxH / 2;
      richText(
        svg
          .append("text")
          .attr("class", "side-input")
          .attr("x", 0)
          .attr("y", sy - 8)
          .attr("font-size", 11)
          .attr("fill-opacity", MUTED),
        n.side,
      );
      svg
        .append("line")
        .attr("x1", 2)
        .attr("x2", boxX - 1)
        .attr("y1", sy)
        .attr("y2", sy)
        .attr("stroke", INK)
        .attr("stroke-opacity", FAINT * 2)
        .attr("marker-end", `url(#${markerId})`);
    }
  });
  // The one difference, marked where it happens: which state the score reads (right of the arrow).
  const scoreRow = nodes.findIndex((n) => n.kind === "attention");
  richText(
    svg
      .append("text")
      .attr("class", "callout")
      .attr("x", boxX + boxW / 2 + 8)
      .attr("y", y(scoreRow) - 4)
      .attr("font-size", 11)
      .attr("fill", OKABE_ITO[5]),
    style === "bahdanau" ? "query s_{t−1}" : "query h_{t}",
  );
  return svg.node() as SVGSVGElement;
}

/** Both diagrams' difference in one sentence (the figure's caption). */
export const DIAGRAM_CAPTION =
  "Read each column top to bottom. Bahdanau looks at the input before the recurrent step, using the previous state, and feeds the context into it; Luong takes the recurrent step first, looks with the new state, and mixes the context in afterwards.";
