// Lets the browser bundle of tfjs (src/components/tf.ts) run under Node: the bundle calls
// require("util"), and the wasm backend locates its .wasm files through __dirname.
// Import this module before anything that imports tfjs (tests use it via --import).
import { createRequire } from "node:module";
import { dirname } from "node:path";

const require = createRequire(import.meta.url);
const g = globalThis as { require?: NodeRequire; __dirname?: string };
g.require ??= require;
g.__dirname ??= dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"));
