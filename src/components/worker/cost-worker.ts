// The cost page's worker: times training steps and decoding for the three variants of
// measure-cost.ts, and computes self-attention over the pretrained encoder, so the page's main
// thread only draws while the backend is busy. The run loop is the shared one (serve.ts):
// a measurement is a run whose snapshots are points; self-attention waits in the queue, so a
// timing never includes someone else's kernels.
// TensorFlow.js and its wasm backend first (docs/architecture.md, "Main-thread budget while loading").
import "../tf.js";
import "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js";
import { serveWorker, type WorkerHandlers } from "./serve.js";
import { measureCost, type CostConfig, type CostPoint } from "../cost/measure-cost.js";
import { loadCheckpoint, type Seq2Seq } from "../model/index.js";
import { resolveWeights, type WeightsSource } from "./weights-source.js";
import { selfAttention } from "../model/self-attention.js";
import { getTask, makeVocabulary, type Vocabulary } from "../tasks/index.js";

let encoder: { model: Seq2Seq; vocab: Vocabulary } | undefined;

/** A measurement: a discarded pass at the shortest length, then the points as they are timed. */
async function* measureRun(config: Partial<CostConfig>): AsyncGenerator<CostPoint> {
  // The first steps pay for compiling and allocating, which would make the shortest input
  // look slower than the next.
  const warm = config.lengths?.[0];
  if (warm !== undefined) for await (const _ of measureCost({ ...config, lengths: [warm], repeats: 1 })) void _;
  yield* measureCost(config);
}

const handlers: WorkerHandlers<Partial<CostConfig>, CostPoint> = {
  run: measureRun,
  requests: {
    /** Load the pretrained attention model whose encoder the self-attention view reads. */
    load: {
      mode: "queued",
      handle: async ({ checkpoint, task }: { checkpoint: WeightsSource; task: string }) => {
        encoder?.model.dispose();
        encoder = undefined;
        const weights = await resolveWeights(checkpoint);
        encoder = { model: loadCheckpoint(weights), vocab: makeVocabulary(getTask(task).alphabet) };
      },
    },
    "self-attention": {
      mode: "queued",
      handle: (text: string) => {
        if (!encoder) throw new Error("The pretrained model is not loaded.");
        return selfAttention(encoder.model, encoder.vocab, text);
      },
    },
  },
};

serveWorker(handlers);
