/**
 * Adam (Kingma & Ba 2015, algorithm 1) with the gradients' global-norm clipping (Pascanu et al.
 * 2013) folded in, one loop kernel per parameter (model/loop-kernels.ts) where the backend has
 * them. tf.train.adam updates each parameter with ~12 kernels and clipByGlobalNorm adds ~3 more:
 * about 250 launches a step for the page models' 17 parameters, a sixth of all a step launched
 * once the model's own loops were fused. Here: one sum of squares and one update per parameter.
 * The same rule as tf.train.adam (its defaults: β1 0.9, β2 0.999, ε the backend's epsilon):
 *   g ← g · c / max(‖g‖, c),  m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²
 *   w ← w − η (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)
 * `adam()` gives tf.train.adam where the loop kernels do not run (WebGL).
 */
import * as tf from "../tf.js";
import { hasLoopKernel, registerLoopKernel, runLoopKernel } from "../model/loop-kernels.js";

const SUM_OF_SQUARES = "GlimpseSumOfSquares";
const UPDATE = "GlimpseClippedAdam";

registerLoopKernel(
  SUM_OF_SQUARES,
  ["x"],
  () => [[1]],
  ([x], [out]) => {
    let sum = 0;
    for (let i = 0; i < x!.length; i++) sum += x![i] * x![i];
    out[0] = sum;
  },
);

// settings: [η, β1, β2, 1 − β1ᵗ, 1 − β2ᵗ, ε, c]; squares: Σ‖g‖² over every parameter [1].
registerLoopKernel(
  UPDATE,
  ["w", "m", "v", "g", "squares", "settings"],
  ([w]) => [w, w, w],
  (ins, [w2, m2, v2]) => {
    const [w, m, v, g, squares, settings] = ins as Float32Array[];
    const [rate, beta1, beta2, bias1, bias2, epsilon, maxNorm] = settings;
    const norm = Math.sqrt(squares[0]);
    const scale = maxNorm / Math.max(norm, maxNorm);
    for (let i = 0; i < w.length; i++) {
      const gi = g[i] * scale;
      const mi = beta1 * m[i] + (1 - beta1) * gi;
      const vi = beta2 * v[i] + (1 - beta2) * gi * gi;
      m2[i] = mi;
      v2[i] = vi;
      w2[i] = w[i] - (rate * (mi / bias1)) / (Math.sqrt(vi / bias2) + epsilon);
    }
  },
);

/** Adam with clipping in one kernel per parameter; `applyGradients` alone does not clip. */
export class ClippedAdam extends tf.Optimizer {
  static className = "GlimpseClippedAdam";
  private readonly moments = new Map<string, { m: tf.Variable; v: tf.Variable }>();
  private steps = 0;

  constructor(
    public learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = tf.backend().epsilon(),
  ) {
    super();
  }

  /** One update of the named variables, their gradients rescaled to global norm ≤ `clipNorm`. */
  applyClippedGradients(grads: tf.NamedTensorMap, clipNorm: number): void {
    this.steps++;
    const names = Object.keys(grads);
    tf.tidy(() => {
      const squares = tf.addN(names.map((n) => runLoopKernel(SUM_OF_SQUARES, { x: grads[n] })[0]));
      const t = this.steps;
      const settings = tf.tensor1d([
        this.learningRate,
        this.beta1,
        this.beta2,
        1 - this.beta1 ** t,
        1 - this.beta2 ** t,
        this.epsilon,
        clipNorm,
      ]);
      for (const name of names) {
        const w = tf.engine().registeredVariables[name];
        const { m, v } = this.momentsOf(name, w);
        const [w2, m2, v2] = runLoopKernel(UPDATE, { w, m, v, g: grads[name], squares, settings });
        w.assign(w2);
        m.assign(m2);
        v.assign(v2);
      }
    });
  }

  override applyGradients(grads: Parameters<tf.Optimizer["applyGradients"]>[0]): void {
    const named = Array.isArray(grads) ? Object.fromEntries(grads.map((g) => [g.name, g.tensor])) : grads;
    this.applyClippedGradients(named, 1e30); // a bound no gradient reaches: no clipping
  }

  private momentsOf(name: string, w: tf.Variable): { m: tf.Variable; v: tf.Variable } {
    let moments = this.moments.get(name);
    if (!moments) {
      moments = { m: tf.variable(tf.zerosLike(w), false), v: tf.variable(tf.zerosLike(w), false) };
      this.moments.set(name, moments);
    }
    return moments;
  }

  override dispose(): void {
    super.dispose();
    for (const { m, v } of this.moments.values()) tf.dispose([m, v]);
    this.moments.clear();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}

/** Whether `o` is a ClippedAdam: tf.Optimizer's instanceof accepts any optimiser (it checks for its methods). */
export const isClippedAdam = (o: tf.Optimizer): o is ClippedAdam =>
  typeof (o as Partial<ClippedAdam>).applyClippedGradients === "function";

/** Adam for a training loop: ClippedAdam where the loop kernels run, else tf.train.adam. */
export function adam(learningRate: number): tf.Optimizer {
  return hasLoopKernel(UPDATE) ? new ClippedAdam(learningRate) : tf.train.adam(learningRate);
}
