// The "Beyond translation" page's worker: one image captioner and one story reader, the
// pretrained ones from the page's checkpoints until the reader trains either. A run trains one
// of them with the shared loop (trainLearner); requests caption a drawn scene or answer a
// question with whichever model is current. Base, replies and errors: serve.ts.
// TensorFlow.js and its wasm backend first (docs/architecture.md, "Main-thread budget while loading").
import "../tf.js";
import "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js";
import { serveWorker, type WorkerHandlers } from "./serve.js";
import { createCaptioner, loadCaptioner, type Captioner, type SavedCaptioner } from "../model/captioner.js";
import { createMemoryNetwork, type MemoryNetwork } from "../model/memory-network.js";
import { askReader, loadStoryReader, type StoryReaderCheckpoint } from "../model/story-reader.js";
import { CAPTION_TOKENS } from "../tasks/captions.js";
import { PLACES, STORY_VOCABULARY } from "../tasks/stories.js";
import type { Scene } from "../tasks/scenes.js";
import { captionLearner, captionScene } from "../train/caption.js";
import { storyLearner } from "../train/story-learner.js";
import { trainLearner } from "../train/learner.js";
import type { BeyondReport, BeyondStart } from "./beyond-protocol.js";
import { resolveWeights } from "./weights-source.js";

let captioner: Captioner | undefined;
let reader: MemoryNetwork | undefined;
let maxShapes = 4;
const MISSING = "The model is still loading.";

function useCaptioner(next: Captioner): void {
  if (captioner && captioner !== next) captioner.dispose();
  captioner = next;
}
function useReader(next: MemoryNetwork): void {
  if (reader && reader !== next) reader.dispose();
  reader = next;
}

async function* run(start: BeyondStart): AsyncGenerator<BeyondReport> {
  if (start.model === "caption") {
    const c = start.config;
    const model = createCaptioner({ ...c, vocabSize: CAPTION_TOKENS.length });
    useCaptioner(model);
    maxShapes = Math.max(4, c.maxShapes);
    for await (const { checkpoint: _, ...s } of trainLearner(captionLearner(c, model), c))
      yield { model: "caption", snapshot: s };
  } else {
    const c = start.config;
    const model = createMemoryNetwork({
      vocabSize: STORY_VOCABULARY.size,
      answerCount: PLACES.length,
      memorySize: c.maxSentences,
      embeddingSize: c.embeddingSize,
      hops: c.hops,
      encoding: c.encoding,
      temporal: c.temporal,
      seed: c.seed,
    });
    useReader(model);
    for await (const { checkpoint: _, ...s } of trainLearner(storyLearner(c, model), c))
      yield { model: "story", snapshot: s };
  }
}

const handlers: WorkerHandlers<BeyondStart, BeyondReport> = {
  run,
  isLast: (r) => r.snapshot.status !== "training",
  requests: {
    load: {
      mode: "replaces-run",
      // Each checkpoint itself, or its file's URL: fetched here, so the page never waits for them.
      handle: async (files: { caption: SavedCaptioner | string; story: StoryReaderCheckpoint | string }) => {
        const [caption, story] = await Promise.all([
          resolveWeights<SavedCaptioner>(files.caption),
          resolveWeights<StoryReaderCheckpoint>(files.story),
        ]);
        useCaptioner(loadCaptioner(caption));
        useReader(loadStoryReader(story));
      },
    },
    "caption-scene": async (scene: Scene) => {
      if (!captioner) throw new Error(MISSING);
      return captionScene(captioner, scene, maxShapes);
    },
    ask: async ({ story, question }: { story: string; question: string }) => {
      if (!reader) throw new Error(MISSING);
      return askReader(reader, story, question);
    },
  },
};

serveWorker(handlers);
