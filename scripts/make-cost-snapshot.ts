/**
 * Measures what attention costs on this machine and writes the figures the cost page shows
 * before a reader presses Measure:
 *   node --import tsx --import ./scripts/node-env.ts scripts/make-cost-snapshot.ts
 *     [--longest 80] [--batch 16] [--repeats 3] [--radius 4] [--passes 3] [--out src/data/]
 *   … make-cost-snapshot.ts --self-only
 *     keeps the committed timings and recomputes only the self-attention picture (after
 *     `npm run snapshots` has retrained the attention page's model).
 * Times in Node on the wasm backend (the same kernels the browser's training worker uses);
 * the self-attention picture is computed from the attention page's pretrained encoder.
 */
import { writeFileSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import * as tf from "../src/components/tf.ts";
import { DEFAULT_COST, measureCost, type CostPoint } from "../src/components/cost/measure-cost.ts";
import { costLengths, costVariants, type CostSnapshot } from "../src/components/cost/cost-figures.ts";
import { loadCheckpoint } from "../src/components/model/index.ts";
import { selfAttention } from "../src/components/model/self-attention.ts";
import { getTask, makeVocabulary } from "../src/components/tasks/index.ts";
import { roundMatrix, roundTo } from "../src/components/state/page-snapshot.ts";

const { values: args } = parseArgs({
  options: {
    longest: { type: "string" },
    batch: { type: "string" },
    repeats: { type: "string" },
    radius: { type: "string" },
    passes: { type: "string" },
    out: { type: "string" },
    "self-only": { type: "boolean" },
  },
});
const longest = Number(args.longest ?? 80);
const batchSize = Number(args.batch ?? DEFAULT_COST.batchSize);
const repeats = Number(args.repeats ?? DEFAULT_COST.repeats);
const radius = Number(args.radius ?? 4);
// Each point keeps its fastest median over several passes: on a shared machine other work only
// ever adds time, so the minimum is the figure closest to the model's own cost.
const passes = Number(args.passes ?? 3);
const outDir = args.out ?? new URL("../src/data/", import.meta.url).pathname;

await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js");
if (!(await tf.setBackend("wasm"))) throw new Error("wasm backend failed to start");
await tf.ready();

async function selfPicture(): Promise<CostSnapshot["selfAttention"]> {
  const read = (name: string) => JSON.parse(readFileSync(new URL(`../src/data/${name}`, import.meta.url), "utf-8"));
  const attention = read("attention-snapshot.json");
  // The weights are their own file (the page fetches them in its worker).
  const model = loadCheckpoint(read("attention-checkpoint.json"));
  const text: string = attention.config.probe;
  const self = await selfAttention(model, makeVocabulary(getTask(attention.config.task).alphabet), text);
  model.dispose();
  return { text, tokens: self.tokens, weights: roundMatrix(self.weights, 4)! };
}

if (args["self-only"]) {
  const path = `${outDir.replace(/\/$/, "")}/cost-snapshot.json`;
  const old: CostSnapshot = JSON.parse(readFileSync(path, "utf-8"));
  writeFileSync(path, `${JSON.stringify({ ...old, selfAttention: await selfPicture() })}\n`);
  console.log(`rewrote the self-attention picture of ${path}`);
  process.exit(0);
}

const lengths = costLengths(longest);
// One discarded pass first: the first steps pay for compiling and allocating, which would
// otherwise make the shortest input look slower than it is.
for await (const _ of measureCost({ lengths: [lengths[0]], batchSize, repeats: 1, variants: costVariants(radius) }))
  void _;
const best = new Map<string, CostPoint>();
for (let pass = 1; pass <= passes; pass++) {
  for await (const p of measureCost({
    lengths,
    batchSize,
    repeats,
    hiddenSize: DEFAULT_COST.hiddenSize,
    variants: costVariants(radius),
  })) {
    console.log(
      `pass ${pass}  ${p.variant.padEnd(26)} n=${String(p.length).padStart(3)}  ${p.msPerStep.toFixed(1)} ms/step  ${p.msPerDecode.toFixed(1)} ms/decode  ${p.scoresPerSentence} scores`,
    );
    const key = `${p.variant}@${p.length}`;
    const old = best.get(key);
    best.set(
      key,
      old
        ? {
            ...p,
            msPerStep: Math.min(old.msPerStep, p.msPerStep),
            msPerDecode: Math.min(old.msPerDecode, p.msPerDecode),
          }
        : p,
    );
  }
}
// Two significant digits: timings on a shared machine vary by more than 10% from run to run.
const points = [...best.values()].map((p) => ({
  ...p,
  msPerStep: roundTo(p.msPerStep, 2),
  msPerDecode: roundTo(p.msPerDecode, 2),
}));

const self = await selfPicture();
const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
const snapshot: CostSnapshot = {
  format: "glimpse-cost-snapshot@1",
  command: `node --import tsx --import ./scripts/node-env.ts scripts/make-cost-snapshot.ts --longest ${longest} --batch ${batchSize} --repeats ${repeats} --radius ${radius} --passes ${passes}`,
  machine: `Node.js ${process.versions.node} on ${process.platform} ${process.arch}, ${cpu} (${cpus().length} cores)`,
  backend: tf.getBackend(),
  date: new Date().toISOString().slice(0, 10),
  config: { lengths, batchSize, hiddenSize: DEFAULT_COST.hiddenSize, repeats, passes, window: radius },
  points,
  selfAttention: self,
};
writeFileSync(`${outDir}/cost-snapshot.json`, `${JSON.stringify(snapshot)}\n`);
console.log(`wrote ${outDir}/cost-snapshot.json (${tf.getBackend()})`);
