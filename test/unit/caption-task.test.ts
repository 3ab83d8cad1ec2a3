import { test } from "node:test";
import assert from "node:assert/strict";
import {
  captionOf,
  COLOURS,
  DEFAULT_SCENES,
  rasterise,
  sceneStream,
  shapeCells,
  shapeMask,
  validateScene,
  MIN_X_SEPARATION,
  type Scene,
} from "../../src/components/tasks/scenes.ts";
import { captionBatch, CAPTION_TOKENS, decodeWords, encodeWords } from "../../src/components/tasks/captions.ts";
import { BOS, EOS, PAD } from "../../src/components/tasks/vocabulary.ts";

const scenes = (seed: number, n: number, config = DEFAULT_SCENES) =>
  Array.from({ length: n }, sceneStream(config, seed));

test("the same seed draws the same scenes and pixels; another seed draws others", () => {
  assert.deepEqual(scenes(3, 20), scenes(3, 20));
  assert.deepEqual(rasterise(scenes(3, 1)[0]), rasterise(scenes(3, 1)[0]));
  assert.notDeepEqual(scenes(3, 20), scenes(4, 20));
});

test("scenes hold 2–3 shapes inside the image, apart, and clearly ordered left to right", () => {
  const counts = new Set<number>();
  for (const scene of scenes(1, 300)) {
    counts.add(scene.shapes.length);
    const masks = scene.shapes.map((s) => shapeMask(s, scene.imageSize));
    for (const [i, s] of scene.shapes.entries()) {
      assert.ok(s.x - s.size / 2 >= 0 && s.x + s.size / 2 <= scene.imageSize && s.y - s.size / 2 >= 0);
      assert.ok(
        masks[i].some((m) => m === 1),
        "every shape covers pixels",
      );
      for (let k = 0; k < i; k++) {
        assert.ok(!masks[i].some((m, p) => m && masks[k][p]), "shapes do not overlap");
        assert.ok(Math.abs(s.x - scene.shapes[k].x) >= MIN_X_SEPARATION);
      }
    }
  }
  assert.deepEqual([...counts].sort(), [2, 3]);
});

test("every caption word names the colour or kind of its shape, read left to right", () => {
  for (const scene of scenes(2, 300)) {
    const { words, shapeOf } = captionOf(scene);
    assert.equal(words.length, 2 * scene.shapes.length);
    const xs = shapeOf.filter((_, t) => t % 2 === 0).map((i) => scene.shapes[i].x);
    assert.deepEqual(
      xs,
      [...xs].sort((a, b) => a - b),
    );
    assert.equal(new Set(shapeOf).size, scene.shapes.length, "each shape named once");
    words.forEach((w, t) => {
      const s = scene.shapes[shapeOf[t]];
      assert.equal(w, t % 2 === 0 ? s.colour : s.shape);
    });
  }
});

test("the pixels inside a named shape's mask have exactly the colour its word names", () => {
  for (const scene of scenes(5, 100)) {
    const image = rasterise(scene);
    const S = scene.imageSize;
    const { words, shapeOf } = captionOf(scene);
    words.forEach((w, t) => {
      if (t % 2 !== 0) return;
      const mask = shapeMask(scene.shapes[shapeOf[t]], S);
      // A fully covered pixel (not an anti-aliased edge) is the pure colour.
      const full = [...mask.keys()].filter(
        (p) => mask[p] && image[p * 3] === Math.fround(COLOURS[w as keyof typeof COLOURS][0]),
      );
      assert.ok(full.length >= 10, `${w}: ${full.length} pure pixels`);
    });
  }
});

test("a shape's cells are the grid cells its pixels fall in", () => {
  const scene: Scene = {
    imageSize: 32,
    shapes: [
      { shape: "square", colour: "red", x: 4, y: 4, size: 6 }, // inside cell 0 of a 4×4 grid
      { shape: "circle", colour: "blue", x: 16, y: 24, size: 8 }, // across the lines x = 16 and y = 24
    ],
  };
  assert.deepEqual(shapeCells(scene, 4), [[0], [9, 10, 13, 14]]);
  assert.deepEqual(shapeCells(scene, 1), [[0], [0]]);
  assert.equal(shapeCells(scene, 8)[0].length, 4); // 6 px across 4-px cells: 2 × 2 cells
  assert.throws(() => shapeCells(scene, 5), /does not divide/);
});

test("a caption batch pads, marks BOS and EOS, and points every word at its shape's cells", () => {
  const batch = captionBatch(scenes(6, 8), 4, 7);
  assert.equal(batch.images.length, 8 * 32 * 32 * 3);
  batch.targetOut.forEach((row, b) => {
    const n = row.indexOf(EOS);
    assert.equal(n, 2 * scenes(6, 8)[b].shapes.length);
    assert.ok(row.slice(n + 1).every((id) => id === PAD));
    assert.equal(batch.targetIn[b][0], BOS);
    assert.deepEqual(batch.targetIn[b].slice(1, n + 1), row.slice(0, n));
    assert.ok(batch.cells[b].slice(0, n).every((c) => c.length > 0));
    assert.ok(batch.cells[b].slice(n).every((c) => c.length === 0));
  });
});

test("caption words round-trip through ids; unknown words are named", () => {
  const words = ["red", "circle", "yellow", "cross"];
  assert.deepEqual(decodeWords([...encodeWords(words), EOS, 3]), words);
  assert.equal(CAPTION_TOKENS.length, 11);
  assert.throws(() => encodeWords(["purple"]), /"purple" is not a caption word/);
});

test("a reader's scene outside the image or with unknown shapes is refused in words", () => {
  const ok: Scene = { imageSize: 32, shapes: [{ shape: "cross", colour: "green", x: 10, y: 10, size: 8 }] };
  assert.doesNotThrow(() => validateScene(ok, 32));
  assert.throws(() => validateScene({ ...ok, shapes: [] }, 32), /at least one shape/);
  assert.throws(() => validateScene({ imageSize: 32, shapes: [{ ...ok.shapes[0], x: 40 }] }, 32), /outside/);
  const star = { ...ok.shapes[0], shape: "star" } as unknown as Scene["shapes"][0];
  assert.throws(() => validateScene({ imageSize: 32, shapes: [star] }, 32), /Unknown shape "star"/);
  assert.throws(() => validateScene(ok, 16), /16/);
});
