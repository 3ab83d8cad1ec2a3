/** Seeded parameter creation: the same seed gives the same initial weights on every backend. */
import * as tf from "../tf.js";

// Variable names must be unique across the engine, so every model gets fresh ones.
let nextVariableId = 0;

export type Params = Record<string, tf.Variable>;

export class ParamBuilder {
  readonly params: Params = {};
  private count = 0;
  constructor(private readonly seed: number) {}

  /** Glorot-uniform matrix (Glorot & Bengio 2010): keeps activations' variance steady at init. */
  matrix(name: string, rows: number, cols: number): tf.Variable {
    const limit = Math.sqrt(6 / (rows + cols));
    const seed = this.seed * 1000 + this.count++;
    // tidy disposes the initialiser tensor that tf.variable copies (see STACK.md).
    return this.add(
      name,
      tf.tidy(() => tf.randomUniform([rows, cols], -limit, limit, "float32", seed)),
    );
  }

  zeros(name: string, size: number): tf.Variable {
    this.count++;
    return this.add(
      name,
      tf.tidy(() => tf.zeros([size])),
    );
  }

  private add(name: string, init: tf.Tensor): tf.Variable {
    if (this.params[name]) throw new Error(`Parameter ${name} defined twice.`);
    const v = tf.variable(init, true, `${name}#${nextVariableId++}`);
    init.dispose();
    this.params[name] = v;
    return v;
  }
}

export function countParameters(params: Params): number {
  return Object.values(params).reduce((n, v) => n + v.size, 0);
}

export function disposeParams(params: Params): void {
  for (const v of Object.values(params)) v.dispose();
}
