// The story highlighted by the reader's attention for one question: one row per sentence, a bar
// as long as the last hop's weight p_i (Sukhbaatar et al. 2015, "End-To-End Memory Networks",
// eq. 1; their figure 2 tabulates the same weights), the sentence's words on top, and the
// supporting sentence marked when the story follows the task's grammar. Built once, updated in place.
import { createSvg, resolveDocument, setSvgText } from "./common.js";

export interface StoryPicture {
  sentences: string[][];
  question: string[];
  answer: string;
  /** [hops][sentences]; the last hop's row is drawn. */
  attention: number[][];
  supporting?: number;
  expected?: string;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function describeStory(p: StoryPicture): string {
  const w = p.attention.at(-1) ?? [];
  const top = w.indexOf(Math.max(...w));
  return (
    `For "${p.question.join(" ")}?" the reader answers "${p.answer}", putting ${pct(w[top] ?? 0)} of its attention on ` +
    `sentence ${top + 1}, "${(p.sentences[top] ?? []).join(" ")}".`
  );
}

export interface StoryAttentionChart {
  svg: SVGSVGElement;
  update(picture: StoryPicture): void;
}

export function storyAttentionChart(
  picture: StoryPicture,
  options: { width?: number; document?: Document } = {},
): StoryAttentionChart {
  const doc = resolveDocument(options.document);
  const width = options.width ?? 640;
  const rowHeight = 26;
  const labelWidth = 52;
  const svg = createSvg(doc, width, rowHeight, {
    className: "glimpse-story-attention",
    label: describeStory(picture),
    title: "The story, highlighted by the reader's attention",
  });
  const body = svg.append("g");

  function update(p: StoryPicture): void {
    const w = p.attention.at(-1) ?? [];
    const height = p.sentences.length * rowHeight;
    svg.attr("height", height).attr("viewBox", `0 0 ${width} ${height}`);
    setSvgText(svg.node()!, describeStory(p), describeStory(p));
    const rows = p.sentences.map((words, i) => ({ i, text: words.join(" ") + ".", w: w[i] ?? 0 }));
    type Row = (typeof rows)[number];
    const g = body
      .selectAll<SVGGElement, Row>("g.glimpse-story-sentence")
      .data(rows)
      .join((enter) => {
        const e = enter.append("g").attr("class", "glimpse-story-sentence").attr("role", "img");
        e.append("rect").attr("class", "bar").attr("fill", "#E69F00");
        e.append("rect").attr("class", "support").attr("fill", "none").attr("stroke", "currentColor");
        e.append("text").attr("class", "weight").attr("text-anchor", "end");
        e.append("text").attr("class", "sentence");
        return e;
      })
      .attr("transform", (d) => `translate(0,${d.i * rowHeight})`)
      .attr(
        "aria-label",
        (d) =>
          `Sentence ${d.i + 1}, "${d.text}": ${pct(d.w)} of the attention${d.i === p.supporting ? " (the supporting sentence)" : ""}`,
      );
    g.select(".bar")
      .attr("x", labelWidth)
      .attr("y", 2)
      .attr("height", rowHeight - 4)
      .attr("width", (d) => Math.max(0, d.w) * (width - labelWidth))
      .attr("fill-opacity", 0.55);
    g.select(".support")
      .attr("x", labelWidth)
      .attr("y", 2)
      .attr("height", rowHeight - 4)
      .attr("width", width - labelWidth)
      .attr("stroke-dasharray", "4 3")
      .attr("stroke-opacity", (d) => (d.i === p.supporting ? 0.8 : 0));
    g.select(".weight")
      .attr("x", labelWidth - 8)
      .attr("y", rowHeight / 2 + 4)
      .text((d) => pct(d.w));
    g.select(".sentence")
      .attr("x", labelWidth + 6)
      .attr("y", rowHeight / 2 + 4)
      .attr("font-weight", (d) => (d.i === p.supporting ? 600 : 400))
      .text((d) => d.text);
  }

  update(picture);
  return { svg: svg.node()!, update };
}
