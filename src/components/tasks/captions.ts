/**
 * Captions as word ids, and batches of scenes as the plain arrays a captioning model reads:
 * pixels, teacher-forcing inputs and targets, and which grid cells each target word names.
 */
import { BOS, EOS, PAD } from "./vocabulary.js";
import { COLOUR_NAMES, SHAPE_KINDS, captionOf, rasterise, shapeCells, type Scene } from "./scenes.js";

/** tokens[id]: the three reserved tokens, then the colours and the shapes. */
export const CAPTION_TOKENS: readonly string[] = ["<pad>", "<s>", "</s>", ...COLOUR_NAMES, ...SHAPE_KINDS];
const IDS = new Map(CAPTION_TOKENS.map((w, i) => [w, i]));

/** Words naming a colour or a shape: the ones attention correctness is measured on (all of them, here). */
export const isContentWord = (word: string) =>
  (COLOUR_NAMES as readonly string[]).includes(word) || (SHAPE_KINDS as readonly string[]).includes(word);

export function encodeWords(words: readonly string[]): number[] {
  return words.map((w) => {
    const id = IDS.get(w);
    if (id === undefined || id < 3)
      throw new Error(`"${w}" is not a caption word. Words: ${CAPTION_TOKENS.slice(3).join(", ")}.`);
    return id;
  });
}

/** Words for ids, stopping at the end marker and skipping padding and the start marker. */
export function decodeWords(ids: readonly number[]): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (id === EOS) break;
    if (id > EOS && id < CAPTION_TOKENS.length) out.push(CAPTION_TOKENS[id]);
  }
  return out;
}

/** The longest caption (two words a shape) plus its end marker. */
export const captionSteps = (maxShapes: number) => 2 * maxShapes + 1;

export interface CaptionBatch {
  batchSize: number;
  imageSize: number;
  /** RGB pixels [B, imageSize, imageSize, 3], row-major, in [0, 1]. */
  images: Float32Array;
  /** Decoder inputs per example: BOS then the caption, right-padded to `steps`. */
  targetIn: number[][];
  /** Expected outputs per example: the caption then EOS, right-padded with PAD. */
  targetOut: number[][];
  /** For each example and target step, the grid cells of the shape that word names ([] for EOS and padding). */
  cells: number[][][];
  /** Cells in the grid (grid²). */
  cellCount: number;
}

/** Turns scenes into a batch for a grid × grid encoder; captions are padded to `steps` positions. */
export function captionBatch(scenes: readonly Scene[], grid: number, steps: number): CaptionBatch {
  const B = scenes.length;
  const S = scenes[0].imageSize;
  const images = new Float32Array(B * S * S * 3);
  const targetIn: number[][] = [];
  const targetOut: number[][] = [];
  const cells: number[][][] = [];
  scenes.forEach((scene, b) => {
    if (scene.imageSize !== S) throw new Error("Every scene in a batch must have the same image size.");
    images.set(rasterise(scene), b * S * S * 3);
    const caption = captionOf(scene);
    if (caption.words.length + 1 > steps)
      throw new Error(`A caption of ${caption.words.length} words does not fit ${steps} steps.`);
    const ids = encodeWords(caption.words);
    const pad = (row: number[]) => [...row, ...new Array(steps - row.length).fill(PAD)];
    targetIn.push(pad([BOS, ...ids]).slice(0, steps));
    targetOut.push(pad([...ids, EOS]));
    const byShape = shapeCells(scene, grid);
    cells.push(Array.from({ length: steps }, (_, t) => (t < caption.words.length ? byShape[caption.shapeOf[t]] : [])));
  });
  return { batchSize: B, imageSize: S, images, targetIn, targetOut, cells, cellCount: grid * grid };
}
