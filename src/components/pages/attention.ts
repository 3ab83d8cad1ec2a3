// The attention page's spec: the bottleneck page's controls plus a task switch, additive attention.
import { ATTENTION_DEFAULTS } from "./page-configs.js";
import { trainingSpec } from "./training-spec.js";

export const attentionSpec = trainingSpec("attention", ATTENTION_DEFAULTS, { task: true });
