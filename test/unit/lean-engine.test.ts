import assert from "node:assert/strict";
import { afterEach, before, describe, it } from "node:test";
import * as tf from "../../src/components/tf.ts";
import { useLeanEngine, useStockEngine } from "../../src/components/lean-engine.ts";
import { batchTensors, createSeq2Seq, disposeBatch } from "../../src/components/model/index.ts";
import { encodeBatch, makeDataset } from "../../src/components/tasks/index.ts";
import { modelConfigOf, resolveTrainConfig, trainingStep } from "../../src/components/train/index.ts";
import { useNodeBackend } from "../support/node-backend.ts";

/** What a tidy left behind: which of the tensors it saw are still alive, and the live count after. */
interface Outcome {
  alive: boolean[];
  numTensors: number;
  values: number[][];
}

/**
 * Runs `scenario` in a tidy inside an outer one (so moving results to the outer scope is
 * exercised) and records which tensors are alive after the inner tidy and after the outer one.
 */
function run(scenario: Scenario): Outcome {
  const before = tf.memory().numTensors;
  const seen: tf.Tensor[] = [];
  const aliveInner: boolean[] = [];
  const values: number[][] = [];
  tf.tidy(() => {
    const outside = tf.scalar(7);
    seen.push(outside);
    tf.tidy(() => scenario(seen, outside));
    for (const t of seen) {
      aliveInner.push(!t.isDisposed);
      if (!t.isDisposed) values.push([...t.dataSync()]);
    }
  });
  const alive = [...aliveInner, ...seen.map((t) => !t.isDisposed)];
  const numTensors = tf.memory().numTensors - before;
  for (const t of seen) if (!t.isDisposed) t.dispose(); // kept ones
  return { alive, numTensors, values };
}

/** Makes tensors in a tidy, reports them in `seen` and returns what the tidy returns. */
type Scenario = (seen: tf.Tensor[], outside: tf.Tensor) => tf.TensorContainer;

const SCENARIOS: Record<string, Scenario> = {
  "returns nothing": (s) => void s.push(tf.add(tf.scalar(1), tf.scalar(2))),
  "returns a number": (s) => (s.push(tf.scalar(3)), 3) as unknown as tf.TensorContainer,
  "returns a tensor": (s) => {
    const a = tf.scalar(2);
    const b = tf.mul(a, a);
    s.push(a, b);
    return b;
  },
  "returns an array with a tensor twice": (s) => {
    const a = tf.tensor1d([1, 2]);
    const b = tf.neg(a);
    const c = tf.exp(b);
    s.push(a, b, c);
    return [b, b, c];
  },
  "returns nested containers": (s) => {
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.square(a);
    const c = tf.sum(b);
    s.push(a, b, c);
    return { first: [a], deeper: { sum: c } } as unknown as tf.TensorContainer;
  },
  "keeps a tensor with tf.keep": (s) => {
    const a = tf.keep(tf.scalar(5));
    const b = tf.add(a, 1);
    s.push(a, b);
    return undefined as unknown as tf.TensorContainer;
  },
  "returns a tensor made outside the scope": (_, outside) => outside,
  "returns an inner tidy's result": (s) => {
    const inner = tf.tidy(() => {
      const x = tf.scalar(4);
      s.push(x);
      return tf.sqrt(x);
    });
    s.push(inner);
    return inner;
  },
};

/** Gradient values (or the error a scenario throws) and how many tensors it left behind. */
function gradientOutcome(scenario: () => tf.Tensor[]): { values: number[][]; error?: string; leftBehind: number } {
  const before = tf.memory().numTensors;
  try {
    const grads = scenario();
    const values = grads.map((g) => [...g.dataSync()]);
    tf.dispose(grads);
    return { values, leftBehind: tf.memory().numTensors - before };
  } catch (e) {
    return { values: [], error: (e as Error).message, leftBehind: tf.memory().numTensors - before };
  }
}

const a = () =>
  tf.tensor2d([
    [0.5, -1.5],
    [2, 0.25],
  ]);
const b = () =>
  tf.tensor2d([
    [1.5, 0.5],
    [-0.75, 3],
  ]);

