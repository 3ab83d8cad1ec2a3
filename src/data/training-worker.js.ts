// Framework data loader: the training worker (src/components/worker/training-worker.ts) and
// everything it imports, tfjs included, as one module. Pages start it with
//   new Worker(await FileAttachment("./data/training-worker.js").url(), {type: "module"})
import { fileURLToPath } from "node:url";
import { bundleModule } from "../../scripts/bundle-module.ts";

process.stdout.write(await bundleModule(fileURLToPath(new URL("../components/worker/training-worker.ts", import.meta.url))));
