/**
 * The Chromium side: bundles bench/browser-entry.ts with esbuild into bench/.out/ (ignored by
 * git) next to the tfjs wasm files and a one-line page, serves that folder on 127.0.0.1 (with
 * application/wasm, or tfjs falls back to slower instantiation), and drives headless Chromium
 * with playwright-core. Each backend runs in a fresh page, so one that crashes or hangs
 * cannot spoil the next; every failure comes back as a report with `error`.
 */
import { build, type Plugin } from "esbuild";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { builtinModules, createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { chromiumPath, launchBrowser } from "../test/browser/harness.ts";
import { startServer, type Server } from "../test/browser/server.ts";
import type { BrowserBenchApi } from "./browser-entry.ts";
import type { BackendReport, MeasureSpec, TimeTo99Result, TimeTo99Spec } from "./spec.ts";

export const OUT_DIR = fileURLToPath(new URL("./.out/", import.meta.url));
const PROGRESS_PREFIX = "[bench] ";
const WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];

/**
 * The tfjs bundles mention Node built-ins (fs, path, worker_threads, string_decoder...) on code
 * paths that run only in Node, some as top-level imports: give the browser bundle empty stand-ins.
 */
const stubNodeBuiltins: Plugin = {
  name: "stub-node-builtins",
  setup(b) {
    const names = new Set(builtinModules);
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
      names.has(args.path.replace(/^node:/, "")) ? { path: args.path, namespace: "node-stub" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "node-stub" }, () => ({ contents: "module.exports = {};", loader: "js" }));
  },
};

/** Writes bench/.out/: index.html, bench.js and the three .wasm files. */
export async function buildPage(): Promise<void> {
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL("./browser-entry.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outfile: join(OUT_DIR, "bench.js"),
    plugins: [stubNodeBuiltins],
    logLevel: "error",
  });
  const wasmDir = dirname(
    createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"),
  );
  await Promise.all(WASM_FILES.map((f) => copyFile(join(wasmDir, f), join(OUT_DIR, f))));
  await writeFile(
    join(OUT_DIR, "index.html"),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Glimpse bench</title><link rel="icon" href="data:,"><script type="module" src="bench.js"></script></html>\n`,
  );
}

export interface BrowserSession {
  version: string;
  measure(backend: string, spec: MeasureSpec, timeoutMs: number): Promise<BackendReport>;
  timeTo99(backend: string, spec: TimeTo99Spec, timeoutMs: number): Promise<TimeTo99Result>;
  close(): Promise<void>;
}

type Api = { glimpseBench: BrowserBenchApi };

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${Math.round(ms / 1000)} s; abandoned`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const message = (e: unknown) => (e instanceof Error ? e.message.split("\n")[0] : String(e));

/** Builds, serves and launches; throws (with the reason) when Chromium is missing or will not start. */
export async function openBrowserBench(progress: (line: string) => void): Promise<BrowserSession> {
  await buildPage();
  const server: Server = await startServer(OUT_DIR);
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.close();
    throw new Error(`Chromium did not start (${chromiumPath()}; set CHROMIUM_PATH): ${message(e)}`);
  }

  /** A fresh page with the bench loaded; its console's progress lines go to `progress`. */
  async function openPage(): Promise<Page> {
    const page = await browser.newPage();
    page.on("console", (m) => {
      const text = m.text();
      if (text.startsWith(PROGRESS_PREFIX)) progress(text.slice(PROGRESS_PREFIX.length));
      else if (m.type() === "error") progress(`chromium console error: ${text}`);
    });
    page.on("pageerror", (e) => progress(`chromium page error: ${e.message}`));
    // BENCH_STOCK_WASM=1: the wasm backend's own Slice/Unpack/SplitV (src/components/wasm-kernels.ts off), for before/after.
    await page.goto(`${server.url}/${process.env.BENCH_STOCK_WASM === "1" ? "?stock-wasm" : ""}`, {
      waitUntil: "load",
    });
    await page.waitForFunction(() => "glimpseBench" in globalThis, null, { timeout: 60_000 });
    return page;
  }

  async function inPage<T>(what: string, timeoutMs: number, run: (page: Page) => Promise<T>): Promise<T> {
    const page = await openPage();
    try {
      return await withTimeout(run(page), timeoutMs, what);
    } finally {
      await page.close().catch(() => {});
    }
  }

  return {
    version: `${browser.browserType().name()} ${browser.version()}`,
    async measure(backend, spec, timeoutMs) {
      try {
        return await inPage(`chromium/${backend}`, timeoutMs, (page) =>
          page.evaluate(([b, s]) => (globalThis as unknown as Api).glimpseBench.measure(b, s), [
            backend,
            spec,
          ] as const),
        );
      } catch (e) {
        return { where: "chromium", backend, error: message(e), rows: [] };
      }
    },
    timeTo99(backend, spec, timeoutMs) {
      return inPage(`time to 99% on chromium/${backend}`, timeoutMs, (page) =>
        page.evaluate(([b, s]) => (globalThis as unknown as Api).glimpseBench.timeTo99(b, s), [backend, spec] as const),
      );
    },
    async close() {
      await browser.close().catch(() => {});
      await server.close().catch(() => {});
    },
  };
}
