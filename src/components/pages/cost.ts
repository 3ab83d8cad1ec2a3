// The cost page's spec: what a measurement times (lengths, batch, repeats, the local window)
// and the sentence whose self-attention is drawn.
import type { CostConfig } from "../cost/cost-variants.js";
import { costLengths, costVariants } from "../cost/cost-figures.js";
import type { PageSpec, Settings } from "./spec.js";

export const costSpec: PageSpec<Partial<CostConfig>> = {
  page: "cost",
  controls: [
    { key: "longest", kind: "range", label: "Longest input", min: 8, max: 160, step: 8, default: 80 },
    { key: "batch", kind: "range", label: "Batch size", min: 1, max: 64, step: 1, default: 16, advanced: true },
    // The build machine's snapshot times 5 repeats; a reader's measurement 3, to finish sooner.
    { key: "repeats", kind: "range", label: "Timed repeats", min: 1, max: 7, step: 1, default: 3, advanced: true },
    { key: "radius", kind: "range", label: "Window radius D", min: 1, max: 16, step: 1, default: 4, advanced: true },
    {
      key: "text",
      kind: "text",
      label: "Sentence",
      maxLength: 40,
      default: "the cat sat on the mat",
      submit: "Show",
      advanced: true,
      // Shown beside the self-attention picture it chooses, not in the control rows.
      detached: true,
    },
  ],
  config(s: Settings): Partial<CostConfig> {
    return {
      lengths: costLengths(Number(s.longest)),
      batchSize: Number(s.batch),
      repeats: Number(s.repeats),
      hiddenSize: 32,
      variants: costVariants(Number(s.radius)),
    };
  },
};
