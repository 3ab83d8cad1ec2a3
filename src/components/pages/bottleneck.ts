// The bottleneck page's spec: one seq2seq model without attention, reversing words.
import { BOTTLENECK_DEFAULTS } from "./page-configs.js";
import { trainingSpec } from "./training-spec.js";

export const bottleneckSpec = trainingSpec("bottleneck", BOTTLENECK_DEFAULTS);
