/**
 * Synthetic scenes for image captioning ("Show, Attend and Tell", Xu et al. 2015, in miniature):
 * a few coloured shapes at random places, drawn into RGB pixels with plain JavaScript (no canvas,
 * so Node tests and the worker draw the same image), and a caption that names the shapes from
 * left to right ("red circle blue square"). The generator knows every shape's pixels, so each
 * caption word maps to the grid cells of the shape it names: the ground truth that attention
 * correctness is measured against. The model only ever sees the pixels.
 */
import { seededRandom, type Random } from "../random.js";

export const SHAPE_KINDS = ["circle", "square", "triangle", "cross"] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];
export const COLOUR_NAMES = ["red", "green", "blue", "yellow"] as const;
export type ColourName = (typeof COLOUR_NAMES)[number];

/** RGB in [0, 1]; the background is white. Chosen to stay distinct for colour-blind readers too (different lightness). */
export const COLOURS: Record<ColourName, readonly [number, number, number]> = {
  red: [0.84, 0.15, 0.16],
  green: [0.1, 0.6, 0.25],
  blue: [0.12, 0.3, 0.85],
  yellow: [0.96, 0.78, 0.06],
};
export const BACKGROUND: readonly [number, number, number] = [1, 1, 1];

export interface SceneShape {
  shape: ShapeKind;
  colour: ColourName;
  /** Centre in pixels (continuous: 0 is the image's left/top edge). */
  x: number;
  y: number;
  /** Side of the shape's bounding box in pixels. */
  size: number;
}

export interface Scene {
  /** Width and height of the square image in pixels. */
  imageSize: number;
  shapes: SceneShape[];
}

export interface SceneConfig {
  imageSize: number;
  minShapes: number;
  maxShapes: number;
  /** Bounding-box side range in pixels. */
  minShapeSize: number;
  maxShapeSize: number;
}

export const DEFAULT_SCENES: SceneConfig = {
  imageSize: 32,
  minShapes: 2,
  maxShapes: 3,
  minShapeSize: 7,
  maxShapeSize: 10,
};

/** Shapes' centres differ by at least this many pixels across, so "left to right" is never a coin toss. */
export const MIN_X_SEPARATION = 4;

export function validateSceneConfig(c: SceneConfig): void {
  const whole = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi)
      throw new Error(`${name} must be a whole number from ${lo} to ${hi} (got ${v}).`);
  };
  whole("imageSize", c.imageSize, 8, 128);
  whole("minShapes", c.minShapes, 1, 4);
  whole("maxShapes", c.maxShapes, c.minShapes, 4);
  whole("minShapeSize", c.minShapeSize, 3, c.imageSize);
  whole("maxShapeSize", c.maxShapeSize, c.minShapeSize, Math.floor(c.imageSize / 2));
}

/** Whether the point (px, py) lies inside the shape (continuous geometry, pixel units). */
export function insideShape(s: SceneShape, px: number, py: number): boolean {
  const r = s.size / 2;
  const dx = px - s.x;
  const dy = py - s.y;
  switch (s.shape) {
    case "circle":
      return dx * dx + dy * dy <= r * r;
    case "square": // a little smaller than its box, so its area is close to the circle's
      return Math.abs(dx) <= 0.85 * r && Math.abs(dy) <= 0.85 * r;
    case "triangle": // apex up, base along the bottom of the box
      return dy >= -r && dy <= r && Math.abs(dx) <= (dy + r) / 2;
    case "cross": {
      const arm = r / 3;
      return (Math.abs(dx) <= arm && Math.abs(dy) <= r) || (Math.abs(dy) <= arm && Math.abs(dx) <= r);
    }
  }
}

/** Sub-pixel sample offsets (2×2 per pixel): edges get partial coverage, a cheap anti-aliasing. */
const SUBSAMPLES = [0.25, 0.75];

/** Coverage of every pixel by one shape, in [0, 1], row-major [imageSize * imageSize]. */
export function shapeCoverage(s: SceneShape, imageSize: number): Float32Array {
  const out = new Float32Array(imageSize * imageSize);
  const r = s.size / 2 + 1;
  const y0 = Math.max(0, Math.floor(s.y - r));
  const y1 = Math.min(imageSize - 1, Math.ceil(s.y + r));
  const x0 = Math.max(0, Math.floor(s.x - r));
  const x1 = Math.min(imageSize - 1, Math.ceil(s.x + r));
  for (let i = y0; i <= y1; i++) {
    for (let j = x0; j <= x1; j++) {
      let hits = 0;
      for (const oy of SUBSAMPLES) for (const ox of SUBSAMPLES) if (insideShape(s, j + ox, i + oy)) hits++;
      out[i * imageSize + j] = hits / 4;
    }
  }
  return out;
}

/** A shape's pixel mask: pixels at least half covered, row-major [imageSize * imageSize]. */
export function shapeMask(s: SceneShape, imageSize: number): Uint8Array {
  const coverage = shapeCoverage(s, imageSize);
  const mask = new Uint8Array(coverage.length);
  for (let p = 0; p < coverage.length; p++) mask[p] = coverage[p] >= 0.5 ? 1 : 0;
  return mask;
}

