// Build step (npm run build, after Framework's): each worker becomes one file. Framework keeps
// every local module its own file, which a page preloads (<link rel="modulepreload">) but a worker
// cannot: a worker discovers its imports one level at a time, and the training worker's graph is
// ~50 modules, four imports deep. Each level is a round trip behind the page's own requests: in a
// request log the last of them arrived ~0.5 s after TensorFlow.js had (issue 13).
// esbuild follows the built files' relative imports into one module, written over the entry, so
// the page's URL for it is unchanged. Packages (dist/_node/: TensorFlow.js, 1.5 MB) stay their own
// files, imported by the bundle's first lines: every page's worker shares one cached copy.
import { readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { build, type Plugin } from "esbuild";

/** A worker entry as Framework names it: src/components/worker/NAME-worker.ts, hashed. */
export const WORKER_ENTRY = /^[a-z-]+-worker\.[0-9a-f]{8}\.js$/;

/** Bundles `file` (a built worker entry) with everything it imports; returns the code. */
export async function bundleWorker(file: string, dist: string): Promise<string> {
  const packages = resolve(dist, "_node") + sep;
  const from = dirname(resolve(file));
  const keepPackages: Plugin = {
    name: "keep-packages",
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        const target = resolve(args.resolveDir, args.path);
        if (!target.startsWith(packages)) return undefined;
        // Written as seen from the bundle's own place (the entry's), not the importing module's.
        return { path: relative(from, target).split(sep).join("/"), external: true };
      });
    },
  };
  const result = await build({
    plugins: [keepPackages],
    entryPoints: [file],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    logLevel: "error",
  });
  return result.outputFiles[0].text;
}

async function main(dist: string): Promise<void> {
  const dir = join(dist, "_import", "components", "worker");
  const entries = readdirSync(dir).filter((f) => WORKER_ENTRY.test(f));
  if (entries.length === 0) throw new Error(`bundle-workers: no worker entries in ${dir}`);
  const sizes: string[] = [];
  for (const entry of entries) {
    const code = await bundleWorker(join(dir, entry), dist);
    writeFileSync(join(dir, entry), code);
    sizes.push(`${entry.replace(/\.[0-9a-f]{8}\.js$/, "")} ${(code.length / 1024).toFixed(0)} kB`);
  }
  console.log(`bundle-workers: ${sizes.join("; ")} in ${dir}/`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv[2] ?? "dist");
