// The figures the build draws into each page's HTML (scripts/prerender.ts), by the name a
// page's placeholder carries: <div class="glimpse-prerendered" data-prerender="NAME"></div>.
// Each is built as the page's own cell builds it, from the same snapshot and page object, with
// a worker that never answers: the page's state is the pretrained one, as when it first loads.
// Import only after installDom (prerender-dom.ts): the page modules expect a browser's globals.
import { readFileSync } from "node:fs";
import type { WorkerLike } from "../src/components/worker/client.ts";
import { trainingPage } from "../src/components/ui/training-page.ts";
import { comparePage } from "../src/components/ui/compare-page.ts";
import { beyondPage } from "../src/components/ui/beyond-page.ts";
import { costPage } from "../src/components/ui/cost-page.ts";
import { transformerPage } from "../src/components/ui/transformer-page.ts";
import { decoderDiagrams, scoringFigures } from "../src/components/ui/scoring-figures.ts";
import { softHardFigures } from "../src/components/ui/soft-hard-figures.ts";
import { attentionSpec } from "../src/components/pages/attention.ts";
import { bottleneckSpec } from "../src/components/pages/bottleneck.ts";
import { scoringSpec } from "../src/components/pages/scoring.ts";
import { softHardSpec } from "../src/components/pages/soft-vs-hard.ts";
import { costSpec } from "../src/components/pages/cost.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const data = (name: string): any => JSON.parse(readFileSync(new URL(`../src/data/${name}`, import.meta.url), "utf8"));
const silent = (): WorkerLike => ({ postMessage() {}, addEventListener() {}, terminate() {} });
/** The page objects hold no weights here: the worker that would fetch them never runs. */
const NO_WEIGHTS = "";

/** A figure, and what to call once it is serialised (the page object's dispose). */
export interface Prerendered {
  element: Element;
  dispose(): void;
}

/** A figure of `page`, which is disposed once the figure is serialised. */
const withPage = (page: { dispose(): void }, element: Element): Prerendered => ({
  element,
  dispose: () => page.dispose(),
});

export const PRERENDERED: Record<string, () => Prerendered> = {
  "attention-matrix": () => {
    const page = trainingPage(attentionSpec, data("attention-snapshot.json"), { worker: silent, weights: NO_WEIGHTS });
    return withPage(page, page.attentionMatrix());
  },
  "bottleneck-loss": () => {
    const page = trainingPage(bottleneckSpec, data("bottleneck-snapshot.json"), {
      worker: silent,
      weights: NO_WEIGHTS,
      context: true,
    });
    return withPage(page, page.lossFigure());
  },
  "scoring-diagrams": () => ({ element: decoderDiagrams(), dispose() {} }),
  "scoring-multiples": () => {
    const page = comparePage(scoringSpec, data("scoring-snapshot.json"), silent);
    return withPage(page, scoringFigures(page).multiples());
  },
  "soft-vs-hard-multiples": () => {
    const page = comparePage(softHardSpec, data("soft-vs-hard-snapshot.json"), silent);
    return withPage(page, softHardFigures(page).multiples());
  },
  "beyond-caption": () => {
    const snapshots = { caption: data("beyond-caption-snapshot.json"), story: data("beyond-story-snapshot.json") };
    const page = beyondPage(snapshots, { caption: NO_WEIGHTS, story: NO_WEIGHTS }, silent);
    return withPage(page, page.captionFigure());
  },
  "cost-step": () => {
    const attention = { ...data("attention-snapshot.json"), weights: NO_WEIGHTS };
    const page = costPage(costSpec, data("cost-snapshot.json"), attention, silent);
    return withPage(page, page.stepFigure);
  },
  "transformer-heads": () => {
    const page = transformerPage(data("transformer-snapshot.json"), silent);
    return withPage(page, page.heads());
  },
};
