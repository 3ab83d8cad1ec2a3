// Everything the Transformer page wires up, written once: its one WorkerClient (the Transformer,
// and the GRU racing it), controls from its spec, the toolbar, and the figures: every head's
// attention matrices for the probe (updated in place), one query's weights in KaTeX, the
// positional encodings, the race and the honest costs. src/transformers.md displays the parts.
import type { WorkerSource } from "../worker/client.js";
import { accuracyByLength } from "../charts/accuracyByLength.js";
import { encodingMap } from "../charts/encodingMap.js";
import { costRows, costSentences } from "../analysis/honest-costs.js";
import { renderTex } from "../maths.js";
import type { HeadMaps, TransformerTranslation } from "../model/transformer/index.js";
import type { TrainingClient } from "../pages/live.js";
import { transformerClient, type TransformerClient, type TransformerPageSnapshot } from "../pages/transformer-live.js";
import { focusedQuery, positionsSentence, raceRows } from "../pages/transformer-text.js";
import { transformerSpec } from "../pages/transformers.js";
import { defaultSettings, type Settings } from "../pages/spec.js";
import { heatmapMultiples, type Multiple } from "./heatmap-multiples.js";
import { liveFigure } from "./live-figure.js";
import { pageControls, type PageControls } from "./page-controls.js";
import { bindShortcuts, presenterToggle } from "./presenter.js";
import { copyLinkButton } from "./share-link.js";
import { trainerControls } from "./trainer-controls.js";
import { WASM_PATHS } from "./wasm-paths.js";

export interface TransformerPage {
  client: TransformerClient;
  controls: PageControls;
  toolbar: HTMLElement;
  configure(settings: Settings): void;
  /** Every head's matrices: encoder self, decoder masked self, encoder–decoder. */
  heads(): HTMLElement;
  /** One query's scores and weights, in KaTeX, from the current model. */
  query(): HTMLElement;
  encodings(): HTMLElement;
  race(): HTMLElement;
  costs(): HTMLElement;
  /** The no-positions failure, measured (snapshot). */
  positionsSentence(): string;
  dispose(): void;
}

/**
 * ms between the figures an evaluation redraws (the three kinds of heads, the query, the
 * lengths chart, the encodings): each in a task of its own, with a frame between them, so no
 * main-thread task draws them all.
 */
const REDRAW_GAP = 40;

const KINDS = [
  { key: "encoder", title: "Encoder self-attention (query: source character, key: source character)" },
  { key: "decoder", title: "Decoder masked self-attention (query and key: what the decoder has read)" },
  { key: "cross", title: "Encoder–decoder attention (query: output step, key: source character)" },
] as const;

/** The maps of one kind as pseudo-translations the multiples can draw: rows are queries, columns keys. */
export function headMultiples(p: TransformerTranslation | undefined, kind: (typeof KINDS)[number]["key"]): Multiple[] {
  if (!p) return [];
  const maps: HeadMaps = p.attention[kind];
  const keys = kind === "decoder" ? p.decoderTokens : p.sourceTokens;
  const queries = kind === "encoder" ? p.sourceTokens : kind === "decoder" ? p.decoderTokens : p.outputTokens;
  return maps.flatMap((layer, l) =>
    layer.map((weights, h) => ({
      id: `${kind}-${l}-${h}`,
      label: `layer ${l + 1}, head ${h + 1}`,
      translation: { source: p.source, sourceTokens: keys, output: p.output, outputTokens: queries, weights },
    })),
  );
}

