// The Transformer page's worker: trains the page's Transformer and, in a race, the GRU with
// additive attention beside it (train/transformer-race.ts). Backend, pause/step/stop and
// replies are the shared base's (serve.ts).
// First, so the heaviest modules (TensorFlow.js and its wasm backend, 2 MB) start loading at
// once rather than three imports deep (serve → worker-backend → tf): half a second sooner here.
import "../tf.js";
import "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.js";
import { serveWorker } from "./serve.js";
import { transformerRace, type RaceReport, type TransformerStart } from "../train/transformer-race.js";

serveWorker<TransformerStart, RaceReport>({
  run: (start) => transformerRace(start),
});
