// The cost page's worker: times training steps and decoding for the three variants of
// measure-cost.ts, and computes self-attention over the pretrained encoder, so the page's main
// thread only draws while the backend is busy. Started by ui/cost-client.ts.
import { workerBackend } from "./worker-backend.js";
import { measureCost } from "../cost/measure-cost.js";
import { loadCheckpoint, type Seq2Seq } from "../model/index.js";
import { selfAttention } from "../model/self-attention.js";
import { getTask, makeVocabulary, type Vocabulary } from "../tasks/index.js";
import type { FromCostWorker, ToCostWorker } from "./cost-protocol.js";

const post = (message: FromCostWorker) => (self as unknown as Worker).postMessage(message);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const { init: resolveInit, ready: backend } = workerBackend(post);

let encoder: { model: Seq2Seq; vocab: Vocabulary } | undefined;
let run: { id: number; cancelled: boolean } | undefined;
// Work is serialised: measurements and self-attention never share the backend at once, so a
// timing never includes someone else's kernels.
let queue: Promise<void> = Promise.resolve();
const enqueue = (job: () => Promise<void>) => (queue = queue.then(job, job));

async function measure(id: number, config: Extract<ToCostWorker, { type: "measure" }>["config"]): Promise<void> {
  const mine = { id, cancelled: false };
  run = mine;
  await backend;
  let cancelled = false;
  try {
    // A discarded pass at the shortest length first: the first steps pay for compiling and
    // allocating, which would make the shortest input look slower than the next.
    const warm = config.lengths?.[0];
    if (warm !== undefined) for await (const _ of measureCost({ ...config, lengths: [warm], repeats: 1 })) void _;
    if (mine.cancelled) {
      post({ type: "done", runId: id, cancelled: true });
      return;
    }
    const points = measureCost(config);
    for await (const point of points) {
      post({ type: "point", runId: id, point });
      if (mine.cancelled) {
        cancelled = true;
        await points.return(undefined); // runs measureCost's finally: its tensors are freed
        break;
      }
    }
    post({ type: "done", runId: id, cancelled });
  } catch (e) {
    post({ type: "run-error", runId: id, message: errorText(e) });
  } finally {
    if (run === mine) run = undefined;
  }
}

self.addEventListener("message", (e: MessageEvent<ToCostWorker>) => {
  const m = e.data;
  switch (m.type) {
    case "init":
      resolveInit(m.wasmPaths);
      break;
    case "load":
      enqueue(async () => {
        await backend;
        encoder?.model.dispose();
        encoder = { model: loadCheckpoint(m.checkpoint), vocab: makeVocabulary(getTask(m.task).alphabet) };
      });
      break;
    case "measure":
      if (run) run.cancelled = true;
      enqueue(() => measure(m.runId, m.config));
      break;
    case "stop":
      if (run) run.cancelled = true;
      break;
    case "self-attention":
      enqueue(async () => {
        try {
          if (!encoder) throw new Error("The pretrained model is not loaded yet.");
          const result = await selfAttention(encoder.model, encoder.vocab, m.text);
          post({ type: "reply", requestId: m.requestId, ok: true, result });
        } catch (err) {
          post({ type: "reply", requestId: m.requestId, ok: false, message: errorText(err) });
        }
      });
      break;
  }
});