export function transformerPage(snapshot: TransformerPageSnapshot, workerUrl: WorkerSource): TransformerPage {
  const client = transformerClient(
    workerUrl,
    snapshot,
    transformerSpec.config(defaultSettings(transformerSpec)),
    WASM_PATHS,
  );
  const controls = pageControls(transformerSpec);
  const disposers: (() => void)[] = [];
  const reset = () => {
    client.reset();
    controls.reset();
  };
  disposers.push(bindShortcuts({ "play-pause": () => client.toggle(), step: () => client.step(), reset }));
  const toolbar = document.createElement("div");
  toolbar.className = "glimpse-toolbar";
  const extras = document.createElement("div");
  extras.className = "glimpse-toolbar-extras";
  extras.append(presenterToggle(), copyLinkButton());
  // The toolbar reads only what TrainerState and this page's state share (status, step, loss, exact match).
  toolbar.append(trainerControls(client as unknown as TrainingClient, { onReset: () => controls.reset() }), extras);

  const el = (tag: string, className?: string, text?: string) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  };

  return {
    client,
    controls,
    toolbar,
    configure(settings) {
      client.configure(transformerSpec.config(settings));
      controls.sync(settings);
    },
    heads() {
      const root = el("div", "glimpse-heads");
      KINDS.forEach((k, i) => {
        const section = el("section", "glimpse-head-group");
        section.dataset.kind = k.key;
        const multiples = heatmapMultiples({ cellSize: 13 });
        section.append(el("h4", undefined, k.title), multiples.element);
        root.append(section);
        // One kind per task at an evaluation; the query, the lengths and the encodings follow.
        disposers.push(
          client.watch(
            (s) => s.probe,
            (p) => multiples.update(headMultiples(p, k.key)),
            { delay: i * REDRAW_GAP },
          ),
        );
      });
      return root;
    },
    query() {
      const root = el("div", "glimpse-query");
      // The softmax's formula changes only with d_k: typeset once per d_k, not at every evaluation.
      let formula: { dk: number; element: HTMLElement } | undefined;
      const softmaxFormula = (dk: number) => {
        if (formula?.dk !== dk)
          formula = {
            dk,
            element: renderTex(
              `\\alpha_{1,j} = \\operatorname{softmax}_j\\!\\left(\\frac{q_1 \\cdot k_j}{\\sqrt{d_k}}\\right),\\quad d_k = ${dk}`,
              { displayMode: true },
            ),
          };
        return formula.element;
      };
      disposers.push(
        client.watch(
          (s) => s.probe,
          (p) => {
            if (!p) return root.replaceChildren(el("p", undefined, "No model yet."));
            const layer = p.attention.cross.length - 1;
            const q = focusedQuery(p, layer, 0, 0);
            const dk = (client.lastStart?.config.modelSize ?? 32) / (client.lastStart?.config.heads ?? 1);
            const keyTex = (k: string) => (k === " " ? "\\text{␣}" : `\\text{${k.replace(/[^a-z]/g, "?")}}`);
            const row = q.keys.map((k, j) => `${keyTex(k)}: ${q.weights[j].toFixed(2)}`).join(",\\ ");
            root.replaceChildren(
              softmaxFormula(dk),
              el(
                "p",
                undefined,
                `Layer ${layer + 1}, head 1, first output step: the query chose "${q.query}". Its weights over the source characters:`,
              ),
              renderTex(row, { displayMode: true }),
              el(
                "p",
                undefined,
                `The largest weight, ${q.weights[q.top].toFixed(2)}, is on "${q.keys[q.top]}" (position ${q.top + 1}); ` +
                  `every other score is lower by ${
                    q.relativeScores
                      .filter((_, j) => j !== q.top)
                      .map((r) => (-r).toFixed(1))
                      .sort((a, b) => Number(a) - Number(b))[0] ?? "–"
                  } or more (the score gap is ln of the weight ratio).`,
              ),
            );
          },
          { delay: 3 * REDRAW_GAP },
        ),
      );
      return root;
    },
    encodings() {
      const f = liveFigure<{ e?: number[][]; positions: string }>({
        subscribe: (redraw) =>
          client.watch(
            (s) => s.encodings,
            () => redraw({ e: client.state.encodings, positions: client.state.positions }),
            { delay: 5 * REDRAW_GAP },
          ),
        exportName: "Positional encodings",
        draw: ({ e, positions }) =>
          e
            ? {
                chart: encodingMap(e, { label: `${positions} positional encodings` }),
                caption: `The ${positions} encodings added at positions 0 to ${e.length - 1} of the probe, one row each, ${e[0].length} dimensions.`,
              }
            : {
                chart: el("p", undefined, "No positions: the model adds nothing."),
                caption: "Positions switched off.",
              },
      });
      disposers.push(f.dispose);
      return f.element;
    },
    race() {
      const root = el("div", "glimpse-race");
      const table = el("table", "glimpse-race-table") as HTMLTableElement;
      table.innerHTML =
        "<thead><tr><th scope='col'>measured</th><th scope='col'>Transformer</th><th scope='col'>GRU + additive attention</th></tr></thead><tbody></tbody>";
      const body = table.tBodies[0];
      const note = el("p", "glimpse-race-note");
      disposers.push(
        client.every(400, (s) => {
          body.replaceChildren(
            ...raceRows(s).map((r) => {
              const tr = el("tr");
              tr.append(el("th", undefined, r.label), el("td", undefined, r.transformer), el("td", undefined, r.gru));
              tr.firstElementChild!.setAttribute("scope", "row");
              return tr;
            }),
          );
          note.textContent =
            s.status === "pretrained"
              ? `Pretrained figures, measured on the ${snapshot.backend} backend when the snapshot was made; press Train to race them in your browser.`
              : `Measured in your browser (${s.backend ?? "backend starting"}); each runner stops at its step budget or after ${Math.round(
                  (client.lastStart?.capMs ?? 0) / 1000,
                )} s of training.`;
        }),
      );
      const lengths = liveFigure<TransformerPage["client"]["state"]["runners"]>({
        subscribe: (redraw) => client.watch((s) => s.runners, redraw, { delay: 4 * REDRAW_GAP }),
        exportName: "Exact match by length, Transformer vs GRU",
        draw: (r, width) => ({
          chart: accuracyByLength(
            [
              { name: "Transformer", values: r.transformer.exactMatchByLength },
              ...(r.gru ? [{ name: "GRU + additive attention", values: r.gru.exactMatchByLength }] : []),
              { name: "Transformer without positions, pretrained", values: snapshot.noPositions.exactMatchByLength },
            ],
            { width, height: 220, label: "Exact match by input length" },
          ),
          caption: `Exact match by input length at step ${r.transformer.step} (Transformer)${r.gru ? ` and ${r.gru.step} (GRU)` : ""}.`,
        }),
      });
      disposers.push(lengths.dispose);
      root.append(table, note, lengths.element);
      return root;
    },
    costs() {
      const root = el("div", "glimpse-costs");
      const table = el("table") as HTMLTableElement;
      const c = snapshot.costs;
      table.innerHTML = `<thead><tr><th scope="col">per layer, for "${snapshot.probe.source}" (n = ${c.sourceLength})</th><th scope="col">${c.recurrent.name}</th><th scope="col">${c.transformer.name}</th><th scope="col">order</th></tr></thead><tbody></tbody>`;
      for (const r of costRows(c)) {
        const tr = el("tr");
        tr.append(
          el("th", undefined, r.cost),
          el("td", undefined, String(r.recurrent)),
          el("td", undefined, String(r.transformer)),
          el("td", undefined, r.order),
        );
        tr.firstElementChild!.setAttribute("scope", "row");
        table.tBodies[0].append(tr);
      }
      const list = el("ul");
      for (const s of costSentences(c)) list.append(el("li", undefined, s));
      root.append(table, list);
      return root;
    },
    positionsSentence: () => positionsSentence(snapshot),
    dispose() {
      disposers.forEach((d) => d());
      client.terminate();
    },
  };
}
