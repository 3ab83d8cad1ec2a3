// The Transformer page's worker: trains the page's Transformer and, in a race, the GRU with
// additive attention beside it (train/transformer-race.ts). Backend, pause/step/stop and
// replies are the shared base's (serve.ts).
import { serveWorker } from "./serve.js";
import { transformerRace, type RaceReport, type TransformerStart } from "../train/transformer-race.js";

serveWorker<TransformerStart, RaceReport>({
  run: (start) => transformerRace(start),
});
