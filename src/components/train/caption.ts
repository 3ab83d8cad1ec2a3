/**
 * The image captioner as a `Learner`: a seeded stream of synthetic scenes, the teacher-forced
 * loss, and an evaluation on held-out scenes that reports exact match, word accuracy and
 * attention correctness beside its uniform baseline, plus a probe (one scene's caption with
 * the attention of every word) in plain arrays. `captionScene` captions a reader's own scene.
 */
import * as tf from "../tf.js";
import { captionBatch, captionSteps, CAPTION_TOKENS, decodeWords } from "../tasks/captions.js";
import { EOS } from "../tasks/vocabulary.js";
import { captionOf, sceneStream, shapeCells, validateScene, type Scene } from "../tasks/scenes.js";
import {
  captionLoss,
  captionTensors,
  createCaptioner,
  decodeCaptions,
  disposeCaptionTensors,
  saveCaptioner,
  teacherForcedAttention,
  type Captioner,
  type CaptionTensors,
  type SavedCaptioner,
} from "../model/captioner.js";
import { updateBaseline, type HardAttentionSettings } from "../model/loss.js";
import { attentionCorrectness, scoreCaptions } from "./caption-metrics.js";
import { DEFAULT_CAPTION, type CaptionConfig } from "./caption-config.js";
import { trainLearner, type Evaluation, type Learner, type LearnerSnapshot, type LoopOptions } from "./learner.js";

export { DEFAULT_CAPTION, type CaptionConfig } from "./caption-config.js";

export function resolveCaptionConfig(partial: Partial<CaptionConfig> = {}): CaptionConfig {
  const c = { ...DEFAULT_CAPTION, ...partial };
  for (const [name, max] of [
    ["steps", 1_000_000],
    ["batchSize", 4096],
    ["reportEvery", 1_000_000],
    ["evalEvery", 1_000_000],
    ["testSize", 10_000],
  ] as const) {
    if (!Number.isInteger(c[name]) || c[name] < 1 || c[name] > max) {
      throw new Error(`${name} must be a whole number from 1 to ${max} (got ${c[name]}).`);
    }
  }
  if (!(c.learningRate > 0 && c.learningRate <= 10)) throw new Error(`Learning rate must be above 0 and at most 10.`);
  return c;
}

/** One scene's caption and where the model looked for each word: what the page draws. */
export interface CaptionProbe {
  /** The scene itself: the page draws it with the same rasteriser the model read. */
  scene: Scene;
  grid: number;
  /** The model's caption, and one row label per attention row (the words, then "</s>" if it stopped). */
  words: string[];
  tokens: string[];
  /** α over the cells for every token [tokens][grid²], cells row-major. */
  attention: number[][];
  /** Hard attention: the one cell each token used, one-hot [tokens][grid²]. */
  picks?: number[][];
  /** The true caption and, for each of its words, the cells of the shape it names. */
  target: string[];
  targetCells: number[][];
  correct: boolean;
}

/** Captions one scene (a held-out one, or one a reader drew) with every word's attention. */
export async function captionScene(model: Captioner, scene: Scene, maxShapes = 4): Promise<CaptionProbe> {
  const { grid, imageSize } = model.captionConfig;
  validateScene(scene, imageSize);
  const steps = captionSteps(Math.max(maxShapes, scene.shapes.length));
  const batch = captionBatch([scene], grid, steps);
  const images = tf.tensor4d(batch.images, [1, imageSize, imageSize, 3]);
  try {
    const decoded = await decodeCaptions(model, images, steps, true);
    const words = decodeWords(decoded.ids[0]);
    const rows = Math.min(steps, words.length + (decoded.ids[0].includes(EOS) ? 1 : 0));
    const caption = captionOf(scene);
    const cells = shapeCells(scene, grid);
    return {
      scene,
      grid,
      words,
      tokens: [...words, "</s>"].slice(0, rows),
      attention: decoded.weights![0].slice(0, rows),
      picks: decoded.picks?.[0].slice(0, rows),
      target: caption.words,
      targetCells: caption.shapeOf.map((i) => cells[i]),
      correct: words.join(" ") === caption.words.join(" "),
    };
  } finally {
    images.dispose();
  }
}

