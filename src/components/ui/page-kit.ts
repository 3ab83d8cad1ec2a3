// Everything the bottleneck and attention pages use on the main thread, bundled into one
// module by src/data/page-kit.js.ts (see there for why).
export { TrainerClient } from "./trainer-client.ts";
export { trainerControls } from "./trainer-controls.ts";
export { trySentence } from "./try-sentence.ts";
export { BOTTLENECK_DEFAULTS, ATTENTION_DEFAULTS } from "./page-configs.ts";
export { lossSeries, lengthSummary, figure } from "./page-figures.ts";
export { lineChart } from "../charts/lineChart.ts";
export { accuracyByLength } from "../charts/accuracyByLength.ts";
export { vectorStrip } from "../charts/vectorStrip.ts";
export { scatterPlot } from "../charts/scatterPlot.ts";
export { attentionHeatmap, updateAttentionHeatmap } from "../charts/attentionHeatmap.ts";
