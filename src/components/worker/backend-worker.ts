// The home page's worker: it trains nothing, it only chooses the backend the way every live
// page's worker does (worker-backend.ts) and says which, so the page can show the badge
// without loading TensorFlow.js on its main thread.
// TensorFlow.js and its wasm backend first (docs/architecture.md, "Main-thread budget while loading").
import "../tf.js";
import "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js";
import { serveWorker } from "./serve.js";

serveWorker({});
