// Framework data loader: the main-thread code of the live-model pages (trainer client,
// controls, charts) as one module, loaded with
//   const kit = await import(await FileAttachment("./data/page-kit.js").url());
import { fileURLToPath } from "node:url";
import { bundleModule } from "../../scripts/bundle-module.ts";

process.stdout.write(await bundleModule(fileURLToPath(new URL("../components/ui/page-kit.ts", import.meta.url))));