export type CaptionLearner = Learner<CaptionTensors, CaptionProbe, SavedCaptioner> & {
  model: Captioner;
  config: CaptionConfig;
  /** The held-out scenes, the first of which is the probe. */
  testScenes: Scene[];
};

/** Derived seeds: training data, held-out data and weights never share a stream. */
const TEST_SEED_OFFSET = 1_000_003;

/** A captioner on synthetic scenes as a `Learner`; a model passed in stays the caller's. */
export function captionLearner(partial: Partial<CaptionConfig> = {}, model?: Captioner): CaptionLearner {
  const config = resolveCaptionConfig(partial);
  const own = !model;
  if (model && model.captionConfig.imageSize !== config.imageSize) {
    throw new Error(
      `The model reads ${model.captionConfig.imageSize}-pixel images; the scenes are ${config.imageSize} pixels.`,
    );
  }
  const m = model ?? createCaptioner({ ...config, vocabSize: CAPTION_TOKENS.length });
  const steps = captionSteps(config.maxShapes);
  const nextScene = sceneStream(config, config.seed);
  const testScenes = Array.from({ length: config.testSize }, sceneStream(config, config.seed + TEST_SEED_OFFSET));
  const testBatch = captionBatch(testScenes, m.captionConfig.grid, steps);
  const testTensors = captionTensors(testBatch);
  const targets = testScenes.map((s) => captionOf(s).words);
  const counts = testScenes.map((s) => s.shapes.length);
  const hard: HardAttentionSettings | undefined =
    m.config.mode === "hard"
      ? {
          entropyBonus: config.entropyBonus,
          baseline: tf.tidy(() => tf.variable(tf.scalar(0), false)),
          baselineDecay: config.baselineDecay,
        }
      : undefined;

  const evaluate = async (): Promise<Evaluation<CaptionProbe>> => {
    const decoded = await decodeCaptions(m, testTensors.images, steps);
    const scores = scoreCaptions(
      targets,
      decoded.ids.map((ids) => decodeWords(ids)),
      counts,
    );
    const attention = attentionCorrectness(await teacherForcedAttention(m, testTensors), testBatch.cells);
    // Guessing each word among the four colours or four shapes, knowing how many shapes there are.
    const chance = counts.reduce((s, n) => s + (1 / 16) ** n, 0) / counts.length;
    return {
      ...scores,
      metrics: {
        attentionCorrectness: attention.correctness,
        uniformBaseline: attention.uniform,
        chanceExactMatch: chance,
      },
      probe: await captionScene(m, testScenes[0], config.maxShapes),
    };
  };

  return {
    model: m,
    config,
    testScenes,
    params: m.params,
    parameterCount: m.parameterCount,
    chanceLoss: Math.log(CAPTION_TOKENS.length),
    nextBatch: (size) =>
      captionTensors(captionBatch(Array.from({ length: size }, nextScene), m.captionConfig.grid, steps)),
    loss: (batch, seed) => captionLoss(m, batch, { sample: true, seed, hard }),
    afterStep: ({ meanReward }) => updateBaseline(hard, meanReward),
    disposeBatch: disposeCaptionTensors,
    evaluate,
    save: () => saveCaptioner(m),
    dispose: () => {
      disposeCaptionTensors(testTensors);
      hard?.baseline.dispose();
      if (own) m.dispose();
    },
  };
}

export type CaptionSnapshot = LearnerSnapshot<CaptionProbe, SavedCaptioner>;

/** Trains a captioner and yields plain snapshots (stop it with `return()`; it frees its tensors). */
export async function* trainCaptioner(
  partial: Partial<CaptionConfig> = {},
  options: LoopOptions & { model?: Captioner } = {},
): AsyncGenerator<CaptionSnapshot> {
  const learner = captionLearner(partial, options.model);
  yield* trainLearner(learner, learner.config, options);
}
