// The Transformer page's worker: trains the page's Transformer and, in a race, the GRU with
// additive attention beside it (train/transformer-race.ts). Backend, pause/step/stop and
// replies are the shared base's (serve.ts).
// TensorFlow.js and its wasm backend first (docs/architecture.md, "Main-thread budget while loading").
import "../tf.js";
import "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js";
import { serveWorker } from "./serve.js";
import { transformerRace, type RaceReport, type TransformerStart } from "../train/transformer-race.js";

serveWorker<TransformerStart, RaceReport>({
  run: (start) => transformerRace(start),
});