/** The RGB image, row-major [imageSize, imageSize, 3] in [0, 1]; later shapes paint over earlier ones. */
export function rasterise(scene: Scene): Float32Array {
  const S = scene.imageSize;
  const image = new Float32Array(S * S * 3);
  for (let p = 0; p < S * S; p++) for (let k = 0; k < 3; k++) image[p * 3 + k] = BACKGROUND[k];
  for (const s of scene.shapes) {
    const coverage = shapeCoverage(s, S);
    const colour = COLOURS[s.colour];
    for (let p = 0; p < S * S; p++) {
      const a = coverage[p];
      if (a === 0) continue;
      for (let k = 0; k < 3; k++) image[p * 3 + k] = (1 - a) * image[p * 3 + k] + a * colour[k];
    }
  }
  return image;
}

/**
 * The grid cells (row-major indices into a grid × grid layout over the image) that hold any
 * pixel of each shape's mask: what a word naming that shape should attend to.
 */
export function shapeCells(scene: Scene, grid: number): number[][] {
  const S = scene.imageSize;
  if (!Number.isInteger(grid) || grid < 1 || S % grid !== 0)
    throw new Error(`A grid of ${grid} does not divide ${S} pixels.`);
  const cell = S / grid;
  return scene.shapes.map((s) => {
    const mask = shapeMask(s, S);
    const hit = new Uint8Array(grid * grid);
    for (let i = 0; i < S; i++) {
      for (let j = 0; j < S; j++) if (mask[i * S + j]) hit[Math.floor(i / cell) * grid + Math.floor(j / cell)] = 1;
    }
    const cells: number[] = [];
    hit.forEach((h, c) => h && cells.push(c));
    return cells;
  });
}

/** Shape indices in caption order: left to right by centre (top to bottom on a tie). */
export function readingOrder(scene: Scene): number[] {
  return scene.shapes
    .map((_, i) => i)
    .sort((a, b) => scene.shapes[a].x - scene.shapes[b].x || scene.shapes[a].y - scene.shapes[b].y);
}

export interface Caption {
  /** "red circle blue square" as words. */
  words: string[];
  /** For each word, the index in scene.shapes of the shape it names. */
  shapeOf: number[];
}

/** The caption: colour and kind of every shape, left to right. */
export function captionOf(scene: Scene): Caption {
  const words: string[] = [];
  const shapeOf: number[] = [];
  for (const i of readingOrder(scene)) {
    words.push(scene.shapes[i].colour, scene.shapes[i].shape);
    shapeOf.push(i, i);
  }
  return { words, shapeOf };
}

/** Boxes (with a pixel of air between them) do not overlap. */
function apart(a: SceneShape, b: SceneShape): boolean {
  const gap = (a.size + b.size) / 2 + 1;
  return Math.abs(a.x - b.x) >= gap || Math.abs(a.y - b.y) >= gap;
}

/** One random scene: shapes inside the image, not overlapping, distinct across. */
export function randomScene(rng: Random, c: SceneConfig): Scene {
  const count = rng.int(c.minShapes, c.maxShapes);
  for (;;) {
    const shapes: SceneShape[] = [];
    for (let tries = 0; shapes.length < count && tries < 200; tries++) {
      const size = rng.int(c.minShapeSize, c.maxShapeSize);
      const room = c.imageSize - size;
      const candidate: SceneShape = {
        shape: rng.pick(SHAPE_KINDS),
        colour: rng.pick(COLOUR_NAMES),
        x: size / 2 + rng.next() * room,
        y: size / 2 + rng.next() * room,
        size,
      };
      const fits = shapes.every((s) => apart(s, candidate) && Math.abs(s.x - candidate.x) >= MIN_X_SEPARATION);
      if (fits) shapes.push(candidate);
    }
    if (shapes.length === count) return { imageSize: c.imageSize, shapes };
  }
}

/** A seeded, endless stream of scenes. */
export function sceneStream(c: SceneConfig, seed: number): () => Scene {
  validateSceneConfig(c);
  const rng = seededRandom(seed);
  return () => randomScene(rng, c);
}

/** Checks a reader's scene ("draw your own") and says in words what is wrong with it. */
export function validateScene(scene: Scene, imageSize: number): void {
  if (scene.imageSize !== imageSize)
    throw new Error(`The scene is ${scene.imageSize} pixels wide; this model reads ${imageSize}.`);
  if (scene.shapes.length === 0) throw new Error("Place at least one shape.");
  for (const s of scene.shapes) {
    if (!SHAPE_KINDS.includes(s.shape))
      throw new Error(`Unknown shape "${s.shape}". Shapes: ${SHAPE_KINDS.join(", ")}.`);
    if (!COLOUR_NAMES.includes(s.colour))
      throw new Error(`Unknown colour "${s.colour}". Colours: ${COLOUR_NAMES.join(", ")}.`);
    const ok = [s.x, s.y, s.size].every(Number.isFinite) && s.size > 0;
    if (!ok || s.x < 0 || s.y < 0 || s.x > imageSize || s.y > imageSize) {
      throw new Error(`A ${s.colour} ${s.shape} lies outside the ${imageSize}×${imageSize} image.`);
    }
  }
}
