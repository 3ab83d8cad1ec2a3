// Bundles one TypeScript entry and everything it imports into a single browser ES module,
// for the Framework data loaders in src/data/*.js.ts. Framework 1.13 does not follow the
// ".ts" import specifiers the model tier and charts use, so pages and the worker load these
// bundles instead (a Worker by URL, page code by dynamic import).
import { build } from "esbuild";

// tfjs's Node branches name Node built-ins; they never run in a browser: empty modules.
const NODE_BUILTINS = /^(node:)?(fs|path|os|crypto|worker_threads|perf_hooks|util|buffer|stream|string_decoder)$/;

export async function bundleModule(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
    logLevel: "error",
    plugins: [
      {
        name: "no-node-builtins",
        setup(b) {
          b.onResolve({ filter: NODE_BUILTINS }, (args) => ({ path: args.path, namespace: "empty" }));
          b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "module.exports = {};", loader: "js" }));
        },
      },
    ],
  });
  return result.outputFiles[0].text;
}