const GRADIENT_SCENARIOS: Record<string, () => tf.Tensor[]> = {
  "two inputs, one used twice": () =>
    tf.tidy(() =>
      tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.add(tf.mul(x, y), tf.tanh(tf.matMul(x, x)))))([a(), b()]),
    ),
  "an upstream gradient dy": () =>
    tf.tidy(() => [
      tf.grad((x: tf.Tensor) => tf.softmax(tf.mul(x, 3)))(
        a(),
        tf.tensor2d([
          [1, 0],
          [0.5, -2],
        ]),
      ),
    ]),
  "a second derivative (a gradient taken inside a gradient)": () =>
    tf.tidy(() => [tf.grad((x: tf.Tensor) => tf.sum(tf.grad((z: tf.Tensor) => tf.sum(tf.pow(z, 3)))(x)))(a())]),
  "variables, one unused (variableGrads leaves it out)": () =>
    tf.tidy(() => {
      const used = tf.variable(a(), true);
      const unused = tf.variable(b(), true);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(used)) as tf.Scalar, [used, unused]);
      const out = [value, ...Object.keys(grads).map((k) => (k === used.name ? grads[k] : tf.scalar(-1)))];
      const kept = out.map((t) => tf.keep(t.clone()));
      used.dispose();
      unused.dispose();
      return kept;
    }),
  "y not a function of x (an error)": () => tf.tidy(() => [tf.grad(() => tf.scalar(1))(a())]),
};

describe("lean-engine: endScope and gradients, against the stock engine", () => {
  before(async () => {
    await useNodeBackend();
  });
  afterEach(() => useLeanEngine());

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(`a tidy frees and keeps what the stock one does: ${name}`, () => {
      useStockEngine();
      const stock = run(scenario);
      useLeanEngine();
      const lean = run(scenario);
      assert.deepEqual(lean, stock);
    });
  }

  for (const [name, scenario] of Object.entries(GRADIENT_SCENARIOS)) {
    it(`gradients equal the stock ones, bit for bit: ${name}`, () => {
      useStockEngine();
      const stock = gradientOutcome(scenario);
      useLeanEngine();
      const lean = gradientOutcome(scenario);
      assert.deepEqual(lean, stock);
    });
  }

  it("trains a model to the same loss as the stock one, with no tensor left behind", () => {
    const losses = (lean: boolean) => {
      if (lean) useLeanEngine();
      else useStockEngine();
      const config = resolveTrainConfig({
        task: "reverse-words",
        minLength: 3,
        maxLength: 8,
        hiddenSize: 8,
        batchSize: 4,
        attention: "additive",
        seed: 3,
      });
      const data = makeDataset(config);
      const model = createSeq2Seq(modelConfigOf(config, data.vocab.size));
      const optimizer = tf.train.adam(0.05);
      const batch = batchTensors(encodeBatch(data.nextBatch(config.batchSize), data.vocab, config));
      const start = tf.memory().numTensors;
      const out: number[] = [];
      const counts: number[] = [];
      for (let i = 0; i < 4; i++) {
        const loss = trainingStep(model, optimizer, batch, { clipNorm: config.clipNorm, seed: i });
        out.push(loss.dataSync()[0]);
        loss.dispose();
        counts.push(tf.memory().numTensors);
      }
      optimizer.dispose();
      model.dispose();
      disposeBatch(batch);
      return { out, grewBy: counts[3] - counts[1], end: tf.memory().numTensors - start };
    };
    const stock = losses(false);
    const lean = losses(true);
    assert.deepEqual(lean.out, stock.out);
    assert.equal(lean.grewBy, 0, "no tensor leaks from step to step");
    assert.equal(lean.end, stock.end);
  });

  it("is installed once: a second call changes nothing, and the stock methods come back", () => {
    const methods = () => {
      const e = tf.engine() as unknown as { endScope: unknown; gradients: unknown };
      return [e.endScope, e.gradients];
    };
    useLeanEngine();
    const lean = methods();
    useLeanEngine();
    assert.deepEqual(methods(), lean);
    useStockEngine();
    const stock = methods();
    assert.ok(stock.every((m, i) => m !== lean[i] && typeof m === "function"));
  });
});
